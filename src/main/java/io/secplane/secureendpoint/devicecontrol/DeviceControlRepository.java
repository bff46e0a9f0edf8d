package io.secplane.secureendpoint.devicecontrol;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Device-control configurations of Secure Endpoint organizations and their rules, kept in order
 * (1 is first, no gaps). A configuration's name is unique in its organization, in any case (the
 * database says so, whatever the race). How many groups and computers a configuration reaches is
 * read from the fleet's rows.
 */
@Repository
public class DeviceControlRepository {

    public record Configuration(UUID guid, String seOrg, String name, String description, String usbControlType,
                                String usbNotificationType, long rulesCount, OffsetDateTime createdAt,
                                OffsetDateTime updatedAt) {
    }

    /** A rule: its place, what it does, and its expressions as the API shows them (JSON). */
    public record Rule(UUID guid, UUID configurationGuid, int order, String displayName, String controlType,
                       String notificationType, String quantifier, String expressions, OffsetDateTime createdAt,
                       OffsetDateTime updatedAt) {
    }

    /** What a rule is made of, as created or replaced. */
    public record RuleFields(String displayName, String controlType, String notificationType, String quantifier,
                             String expressions) {
    }

    /** How many computers of an operating system run one connector version. */
    public record ConnectorVersion(String operatingSystem, String version, long computers) {
    }

    /** The orders a list can be sorted in, by their column. */
    public enum Sort {
        NAME("c.name_key"), CREATED_AT("c.created_at"), UPDATED_AT("c.updated_at");

        private final String column;

        Sort(String column) {
            this.column = column;
        }
    }

    private static final String CONFIGURATION_COLUMNS = "c.guid, c.se_org, c.name, c.description, c.usb_control_type, "
            + "c.usb_notification_type, (SELECT COUNT(*) FROM se_device_control_rules r WHERE r.configuration_guid = c.guid), "
            + "c.created_at, c.updated_at";
    private static final String RULE_COLUMNS = "guid, configuration_guid, rule_order, display_name, control_type, "
            + "notification_type, quantifier, expressions, created_at, updated_at";
    /** The computers whose group's policy for their operating system carries a configuration. */
    private static final String REACHED = "FROM se_computers m JOIN se_group_policies gp ON gp.group_guid = m.group_guid "
            + "AND gp.operating_system = m.operating_system JOIN se_policies p ON p.guid = gp.policy_guid "
            + "WHERE p.device_control_guid = ?";

    private final JdbcClient jdbc;

    public DeviceControlRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes a configuration; a name taken in the organization (any case) fails with the database's unique constraint. */
    public Configuration create(String seOrg, String name, String description, String usbControlType,
                                String usbNotificationType) {
        UUID guid = UUID.randomUUID();
        OffsetDateTime now = io.secplane.db.Sql.now();
        jdbc.sql("INSERT INTO se_device_control_configurations (guid, se_org, name, name_key, description, usb_control_type, "
                        + "usb_notification_type, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .param(guid).param(seOrg).param(name).param(key(name)).param(description).param(usbControlType)
                .param(usbNotificationType).param(now).param(now).update();
        return new Configuration(guid, seOrg, name, description, usbControlType, usbNotificationType, 0, now, now);
    }

    public long count(String seOrg, String nameContains) {
        List<Object> args = new ArrayList<>();
        return jdbc.sql("SELECT COUNT(*) FROM se_device_control_configurations c WHERE " + where(seOrg, nameContains, args))
                .params(args).query(Long.class).single();
    }

    public List<Configuration> page(String seOrg, String nameContains, Sort sort, boolean descending, int start, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(seOrg, nameContains, args);
        args.add(size);
        args.add(start);
        String direction = descending ? " DESC" : "";
        return jdbc.sql("SELECT " + CONFIGURATION_COLUMNS + " FROM se_device_control_configurations c WHERE " + where
                        + " ORDER BY " + sort.column + direction + ", c.guid" + direction + " LIMIT ? OFFSET ?")
                .params(args).query(DeviceControlRepository::configuration).list();
    }

    public Optional<Configuration> find(String seOrg, UUID guid) {
        return jdbc.sql("SELECT " + CONFIGURATION_COLUMNS + " FROM se_device_control_configurations c "
                        + "WHERE c.se_org = ? AND c.guid = ?")
                .param(seOrg).param(guid).query(DeviceControlRepository::configuration).optional();
    }

    /** The configuration, locked until the transaction ends: changes to it, its rules and who carries it wait for another. */
    public boolean lock(String seOrg, UUID guid) {
        return !jdbc.sql("SELECT guid FROM se_device_control_configurations WHERE se_org = ? AND guid = ? FOR UPDATE")
                .param(seOrg).param(guid).query(UUID.class).list().isEmpty();
    }

    /** Changes what is given (null: unchanged); a name taken fails with the unique constraint. */
    public void update(UUID guid, String name, String description, String usbControlType, String usbNotificationType) {
        jdbc.sql("UPDATE se_device_control_configurations SET name = COALESCE(?, name), name_key = COALESCE(?, name_key), "
                        + "description = COALESCE(?, description), usb_control_type = COALESCE(?, usb_control_type), "
                        + "usb_notification_type = COALESCE(?, usb_notification_type), updated_at = ? WHERE guid = ?")
                .param(name).param(name == null ? null : key(name)).param(description).param(usbControlType)
                .param(usbNotificationType).param(io.secplane.db.Sql.now()).param(guid).update();
    }

    public void touch(UUID guid) {
        jdbc.sql("UPDATE se_device_control_configurations SET updated_at = ? WHERE guid = ?")
                .param(io.secplane.db.Sql.now()).param(guid).update();
    }

    /** Deletes a configuration and its rules (the caller made sure no policy carries it). */
    public void delete(UUID guid) {
        jdbc.sql("DELETE FROM se_device_control_rules WHERE configuration_guid = ?").param(guid).update();
        jdbc.sql("DELETE FROM se_device_control_configurations WHERE guid = ?").param(guid).update();
    }

    public long countRules(UUID configuration) {
        return jdbc.sql("SELECT COUNT(*) FROM se_device_control_rules WHERE configuration_guid = ?").param(configuration)
                .query(Long.class).single();
    }

    /** A page of a configuration's rules, first to last. */
    public List<Rule> rules(UUID configuration, int start, int size) {
        return jdbc.sql("SELECT " + RULE_COLUMNS + " FROM se_device_control_rules WHERE configuration_guid = ? "
                        + "ORDER BY rule_order LIMIT ? OFFSET ?")
                .param(configuration).param(size).param(start).query(DeviceControlRepository::rule).list();
    }

    public Optional<Rule> findRule(UUID configuration, UUID guid) {
        return jdbc.sql("SELECT " + RULE_COLUMNS + " FROM se_device_control_rules WHERE configuration_guid = ? AND guid = ?")
                .param(configuration).param(guid).query(DeviceControlRepository::rule).optional();
    }

    /** Moves the rules whose order is within [from, to] by {@code delta} places. */
    public void shift(UUID configuration, int from, int to, int delta) {
        jdbc.sql("UPDATE se_device_control_rules SET rule_order = rule_order + ? "
                        + "WHERE configuration_guid = ? AND rule_order >= ? AND rule_order <= ?")
                .param(delta).param(configuration).param(from).param(to).update();
    }

    /** Adds a rule at an order the caller made free. */
    public Rule insertRule(UUID configuration, int order, RuleFields f) {
        UUID guid = UUID.randomUUID();
        OffsetDateTime now = io.secplane.db.Sql.now();
        jdbc.sql("INSERT INTO se_device_control_rules (guid, configuration_guid, rule_order, display_name, control_type, "
                        + "notification_type, quantifier, expressions, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .param(guid).param(configuration).param(order).param(f.displayName()).param(f.controlType())
                .param(f.notificationType()).param(f.quantifier()).param(f.expressions()).param(now).param(now).update();
        return new Rule(guid, configuration, order, f.displayName(), f.controlType(), f.notificationType(), f.quantifier(),
                f.expressions(), now, now);
    }

    public void updateRule(UUID guid, int order, RuleFields f) {
        jdbc.sql("UPDATE se_device_control_rules SET rule_order = ?, display_name = ?, control_type = ?, notification_type = ?, "
                        + "quantifier = ?, expressions = ?, updated_at = ? WHERE guid = ?")
                .param(order).param(f.displayName()).param(f.controlType()).param(f.notificationType()).param(f.quantifier())
                .param(f.expressions()).param(io.secplane.db.Sql.now()).param(guid).update();
    }

    public void setOrder(UUID guid, int order) {
        jdbc.sql("UPDATE se_device_control_rules SET rule_order = ? WHERE guid = ?").param(order).param(guid).update();
    }

    public void deleteRule(UUID guid) {
        jdbc.sql("DELETE FROM se_device_control_rules WHERE guid = ?").param(guid).update();
    }

    /** The guids of a configuration's rules, first to last. */
    public List<UUID> ruleGuids(UUID configuration) {
        return jdbc.sql("SELECT guid FROM se_device_control_rules WHERE configuration_guid = ? ORDER BY rule_order")
                .param(configuration).query(UUID.class).list();
    }

    /** How many groups have a policy (for any operating system) that carries the configuration. */
    public long groupCount(UUID configuration) {
        return jdbc.sql("SELECT COUNT(DISTINCT gp.group_guid) FROM se_group_policies gp JOIN se_policies p "
                        + "ON p.guid = gp.policy_guid WHERE p.device_control_guid = ?")
                .param(configuration).query(Long.class).single();
    }

    /** How many computers the configuration applies to. */
    public long computerCount(UUID configuration) {
        return jdbc.sql("SELECT COUNT(*) " + REACHED).param(configuration).query(Long.class).single();
    }

    /** The connector versions of the computers the configuration applies to (a few rows, whatever the fleet's size). */
    public List<ConnectorVersion> connectorVersions(UUID configuration) {
        return jdbc.sql("SELECT m.operating_system, m.connector_version, COUNT(*) " + REACHED
                        + " GROUP BY m.operating_system, m.connector_version")
                .param(configuration)
                .query((rs, n) -> new ConnectorVersion(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String where(String seOrg, String nameContains, List<Object> args) {
        StringBuilder w = new StringBuilder("c.se_org = ?");
        args.add(seOrg);
        if (nameContains != null) {
            w.append(" AND c.name_key LIKE ? ESCAPE '!'");
            args.add(io.secplane.db.Sql.containsAnyCase(nameContains));
        }
        return w.toString();
    }

    private static Configuration configuration(ResultSet rs, int n) throws SQLException {
        return new Configuration(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getLong(7), rs.getObject(8, OffsetDateTime.class),
                rs.getObject(9, OffsetDateTime.class));
    }

    private static Rule rule(ResultSet rs, int n) throws SQLException {
        return new Rule(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class),
                rs.getObject(10, OffsetDateTime.class));
    }
}
