package io.secplane.secureendpoint.fleet;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Groups and computers of Secure Endpoint organizations. A computer's policy is its group's for its
 * operating system, read by a join; every count is read from the rows.
 */
@Repository
public class FleetRepository {

    public record PolicyRef(UUID guid, String name, String operatingSystem) {
    }

    public record Group(UUID guid, String seOrg, String name, String description, UUID parent, List<PolicyRef> policies,
                        long computers, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    public record Computer(UUID connectorGuid, String seOrg, UUID groupGuid, String hostname, String operatingSystem,
                           String osVersion, String connectorVersion, List<String> internalIps, String externalIp,
                           OffsetDateTime lastSeen, OffsetDateTime createdAt, PolicyRef policy) {
    }

    /** The filters of a list of computers (null: any). */
    public record Filter(String hostnameStart, UUID group, String operatingSystem, String internalIp, String externalIp,
                         Instant seenAfter, Instant notSeenSince, UUID policy) {
        public static Filter none() {
            return new Filter(null, null, null, null, null, null, null, null);
        }
    }

    private static final String GROUP_COLUMNS = "g.guid, g.se_org, g.name, g.description, g.parent_guid, "
            + "(SELECT COUNT(*) FROM se_computers c WHERE c.group_guid = g.guid), g.created_at, g.updated_at";
    private static final String COMPUTER_FROM = "SELECT c.connector_guid, c.se_org, c.group_guid, c.hostname, c.operating_system, "
            + "c.os_version, c.connector_version, c.internal_ips, c.external_ip, c.last_seen, c.created_at, p.guid, p.name "
            + "FROM se_computers c JOIN se_group_policies gp ON gp.group_guid = c.group_guid "
            + "AND gp.operating_system = c.operating_system JOIN se_policies p ON p.guid = gp.policy_guid";

    private final JdbcClient jdbc;

    public FleetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long countGroups(String seOrg, String nameContains, UUID policy) {
        List<Object> args = new ArrayList<>();
        return jdbc.sql("SELECT COUNT(*) FROM se_groups g WHERE " + groupWhere(seOrg, nameContains, policy, args)).params(args)
                .query(Long.class).single();
    }

    public List<Group> groups(String seOrg, String nameContains, UUID policy, int start, int size) {
        List<Object> args = new ArrayList<>();
        String where = groupWhere(seOrg, nameContains, policy, args);
        args.add(size);
        args.add(start);
        List<Group> bare = jdbc.sql("SELECT " + GROUP_COLUMNS + " FROM se_groups g WHERE " + where
                + " ORDER BY g.name_key, g.guid LIMIT ? OFFSET ?").params(args).query(FleetRepository::group).list();
        return withPolicies(bare);
    }

    public Optional<Group> group(String seOrg, UUID guid) {
        return jdbc.sql("SELECT " + GROUP_COLUMNS + " FROM se_groups g WHERE g.se_org = ? AND g.guid = ?").param(seOrg)
                .param(guid).query(FleetRepository::group).optional().map(g -> withPolicies(List.of(g)).get(0));
    }

    public long countComputers(String seOrg, Filter f) {
        List<Object> args = new ArrayList<>();
        return jdbc.sql("SELECT COUNT(*) FROM se_computers c" + policyJoin(f) + " WHERE " + computerWhere(seOrg, f, args))
                .params(args).query(Long.class).single();
    }

    /** How far apart the positions kept of a list are. */
    static final int STRIDE = 1000;

    /**
     * How many computers a list has, and the sort key of every {@link #STRIDE}-th (positions STRIDE-1,
     * 2*STRIDE-1, ...): where a page deep in the list starts, found by the key instead of counted to.
     */
    public record Positions(long total, List<Object[]> marks) {
    }

    public Positions positions(String seOrg, Filter f) {
        List<Object> args = new ArrayList<>();
        String where = computerWhere(seOrg, f, args);
        long[] total = {0};
        List<Object[]> marks = new ArrayList<>();
        jdbc.sql("SELECT n, total, hostname_key, connector_guid FROM (SELECT c.hostname_key, c.connector_guid, "
                        + "ROW_NUMBER() OVER (ORDER BY c.hostname_key, c.connector_guid) AS n, COUNT(*) OVER () AS total "
                        + "FROM se_computers c" + policyJoin(f) + " WHERE " + where + ") x WHERE n = 1 OR MOD(n, " + STRIDE
                        + ") = 0 ORDER BY n")
                .params(args).query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    total[0] = rs.getLong(2);
                    if (rs.getLong(1) % STRIDE == 0) {
                        marks.add(new Object[] {rs.getString(3), rs.getObject(4, UUID.class)});
                    }
                });
        return new Positions(total[0], List.copyOf(marks));
    }

    /**
     * A page of a list by hostname. With the list's positions, a page deep in it starts from the
     * nearest position kept before it (an index finds the key) and counts at most STRIDE rows from
     * there; without, it counts from the top.
     */
    public List<Computer> computers(String seOrg, Filter f, int start, int size, Positions positions) {
        List<Object> args = new ArrayList<>();
        String where = computerWhere(seOrg, f, args);
        int skip = positions == null ? 0 : Math.min(start / STRIDE, positions.marks().size());
        if (skip > 0) {
            Object[] mark = positions.marks().get(skip - 1);
            where += " AND (c.hostname_key, c.connector_guid) > (?, ?)";
            args.add(mark[0]);
            args.add(mark[1]);
        }
        args.add(size);
        args.add(start - skip * STRIDE);
        // the page is found on the computers' own index first, then only its rows are joined to their policy
        return jdbc.sql(COMPUTER_FROM + " JOIN (SELECT c.connector_guid AS id FROM se_computers c" + policyJoin(f)
                        + " WHERE " + where + " ORDER BY c.hostname_key, c.connector_guid LIMIT ? OFFSET ?) page "
                        + "ON page.id = c.connector_guid ORDER BY c.hostname_key, c.connector_guid")
                .params(args).query(FleetRepository::computer).list();
    }

    /** The version of an organization's fleet: raised by every change to which computers it has, or where. */
    public long fleetVersion(String seOrg) {
        return jdbc.sql("SELECT fleet_version FROM se_organizations WHERE identifier = ?").param(seOrg).query(Long.class)
                .optional().orElse(0L);
    }

    private void fleetChanged(String seOrg) {
        jdbc.sql("UPDATE se_organizations SET fleet_version = fleet_version + 1 WHERE identifier = ?").param(seOrg).update();
    }

    private static String policyJoin(Filter f) {
        return f.policy() == null ? "" : " JOIN se_group_policies gp ON gp.group_guid = c.group_guid "
                + "AND gp.operating_system = c.operating_system";
    }

    public Optional<Computer> computer(String seOrg, UUID guid) {
        return jdbc.sql(COMPUTER_FROM + " WHERE c.se_org = ? AND c.connector_guid = ?").param(seOrg).param(guid)
                .query(FleetRepository::computer).optional();
    }

    /** A computer, as installing a connector makes one. */
    public void addComputer(Computer c) {
        jdbc.sql("INSERT INTO se_computers (connector_guid, se_org, group_guid, hostname, hostname_key, operating_system, "
                        + "os_version, connector_version, internal_ips, external_ip, last_seen, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .param(c.connectorGuid()).param(c.seOrg()).param(c.groupGuid()).param(c.hostname())
                .param(c.hostname().toLowerCase(java.util.Locale.ROOT)).param(c.operatingSystem()).param(c.osVersion())
                .param(c.connectorVersion()).param(String.join(",", c.internalIps())).param(c.externalIp())
                .param(c.lastSeen()).param(c.createdAt()).update();
        fleetChanged(c.seOrg());
    }

    /** Moves a computer to a group; false when there is no such computer. */
    public boolean move(String seOrg, UUID computer, UUID group) {
        fleetChanged(seOrg);
        return jdbc.sql("UPDATE se_computers SET group_guid = ? WHERE se_org = ? AND connector_guid = ?").param(group)
                .param(seOrg).param(computer).update() == 1;
    }

    /** A synthetic computer's change (null: unchanged); false when there is no such computer. */
    public boolean change(String seOrg, UUID computer, UUID group, OffsetDateTime lastSeen, String connectorVersion) {
        if (group != null) {
            fleetChanged(seOrg);
        }
        return jdbc.sql("UPDATE se_computers SET group_guid = COALESCE(?, group_guid), last_seen = COALESCE(?, last_seen), "
                        + "connector_version = COALESCE(?, connector_version) WHERE se_org = ? AND connector_guid = ?")
                .param(group).param(lastSeen).param(connectorVersion).param(seOrg).param(computer).update() == 1;
    }

    public boolean remove(String seOrg, UUID computer) {
        fleetChanged(seOrg);
        return jdbc.sql("DELETE FROM se_computers WHERE se_org = ? AND connector_guid = ?").param(seOrg).param(computer)
                .update() == 1;
    }

    /** A group of the organization by its name (any case). */
    public Optional<UUID> groupNamed(String seOrg, String name) {
        return jdbc.sql("SELECT guid FROM se_groups WHERE se_org = ? AND name_key = ?").param(seOrg)
                .param(name.toLowerCase(java.util.Locale.ROOT)).query(UUID.class).optional();
    }

    /** The computer, locked until the transaction ends (a change to it waits for another); false when it is not there. */
    public boolean lockComputer(String seOrg, UUID computer) {
        return !jdbc.sql("SELECT connector_guid FROM se_computers WHERE se_org = ? AND connector_guid = ? FOR UPDATE").param(seOrg)
                .param(computer).query(UUID.class).list().isEmpty();
    }

    /** The group's row, locked until the transaction ends (a move waits for the group's own changes). */
    public boolean lockGroup(String seOrg, UUID guid) {
        return !jdbc.sql("SELECT guid FROM se_groups WHERE se_org = ? AND guid = ? FOR UPDATE").param(seOrg).param(guid)
                .query(UUID.class).list().isEmpty();
    }

    private List<Group> withPolicies(List<Group> groups) {
        if (groups.isEmpty()) {
            return groups;
        }
        Map<UUID, List<PolicyRef>> by = new LinkedHashMap<>();
        groups.forEach(g -> by.put(g.guid(), new ArrayList<>()));
        String marks = String.join(", ", java.util.Collections.nCopies(groups.size(), "?"));
        jdbc.sql("SELECT gp.group_guid, p.guid, p.name, p.operating_system FROM se_group_policies gp "
                        + "JOIN se_policies p ON p.guid = gp.policy_guid WHERE gp.group_guid IN (" + marks + ") "
                        + "ORDER BY gp.operating_system")
                .params(groups.stream().map(Group::guid).map(Object.class::cast).toList())
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> by.get(rs.getObject(1, UUID.class))
                        .add(new PolicyRef(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4))));
        return groups.stream().map(g -> new Group(g.guid(), g.seOrg(), g.name(), g.description(), g.parent(),
                List.copyOf(by.get(g.guid())), g.computers(), g.createdAt(), g.updatedAt())).toList();
    }

    private static String groupWhere(String seOrg, String nameContains, UUID policy, List<Object> args) {
        StringBuilder w = new StringBuilder("g.se_org = ?");
        args.add(seOrg);
        if (nameContains != null) {
            w.append(" AND g.name_key LIKE ? ESCAPE '!'");
            args.add(io.secplane.db.Sql.containsAnyCase(nameContains));
        }
        if (policy != null) {
            w.append(" AND EXISTS (SELECT 1 FROM se_group_policies gp WHERE gp.group_guid = g.guid AND gp.policy_guid = ?)");
            args.add(policy);
        }
        return w.toString();
    }

    private static String computerWhere(String seOrg, Filter f, List<Object> args) {
        StringBuilder w = new StringBuilder("c.se_org = ?");
        args.add(seOrg);
        if (f.hostnameStart() != null) {
            // from its start, any case (an index finds it); as v1's hostname filter matches
            w.append(" AND c.hostname_key LIKE ? ESCAPE '!'");
            args.add(io.secplane.db.Sql.likeEscaped(f.hostnameStart().toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        if (f.group() != null) {
            w.append(" AND c.group_guid = ?");
            args.add(f.group());
        }
        if (f.operatingSystem() != null) {
            w.append(" AND c.operating_system = ?");
            args.add(f.operatingSystem());
        }
        if (f.internalIp() != null) {
            // one address of the comma-separated list, whole
            w.append(" AND (',' || c.internal_ips || ',') LIKE ? ESCAPE '!'");
            args.add("%," + io.secplane.db.Sql.likeEscaped(f.internalIp()) + ",%");
        }
        if (f.externalIp() != null) {
            w.append(" AND c.external_ip = ?");
            args.add(f.externalIp());
        }
        if (f.seenAfter() != null) {
            w.append(" AND c.last_seen >= ?");
            args.add(OffsetDateTime.ofInstant(f.seenAfter(), ZoneOffset.UTC));
        }
        if (f.notSeenSince() != null) {
            w.append(" AND c.last_seen < ?");
            args.add(OffsetDateTime.ofInstant(f.notSeenSince(), ZoneOffset.UTC));
        }
        if (f.policy() != null) {
            w.append(" AND gp.policy_guid = ?");
            args.add(f.policy());
        }
        return w.toString();
    }

    private static Group group(ResultSet rs, int n) throws SQLException {
        return new Group(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, UUID.class), List.of(), rs.getLong(6), rs.getObject(7, OffsetDateTime.class),
                rs.getObject(8, OffsetDateTime.class));
    }

    private static Computer computer(ResultSet rs, int n) throws SQLException {
        String ips = rs.getString(8);
        return new Computer(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), ips.isEmpty() ? List.of() : List.of(ips.split(",")),
                rs.getString(9), rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class),
                new PolicyRef(rs.getObject(12, UUID.class), rs.getString(13), rs.getString(5)));
    }
}
