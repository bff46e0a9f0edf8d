package io.secplane.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.secplane.bootstrap.Bootstrap;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole state, replaced or moved: a reset to a first start's, a document out of it (export) and
 * into it (import), a document kept under a name (snapshot) and put back (restore). Each change is
 * one transaction behind the closed {@link StateGate}; on PostgreSQL it also holds the state's
 * tables against other processes' writes; it counts up the {@link StateEpoch} so that every process
 * forgets what it remembered.
 */
@Service
public class StateService {

    public static final String FORMAT = "secplane-state";
    public static final int FORMAT_VERSION = 1;

    /** A document: as the contract's {@code StateDocument}. */
    public record Document(String format, int formatVersion, String schemaVersion, OffsetDateTime exportedAt, boolean secrets,
                           List<UUID> organizations, Map<String, List<Map<String, Object>>> tables) {
        long rows() {
            return tables.values().stream().mapToLong(List::size).sum();
        }
    }

    public record Imported(List<UUID> organizations, long rows) {
    }

    private final StateRows rows;
    private final StateGate gate;
    private final StateEpoch epoch;
    private final TransactionTemplate tx;
    /** For reading the whole state: every table as of one instant, whatever commits meanwhile. */
    private final TransactionTemplate consistent;
    private final ObjectProvider<Bootstrap> bootstrap;
    private final ObjectProvider<org.flywaydb.core.Flyway> flyway;
    private volatile String schemaVersion;
    private final JsonMapper json;
    private final boolean postgres;

    public StateService(StateRows rows, StateGate gate, StateEpoch epoch, TransactionTemplate tx, ObjectProvider<Bootstrap> bootstrap,
                        ObjectProvider<org.flywaydb.core.Flyway> flyway, JsonMapper json) {
        this.flyway = flyway;
        this.consistent = new TransactionTemplate(tx.getTransactionManager());
        this.consistent.setIsolationLevel(org.springframework.transaction.TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.rows = rows;
        this.gate = gate;
        this.epoch = epoch;
        this.tx = tx;
        this.bootstrap = bootstrap;
        this.json = json;
        this.postgres = epoch.shared();
    }

    /** Replaces the state by a first start's; the new first organization's secrets, also written to bootstrap.json. */
    public Map<String, Object> reset(boolean demo) {
        Bootstrap first = bootstrap.getIfAvailable();
        if (first == null) {
            throw ApiException.notImplemented("A reset on a server started without its first-start step (secplane.bootstrap.enabled=false)");
        }
        Map<String, Object> secrets = change(() -> {
            rows.empty();
            rows.forgetFirstStart();
            return first.again(demo);
        });
        try {
            first.writeFile(secrets);
        } catch (IOException e) {
            throw new UncheckedIOException("the state was reset, and bootstrap.json could not be written", e);
        }
        return secrets;
    }

    /** The whole state, or one organization with the organizations it manages. */
    public Document export(UUID organization, boolean withSecrets) {
        return consistent.execute(s -> read(organization, withSecrets));
    }

    private Document read(UUID organization, boolean withSecrets) {
        List<UUID> orgs = null;
        if (organization != null) {
            orgs = new ArrayList<>();
            orgs.add(organization);
            List<Map<String, Object>> found = rows.read(StateTables.named("organizations"), List.of(organization), false);
            if (found.isEmpty()) {
                throw ApiException.notFound("Organization " + organization + " not found.");
            }
            orgs.addAll(rows.managedBy(organization));
        }
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        for (StateTables.Table t : StateTables.STATE) {
            if (t.exportedWith(withSecrets)) {
                tables.put(t.name(), rows.read(t, orgs, withSecrets));
            }
        }
        List<UUID> held = tables.get("organizations").stream().map(r -> UUID.fromString((String) r.get("id"))).toList();
        return new Document(FORMAT, FORMAT_VERSION, schemaVersion(), OffsetDateTime.now(ZoneOffset.UTC), withSecrets, held, tables);
    }

    /** Adds a document's rows next to the state here; all or nothing, a row already here a 409. */
    public Imported importDocument(Document doc) {
        check(doc);
        long written = change(() -> write(doc));
        return new Imported(doc.organizations(), written);
    }

    private void check(Document doc) {
        if (!FORMAT.equals(doc.format()) || doc.formatVersion() != FORMAT_VERSION) {
            throw ApiException.badRequest("The document is not a " + FORMAT + " document of version " + FORMAT_VERSION + ".");
        }
        String here = schemaVersion();
        if (!here.equals(doc.schemaVersion())) {
            throw ApiException.badRequest("The document was made at schema version " + doc.schemaVersion()
                    + " and this server is at " + here + "; export it again from a server of this version.");
        }
        for (String name : doc.tables().keySet()) {
            StateTables.Table t = StateTables.named(name);
            if (t == null) {
                throw ApiException.badRequest("The document has a table '" + name + "' that is not a table of the state.");
            }
            if (t.secret() && !doc.secrets()) {
                throw ApiException.badRequest("The document has the secret table '" + name + "' and says it has no secrets.");
            }
            java.util.Set<String> columns = rows.columns(name).keySet();
            for (Map<String, Object> row : doc.tables().get(name)) {
                for (String c : row.keySet()) {
                    if (!columns.contains(c)) {
                        throw ApiException.badRequest("The document's table " + name + " has a column '" + c
                                + "' that this server's " + name + " does not have.");
                    }
                }
            }
        }
    }

    /** The database migration this server is at (what a document records and an import must match). */
    private String schemaVersion() {
        String v = schemaVersion;
        if (v == null) {
            org.flywaydb.core.Flyway f = flyway.getIfAvailable();
            var current = f == null ? null : f.info().current();
            v = current == null || current.getVersion() == null ? "unknown" : current.getVersion().getVersion();
            schemaVersion = v;
        }
        return v;
    }

    private long write(Document doc) {
        long written = 0;
        List<String> kidsBrought = new ArrayList<>();
        for (StateTables.Table t : StateTables.STATE) {
            List<Map<String, Object>> given = doc.tables().getOrDefault(t.name(), List.of());
            if (given.isEmpty()) {
                continue;
            }
            if (t.merge()) {
                List<Map<String, Object>> fresh = new ArrayList<>();
                for (Map<String, Object> r : given) {
                    if (rows.present(t, List.of(r)).isEmpty()) {
                        fresh.add(r);
                        kidsBrought.add(String.valueOf(r.get("kid")));
                    }
                }
                written += rows.write(t, fresh);
                continue;
            }
            List<String> clash = rows.present(t, given);
            if (!clash.isEmpty()) {
                throw ApiException.conflict("The document's " + t.name() + " has rows that are already here ("
                        + String.join("; ", clash) + "); nothing was imported.");
            }
            try {
                written += rows.write(t, given);
            } catch (DataIntegrityViolationException e) {
                throw ApiException.conflict("The document's " + t.name() + " cannot be written next to what is here: "
                        + reason(e) + "; nothing was imported.");
            }
        }
        rows.retireImportedKeys(kidsBrought);
        return written;
    }

    /** The database's sentence about a refused row, without the SQL. */
    private static String reason(DataIntegrityViolationException e) {
        String m = e.getMostSpecificCause().getMessage();
        if (m == null) {
            return "a constraint refused a row";
        }
        m = m.lines().findFirst().orElse(m);
        int sql = m.indexOf("; SQL statement");
        return (sql > 0 ? m.substring(0, sql) : m).strip();
    }

    // snapshots

    public List<StateRows.SnapshotRow> snapshots() {
        return rows.snapshots();
    }

    public StateRows.SnapshotRow snapshot(String name) {
        return rows.snapshot(name).orElseThrow(() -> ApiException.notFound("No snapshot named '" + name + "'."));
    }

    public record Saved(StateRows.SnapshotRow snapshot, boolean replaced) {
    }

    /** Saves the whole state, with its secrets, under a name. */
    public Saved save(String name) {
        return consistent.execute(s -> {
            Document doc = read(null, true);
            byte[] content = gzip(json.writeValueAsBytes(doc));
            StateRows.SnapshotRow row = new StateRows.SnapshotRow(name, doc.exportedAt(), doc.schemaVersion(),
                    doc.organizations().size(), doc.rows(), content.length);
            boolean replaced = rows.saveSnapshot(row, content);
            return new Saved(row, replaced);
        });
    }

    public void delete(String name) {
        if (!rows.deleteSnapshot(name)) {
            throw ApiException.notFound("No snapshot named '" + name + "'.");
        }
    }

    /** Replaces the whole state by a snapshot's, in one transaction. */
    public StateRows.SnapshotRow restore(String name) {
        StateRows.SnapshotRow row = snapshot(name);
        byte[] content = rows.snapshotContent(name);
        Document doc = json.readValue(gunzip(content), Document.class);
        check(doc);
        change(() -> {
            rows.empty();
            return write(doc);
        });
        return row;
    }

    /** One change of the whole state: the gate closed, one transaction, the epoch counted, every process forgetting. */
    private <T> T change(java.util.function.Supplier<T> work) {
        return gate.closed(() -> {
            long[] after = new long[1];
            T result;
            try {
                result = tx.execute(s -> {
                    rows.lockAgainstOtherProcesses(postgres);
                    T r = work.get();
                    after[0] = rows.bumpEpoch();
                    return r;
                });
            } catch (org.springframework.dao.PessimisticLockingFailureException | org.springframework.dao.QueryTimeoutException e) {
                throw new ApiException(ErrorCode.UNAVAILABLE, "Another process held the state's tables for too long; "
                        + "nothing was changed. Try again.");
            }
            epoch.replaced(after[0]);
            return result;
        });
    }

    private static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] packed) {
        try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            return z.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
