package io.secplane.state;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import io.secplane.web.ApiException;

/**
 * The state's rows, any table of {@link StateTables}, read as JSON values and written back from them
 * (every SQL of a reset, an export and an import). A column's JSON form follows its database type:
 * ids, text and times (ISO 8601 with offset) as strings, numbers, booleans, bytes in base64.
 */
@Repository
public class StateRows {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    /** Per table: its columns and their database type names, read once. */
    private final Map<String, Map<String, String>> columns = new ConcurrentHashMap<>();

    public StateRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** The columns of a table, by lower-case name, with their kind of value, in order. */
    public Map<String, String> columns(String table) {
        return columns.computeIfAbsent(table, t -> jdbc.query("SELECT * FROM " + t + " WHERE 1 = 0", rs -> {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                m.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), kind(md.getColumnType(i), md.getColumnTypeName(i)));
            }
            return m;
        }));
    }

    /** A column's kind of value, the same on H2 and PostgreSQL (whose type names differ: int8, bigserial, timestamptz...). */
    private static String kind(int sqlType, String typeName) {
        if (typeName.equalsIgnoreCase("uuid")) {
            return "uuid";
        }
        return switch (sqlType) {
            case java.sql.Types.BIGINT, java.sql.Types.INTEGER, java.sql.Types.SMALLINT, java.sql.Types.TINYINT -> "int";
            case java.sql.Types.BOOLEAN, java.sql.Types.BIT -> "bool";
            case java.sql.Types.TIMESTAMP, java.sql.Types.TIMESTAMP_WITH_TIMEZONE -> "timestamp";
            case java.sql.Types.BINARY, java.sql.Types.VARBINARY, java.sql.Types.LONGVARBINARY, java.sql.Types.BLOB -> "bytes";
            case java.sql.Types.NUMERIC, java.sql.Types.DECIMAL, java.sql.Types.DOUBLE, java.sql.Types.REAL, java.sql.Types.FLOAT -> "number";
            default -> "text";
        };
    }

    /** The rows of a table (all of the state's, or those of some organizations), secret columns left out unless asked for. */
    public List<Map<String, Object>> read(StateTables.Table table, List<UUID> orgs, boolean withSecrets) {
        String where;
        MapSqlParameterSource params = new MapSqlParameterSource();
        if (orgs != null && table.scope() != null) {
            where = " WHERE " + table.scope();
            params.addValue("orgs", orgs);
        } else if (table.keep() != null && !table.merge()) {
            where = " WHERE NOT (" + table.keep() + ")";
        } else {
            where = "";
        }
        Map<String, String> types = columns(table.name());
        String sql = "SELECT * FROM " + table.name() + where + " ORDER BY " + String.join(", ", table.key());
        return named.query(sql, params, (rs, n) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            int i = 1;
            for (Map.Entry<String, String> c : types.entrySet()) {
                if (withSecrets || !table.secrets().containsKey(c.getKey())) {
                    row.put(c.getKey(), value(rs, i, c.getValue()));
                }
                i++;
            }
            return row;
        });
    }

    private static Object value(ResultSet rs, int i, String type) throws SQLException {
        if (type.equals("timestamp")) {
            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
            return t == null ? null : t.toString();
        }
        Object v = rs.getObject(i);
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (v instanceof java.sql.Blob blob) {
            return Base64.getEncoder().encodeToString(blob.getBytes(1, (int) blob.length()));
        }
        if (v instanceof java.sql.Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        return v.toString();
    }

    /**
     * The keys of a document's rows that are here already, at most three: a table with a one-column
     * key is asked in chunks; the join tables (keys of several columns) are left to the database's
     * constraint, their rows following the rows they join, which are asked first.
     */
    public List<String> present(StateTables.Table table, List<Map<String, Object>> rows) {
        List<String> found = new ArrayList<>();
        if (table.key().size() != 1) {
            return found;
        }
        String key = table.key().get(0);
        String type = columns(table.name()).get(key);
        for (int from = 0; from < rows.size() && found.size() < 3; from += 500) {
            List<Object> chunk = rows.subList(from, Math.min(rows.size(), from + 500)).stream()
                    .map(r -> convert(table.name(), key, type, r.get(key))).toList();
            named.query("SELECT " + key + " FROM " + table.name() + " WHERE " + key + " IN (:keys)",
                    new MapSqlParameterSource("keys", chunk), rs -> {
                        if (found.size() < 3) {
                            found.add(key + "=" + rs.getString(1));
                        }
                    });
        }
        return found;
    }

    /**
     * Writes a document's rows of a table; a row without the table's secret columns gets what
     * stands for none (no password, a digest no secret has). Returns the rows written.
     */
    public int write(StateTables.Table table, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        Map<String, String> types = columns(table.name());
        for (Map<String, Object> row : rows) {
            for (String c : row.keySet()) {
                if (!types.containsKey(c)) {
                    throw ApiException.badRequest("The document's table " + table.name() + " has a column '" + c
                            + "' that this server's " + table.name() + " does not have.");
                }
            }
        }
        // rows grouped by the columns they give, each group written in one batch; a column a row leaves
        // out takes its default, a deferred one is written below
        Map<List<String>, List<Object[]>> batches = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            List<String> given = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            for (Map.Entry<String, String> c : types.entrySet()) {
                String name = c.getKey();
                Object v;
                if (table.deferred().contains(name)) {
                    continue;
                } else if (name.equals("mfa_enrolled") && table.secrets().containsKey("totp_secret") && !row.containsKey("totp_secret")) {
                    v = false; // no second factor without its secret
                } else if (row.containsKey(name)) {
                    v = row.get(name);
                } else if (table.secrets().containsKey(name)) {
                    v = table.secrets().get(name);
                } else {
                    continue;
                }
                given.add(name);
                args.add(convert(table.name(), name, c.getValue(), v));
            }
            batches.computeIfAbsent(given, g -> new ArrayList<>()).add(args.toArray());
        }
        batches.forEach((given, batch) -> jdbc.batchUpdate("INSERT INTO " + table.name() + " (" + String.join(", ", given)
                + ") VALUES (" + String.join(", ", given.stream().map(c -> "?").toList()) + ")", batch));
        for (String d : table.deferred()) {
            String update = "UPDATE " + table.name() + " SET " + d + " = ? WHERE "
                    + String.join(" AND ", table.key().stream().map(k -> k + " = ?").toList());
            List<Object[]> sets = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                if (row.get(d) != null) {
                    List<Object> a = new ArrayList<>();
                    a.add(convert(table.name(), d, types.get(d), row.get(d)));
                    table.key().forEach(k -> a.add(convert(table.name(), k, types.get(k), row.get(k))));
                    sets.add(a.toArray());
                }
            }
            if (!sets.isEmpty()) {
                jdbc.batchUpdate(update, sets);
            }
        }
        return rows.size();
    }

    /** A JSON value as the column's type wants it; a value of the wrong kind is the document's mistake. */
    private static Object convert(String table, String column, String type, Object v) {
        if (v == null) {
            return null;
        }
        try {
            if (type.equals("uuid")) {
                return UUID.fromString((String) v);
            }
            switch (type) {
                case "timestamp" -> {
                    return OffsetDateTime.parse((String) v);
                }
                case "bytes" -> {
                    return Base64.getDecoder().decode((String) v);
                }
                case "bool" -> {
                    return (Boolean) v;
                }
                case "int" -> {
                    return ((Number) v).longValue();
                }
                case "number" -> {
                    return new java.math.BigDecimal(v.toString());
                }
                default -> {
                    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                        return v.toString();
                    }
                }
            }
        } catch (ClassCastException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            // below
        }
        throw ApiException.badRequest("The document's " + table + "." + column + " holds " + v
                + ", which is not a value of its type (" + type + ").");
    }

    /** Empties the state's tables (what a reset replaces), the rows the migrations made kept. */
    public void empty() {
        for (String t : StateTables.EPHEMERAL) {
            jdbc.update("DELETE FROM " + t);
        }
        List<StateTables.Table> reverse = new ArrayList<>(StateTables.STATE);
        java.util.Collections.reverse(reverse);
        for (StateTables.Table t : reverse) {
            if (t.merge()) {
                continue;
            }
            for (String d : t.deferred()) {
                jdbc.update("UPDATE " + t.name() + " SET " + d + " = NULL WHERE " + d + " IS NOT NULL");
            }
            jdbc.update("DELETE FROM " + t.name() + (t.keep() == null ? "" : " WHERE NOT (" + t.keep() + ")"));
        }
    }

    /** The organizations an organization manages (an export of it holds them too). */
    public List<UUID> managedBy(UUID manager) {
        return jdbc.queryForList("SELECT managed_id FROM org_managers WHERE manager_id = ?", UUID.class, manager);
    }

    /** A reset makes the first start again. */
    public void forgetFirstStart() {
        jdbc.update("DELETE FROM bootstrap_state");
    }

    /** Every table of the schema (lower case): for the test that holds each is classified. */
    public List<String> schemaTables() {
        return jdbc.query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                + "AND table_type IN ('BASE TABLE', 'TABLE')", (rs, n) -> rs.getString(1).toLowerCase(Locale.ROOT));
    }

    /** On PostgreSQL: other processes' writes to the state wait for this transaction, and it for theirs. */
    public void lockAgainstOtherProcesses(boolean postgres) {
        if (postgres) {
            jdbc.execute("SET LOCAL lock_timeout = '10s'");
            jdbc.execute("LOCK TABLE " + String.join(", ", StateTables.STATE.stream().map(StateTables.Table::name).toList())
                    + ", " + String.join(", ", StateTables.EPHEMERAL) + " IN EXCLUSIVE MODE");
        }
    }

    public long bumpEpoch() {
        jdbc.update("UPDATE state_epoch SET epoch = epoch + 1 WHERE id = 1");
        return epoch();
    }

    public long epoch() {
        Long e = jdbc.queryForObject("SELECT epoch FROM state_epoch WHERE id = 1", Long.class);
        return e == null ? 0 : e;
    }

    /** Marks signing keys a document brought as retired (they verify its tokens, and sign nothing here). */
    public void retireImportedKeys(List<String> kids) {
        for (String kid : kids) {
            jdbc.update("UPDATE signing_keys SET retired_at = ? WHERE kid = ? AND retired_at IS NULL",
                    OffsetDateTime.now(java.time.ZoneOffset.UTC), kid);
        }
    }

    // the snapshots

    public record SnapshotRow(String name, OffsetDateTime created, String schemaVersion, int organizations, long rows,
                              long sizeBytes) {
    }

    private static final String SNAPSHOT_COLUMNS = "name, created_at, schema_version, organizations, row_count, size_bytes";

    private static SnapshotRow snapshot(ResultSet rs) throws SQLException {
        return new SnapshotRow(rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getInt(4),
                rs.getLong(5), rs.getLong(6));
    }

    public List<SnapshotRow> snapshots() {
        return jdbc.query("SELECT " + SNAPSHOT_COLUMNS + " FROM state_snapshots ORDER BY name", (rs, n) -> snapshot(rs));
    }

    public java.util.Optional<SnapshotRow> snapshot(String name) {
        return jdbc.query("SELECT " + SNAPSHOT_COLUMNS + " FROM state_snapshots WHERE name = ?", (rs, n) -> snapshot(rs), name)
                .stream().findFirst();
    }

    public byte[] snapshotContent(String name) {
        List<byte[]> c = jdbc.query("SELECT content FROM state_snapshots WHERE name = ?", (rs, n) -> rs.getBytes(1), name);
        return c.isEmpty() ? null : c.get(0);
    }

    /** Saves a snapshot; true when it replaced one of that name. */
    public boolean saveSnapshot(SnapshotRow s, byte[] content) {
        boolean replaced = jdbc.update("DELETE FROM state_snapshots WHERE name = ?", s.name()) > 0;
        jdbc.update("INSERT INTO state_snapshots (" + SNAPSHOT_COLUMNS + ", content) VALUES (?, ?, ?, ?, ?, ?, ?)",
                s.name(), s.created(), s.schemaVersion(), s.organizations(), s.rows(), s.sizeBytes(), content);
        return replaced;
    }

    public boolean deleteSnapshot(String name) {
        return jdbc.update("DELETE FROM state_snapshots WHERE name = ?", name) > 0;
    }
}
