package io.secplane.secureendpoint.configuration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The policies of Secure Endpoint organizations and the exclusion sets each carries. A policy's
 * serial number rises, and its {@code updatedAt} moves, with every change a connector would receive.
 */
@Repository
public class PolicyRepository {

    public record Policy(UUID guid, String seOrg, String name, String description, String operatingSystem,
                         String policyType, long serialNumber, boolean orbital, OffsetDateTime createdAt,
                         OffsetDateTime updatedAt) {
    }

    /** The filters of a list of policies (null: any). */
    public record Filter(String operatingSystem, String policyType, String nameContains) {
    }

    private static final String COLUMNS = "guid, se_org, name, description, operating_system, policy_type, serial_number, "
            + "orbital_enabled, created_at, updated_at";

    private final JdbcClient jdbc;

    public PolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long count(String seOrg, Filter f) {
        List<Object> args = new ArrayList<>();
        String where = where(seOrg, f, args);
        return jdbc.sql("SELECT COUNT(*) FROM se_policies WHERE " + where).params(args).query(Long.class).single();
    }

    public List<Policy> page(String seOrg, Filter f, int start, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(seOrg, f, args);
        args.add(size);
        args.add(start);
        return jdbc.sql("SELECT " + COLUMNS + " FROM se_policies WHERE " + where
                        + " ORDER BY name, operating_system, guid LIMIT ? OFFSET ?")
                .params(args).query(PolicyRepository::policy).list();
    }

    public Optional<Policy> find(String seOrg, UUID guid) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM se_policies WHERE se_org = ? AND guid = ?").param(seOrg).param(guid)
                .query(PolicyRepository::policy).optional();
    }

    /** The policy, locked until the transaction ends (changes to one policy are made one at a time). */
    public Optional<Policy> lock(String seOrg, UUID guid) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM se_policies WHERE se_org = ? AND guid = ? FOR UPDATE").param(seOrg)
                .param(guid).query(PolicyRepository::policy).optional();
    }

    /** A change a connector would receive: the serial number rises. */
    public void changed(UUID policy) {
        jdbc.sql("UPDATE se_policies SET serial_number = serial_number + 1, updated_at = ? WHERE guid = ?")
                .param(io.secplane.db.Sql.now()).param(policy).update();
    }

    /** A change to an exclusion set: every policy that carries it has changed. */
    public void setChanged(UUID set) {
        changedWhere("guid IN (SELECT policy_guid FROM se_policy_exclusion_sets WHERE set_guid = ?)", set);
    }

    /** A change to a device-control configuration or its rules: every policy that carries it has changed. */
    public void deviceControlChanged(UUID configuration) {
        changedWhere("device_control_guid = ?", configuration);
    }

    /**
     * Raises the serial number of the policies a condition picks, locking them first in the order of
     * their guids: two changes that reach the same policies (a set's and a configuration's) never
     * wait for each other in a circle.
     */
    private void changedWhere(String condition, UUID value) {
        jdbc.sql("SELECT guid FROM se_policies WHERE " + condition + " ORDER BY guid FOR UPDATE").param(value)
                .query(UUID.class).list();
        jdbc.sql("UPDATE se_policies SET serial_number = serial_number + 1, updated_at = ? WHERE " + condition)
                .param(io.secplane.db.Sql.now()).param(value).update();
    }

    /** The device-control configuration a policy carries, if any. */
    public Optional<UUID> deviceControlOf(UUID policy) {
        return jdbc.sql("SELECT device_control_guid FROM se_policies WHERE guid = ? AND device_control_guid IS NOT NULL")
                .param(policy).query(UUID.class).optional();
    }

    /** Gives a policy a device-control configuration (null: none); the caller holds the policy's lock and raises its serial number. */
    public void setDeviceControl(UUID policy, UUID configuration) {
        jdbc.sql("UPDATE se_policies SET device_control_guid = ? WHERE guid = ?").param(configuration).param(policy).update();
    }

    /** The policies that carry a device-control configuration, by name. */
    public List<Policy> carryingDeviceControl(UUID configuration) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM se_policies WHERE device_control_guid = ? ORDER BY name, operating_system, guid")
                .param(configuration).query(PolicyRepository::policy).list();
    }

    /** Attaches a set; false when it was attached already (the caller holds the policy's lock). */
    public boolean attach(UUID policy, UUID set) {
        if (jdbc.sql("SELECT COUNT(*) FROM se_policy_exclusion_sets WHERE policy_guid = ? AND set_guid = ?").param(policy)
                .param(set).query(Long.class).single() > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO se_policy_exclusion_sets (policy_guid, set_guid, attached_at) VALUES (?, ?, ?)")
                .param(policy).param(set).param(io.secplane.db.Sql.now()).update();
        return true;
    }

    /** Detaches a set; false when it was not attached. */
    public boolean detach(UUID policy, UUID set) {
        return jdbc.sql("DELETE FROM se_policy_exclusion_sets WHERE policy_guid = ? AND set_guid = ?").param(policy).param(set)
                .update() == 1;
    }

    /** The policies that carry a set, by name. */
    public List<Policy> carrying(UUID set) {
        return jdbc.sql("SELECT " + COLUMNS.replaceAll("(^|, )", "$1p.") + " FROM se_policies p "
                        + "JOIN se_policy_exclusion_sets a ON a.policy_guid = p.guid WHERE a.set_guid = ? ORDER BY p.name, p.guid")
                .param(set).query(PolicyRepository::policy).list();
    }

    private static String where(String seOrg, Filter f, List<Object> args) {
        StringBuilder w = new StringBuilder("se_org = ?");
        args.add(seOrg);
        if (f.operatingSystem() != null) {
            w.append(" AND operating_system = ?");
            args.add(f.operatingSystem());
        }
        if (f.policyType() != null) {
            w.append(" AND policy_type = ?");
            args.add(f.policyType());
        }
        if (f.nameContains() != null) {
            w.append(" AND LOWER(name) LIKE ? ESCAPE '!'");
            args.add(io.secplane.db.Sql.containsAnyCase(f.nameContains()));
        }
        return w.toString();
    }

    private static Policy policy(ResultSet rs, int n) throws SQLException {
        return new Policy(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getBoolean(8), rs.getObject(9, OffsetDateTime.class),
                rs.getObject(10, OffsetDateTime.class));
    }
}
