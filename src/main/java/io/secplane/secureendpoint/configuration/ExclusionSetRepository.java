package io.secplane.secureendpoint.configuration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Exclusion sets of Secure Endpoint organizations and their exclusions (kept in the order added).
 * A set's name is unique in its organization, in any case (the database says so, whatever the race).
 */
@Repository
public class ExclusionSetRepository {

    public record ExclusionSet(UUID guid, String seOrg, String name, String description, String operatingSystem,
                               long exclusionsCount, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** An exclusion: its type and that type's fields, as JSON. */
    public record Exclusion(UUID guid, UUID setGuid, String exclusionType, String fields, OffsetDateTime createdAt) {
    }

    private static final String SET_COLUMNS = "s.guid, s.se_org, s.name, s.description, s.operating_system, "
            + "(SELECT COUNT(*) FROM se_exclusions e WHERE e.set_guid = s.guid), s.created_at, s.updated_at";
    private static final String EXCLUSION_COLUMNS = "guid, set_guid, exclusion_type, fields, created_at";

    private final JdbcClient jdbc;

    public ExclusionSetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes a set; a name taken in the organization (any case) fails with the database's unique constraint. */
    public ExclusionSet create(String seOrg, String name, String description, String operatingSystem) {
        UUID guid = UUID.randomUUID();
        OffsetDateTime now = io.secplane.db.Sql.now();
        jdbc.sql("INSERT INTO se_exclusion_sets (guid, se_org, name, name_key, description, operating_system, created_at, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .param(guid).param(seOrg).param(name).param(key(name)).param(description).param(operatingSystem).param(now)
                .param(now).update();
        return new ExclusionSet(guid, seOrg, name, description, operatingSystem, 0, now, now);
    }

    public long count(String seOrg, String operatingSystem, String nameContains) {
        List<Object> args = new ArrayList<>();
        return jdbc.sql("SELECT COUNT(*) FROM se_exclusion_sets s WHERE " + where(seOrg, operatingSystem, nameContains, args))
                .params(args).query(Long.class).single();
    }

    public List<ExclusionSet> page(String seOrg, String operatingSystem, String nameContains, int start, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(seOrg, operatingSystem, nameContains, args);
        args.add(size);
        args.add(start);
        return jdbc.sql("SELECT " + SET_COLUMNS + " FROM se_exclusion_sets s WHERE " + where
                        + " ORDER BY s.name_key, s.guid LIMIT ? OFFSET ?")
                .params(args).query(ExclusionSetRepository::set).list();
    }

    public Optional<ExclusionSet> find(String seOrg, UUID guid) {
        return jdbc.sql("SELECT " + SET_COLUMNS + " FROM se_exclusion_sets s WHERE s.se_org = ? AND s.guid = ?")
                .param(seOrg).param(guid).query(ExclusionSetRepository::set).optional();
    }

    /** The set, locked until the transaction ends: a change to its exclusions or its policies waits for another. */
    public boolean lock(String seOrg, UUID guid) {
        return !jdbc.sql("SELECT guid FROM se_exclusion_sets WHERE se_org = ? AND guid = ? FOR UPDATE").param(seOrg)
                .param(guid).query(UUID.class).list().isEmpty();
    }

    public long countAttached(UUID policy) {
        return jdbc.sql("SELECT COUNT(*) FROM se_policy_exclusion_sets WHERE policy_guid = ?").param(policy)
                .query(Long.class).single();
    }

    /** The sets a policy carries, by name. */
    public List<ExclusionSet> attached(UUID policy, int start, int size) {
        return jdbc.sql("SELECT " + SET_COLUMNS + " FROM se_exclusion_sets s JOIN se_policy_exclusion_sets a "
                        + "ON a.set_guid = s.guid WHERE a.policy_guid = ? ORDER BY s.name_key, s.guid LIMIT ? OFFSET ?")
                .param(policy).param(size).param(start).query(ExclusionSetRepository::set).list();
    }

    /** Renames or describes a set (null: unchanged); a name taken fails with the unique constraint. */
    public void update(UUID guid, String name, String description) {
        jdbc.sql("UPDATE se_exclusion_sets SET name = COALESCE(?, name), name_key = COALESCE(?, name_key), "
                        + "description = COALESCE(?, description), updated_at = ? WHERE guid = ?")
                .param(name).param(name == null ? null : key(name)).param(description)
                .param(io.secplane.db.Sql.now()).param(guid).update();
    }

    public void touch(UUID guid) {
        jdbc.sql("UPDATE se_exclusion_sets SET updated_at = ? WHERE guid = ?").param(io.secplane.db.Sql.now())
                .param(guid).update();
    }

    /** Deletes a set and its exclusions (the caller made sure no policy carries it). */
    public void delete(UUID guid) {
        jdbc.sql("DELETE FROM se_exclusions WHERE set_guid = ?").param(guid).update();
        jdbc.sql("DELETE FROM se_exclusion_sets WHERE guid = ?").param(guid).update();
    }

    /**
     * Adds an exclusion: its fields as the API shows them, and what a connector's policy lists of it
     * (its value, whether on any drive, a process's sha; null when the type has none).
     */
    public Exclusion addExclusion(UUID set, String type, String fields, String value, Boolean anyDrive, String sha) {
        UUID guid = UUID.randomUUID();
        OffsetDateTime now = io.secplane.db.Sql.now();
        jdbc.sql("INSERT INTO se_exclusions (guid, set_guid, exclusion_type, fields, item_value, any_drive, sha, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .param(guid).param(set).param(type).param(fields).param(value).param(anyDrive).param(sha).param(now).update();
        return new Exclusion(guid, set, type, fields, now);
    }

    public long countExclusions(UUID set) {
        return jdbc.sql("SELECT COUNT(*) FROM se_exclusions WHERE set_guid = ?").param(set).query(Long.class).single();
    }

    /** A page of a set's exclusions, in the order added. */
    public List<Exclusion> exclusions(UUID set, int start, int size) {
        return jdbc.sql("SELECT " + EXCLUSION_COLUMNS + " FROM se_exclusions WHERE set_guid = ? ORDER BY seq LIMIT ? OFFSET ?")
                .param(set).param(size).param(start).query(ExclusionSetRepository::exclusion).list();
    }

    /**
     * A set a policy carries, and one of its exclusions as a connector's policy lists it (its type,
     * value, whether on any drive, a process's sha); a set with no exclusion is one row with no type.
     */
    public record PolicyItem(UUID setGuid, String setName, String exclusionType, String value, Boolean anyDrive, String sha) {
    }

    /** The sets a policy carries (by name) with their exclusions in the order added, in one statement. */
    public void eachItemOf(UUID policy, Consumer<PolicyItem> each) {
        // the sets are put in order by name first (a few rows), so that the exclusions are sorted by numbers only
        // (sorting thousands of rows by a name in the database's collation cost three times the rest)
        jdbc.sql("WITH carried AS (SELECT s.guid, s.name, ROW_NUMBER() OVER (ORDER BY s.name_key, s.guid) AS position "
                        + "FROM se_policy_exclusion_sets a JOIN se_exclusion_sets s ON s.guid = a.set_guid WHERE a.policy_guid = ?) "
                        + "SELECT c.guid, c.name, e.exclusion_type, e.item_value, e.any_drive, e.sha FROM carried c "
                        + "LEFT JOIN se_exclusions e ON e.set_guid = c.guid ORDER BY c.position, e.seq")
                .param(policy).query((org.springframework.jdbc.core.RowCallbackHandler) rs -> each.accept(new PolicyItem(
                        rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Boolean) rs.getObject(5), rs.getString(6))));
    }

    public Optional<Exclusion> findExclusion(UUID set, UUID guid) {
        return jdbc.sql("SELECT " + EXCLUSION_COLUMNS + " FROM se_exclusions WHERE set_guid = ? AND guid = ?").param(set)
                .param(guid).query(ExclusionSetRepository::exclusion).optional();
    }

    public boolean deleteExclusion(UUID set, UUID guid) {
        return jdbc.sql("DELETE FROM se_exclusions WHERE set_guid = ? AND guid = ?").param(set).param(guid).update() == 1;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String where(String seOrg, String operatingSystem, String nameContains, List<Object> args) {
        StringBuilder w = new StringBuilder("s.se_org = ?");
        args.add(seOrg);
        if (operatingSystem != null) {
            w.append(" AND s.operating_system = ?");
            args.add(operatingSystem);
        }
        if (nameContains != null) {
            w.append(" AND s.name_key LIKE ? ESCAPE '!'");
            args.add(io.secplane.db.Sql.containsAnyCase(nameContains));
        }
        return w.toString();
    }

    private static ExclusionSet set(ResultSet rs, int n) throws SQLException {
        return new ExclusionSet(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getLong(6), rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class));
    }

    private static Exclusion exclusion(ResultSet rs, int n) throws SQLException {
        return new Exclusion(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class));
    }
}
