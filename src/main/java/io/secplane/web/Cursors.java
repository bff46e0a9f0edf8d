package io.secplane.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cursors are tamper-evident: the position is signed with HMAC-SHA256 under a key the server keeps
 * in the database (the same for every process), so an edited or forged cursor is a 400 before any
 * of its parts is parsed.
 */
@Component
public class Cursors {

    private static final String SEP = "\u001f";
    private static final int MAC_BYTES = 16;
    /** An insert that does nothing when the row exists, in both databases' SQL (no failed statement to abort a transaction). */
    private static final String INSERT_IF_ABSENT = "INSERT INTO server_secrets (name, secret, created_at) "
            + "SELECT 'cursor-hmac', ?, ? WHERE NOT EXISTS (SELECT 1 FROM server_secrets WHERE name = 'cursor-hmac')";
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private volatile SecretKeySpec key;

    public Cursors(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        // the key is made at most once, in a transaction of its own (lists run in read-only ones)
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public String encode(Cursor c) {
        byte[] raw = String.join(SEP, List.of("1", c.sort(), c.lastValue(), c.lastId())).getBytes(StandardCharsets.UTF_8);
        byte[] mac = mac(raw);
        byte[] out = Arrays.copyOf(mac, MAC_BYTES + raw.length);
        System.arraycopy(raw, 0, out, MAC_BYTES, raw.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** The cursor a client sent, checked for tampering and against the sort of this request. */
    public Cursor decode(String value, String expectedSort) {
        byte[] all;
        try {
            all = Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw notOurs();
        }
        if (all.length <= MAC_BYTES) {
            throw notOurs();
        }
        byte[] raw = Arrays.copyOfRange(all, MAC_BYTES, all.length);
        if (!MessageDigest.isEqual(Arrays.copyOf(mac(raw), MAC_BYTES), Arrays.copyOf(all, MAC_BYTES))) {
            throw notOurs();
        }
        String[] parts = new String(raw, StandardCharsets.UTF_8).split(SEP, -1);
        if (parts.length != 4 || !parts[0].equals("1")) {
            throw notOurs();
        }
        if (!parts[1].equals(expectedSort)) {
            throw ApiException.badRequest("The cursor was made for another sortBy/order; "
                    + "start again without a cursor when changing the sort.");
        }
        return new Cursor(parts[1], parts[2], parts[3]);
    }

    private static ApiException notOurs() {
        return ApiException.badRequest("The cursor is not one this server gave out, or it was changed; "
                + "pass the 'cursor' of the previous page exactly as it came, or start without one.");
    }

    private byte[] mac(byte[] raw) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return mac.doFinal(raw);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    byte[] secret;
                    try {
                        secret = ownTransaction.execute(s -> loadOrMake());
                    } catch (org.springframework.dao.DuplicateKeyException raced) {
                        secret = ownTransaction.execute(s -> loadOrMake());
                    }
                    key = new SecretKeySpec(secret, "HmacSHA256");
                }
                k = key;
            }
        }
        return k;
    }

    private byte[] loadOrMake() {
        var existing = jdbc.sql("SELECT secret FROM server_secrets WHERE name = 'cursor-hmac'").query(byte[].class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        int made = jdbc.sql(INSERT_IF_ABSENT).param(fresh).param(io.secplane.db.Sql.now()).update();
        // when another process made it first, use theirs
        return made == 1 ? fresh
                : jdbc.sql("SELECT secret FROM server_secrets WHERE name = 'cursor-hmac'").query(byte[].class).single();
    }

    /** One page of rows and the next page's cursor (null on the last page). */
    public record Page<T>(java.util.List<T> items, String cursor) {
    }

    /** Where a page starts: after this value and id of the previous page's last row; both null at the start. */
    public record After(String value, java.util.UUID id) {
    }

    /** A page size from {@code max}: its default when absent, else between 1 and {@code most} (a 400 otherwise). */
    public static int limit(Integer max, int fallback, int most) {
        int limit = max == null ? fallback : max;
        if (limit < 1 || limit > most) {
            Fields f = new Fields();
            f.problem("max", "must be between 1 and " + most);
            f.check();
        }
        return limit;
    }

    /** The start of a page a cursor names, for the sort it was made for (a 400 for any other cursor). */
    public After after(String cursor, String sort) {
        if (cursor == null || cursor.isEmpty()) {
            return new After(null, null);
        }
        Cursor c = decode(cursor, sort);
        try {
            return new After(c.lastValue(), java.util.UUID.fromString(c.lastId()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The cursor '" + cursor + "' is not one this server gave out.");
        }
    }

    /**
     * The page of rows read with one row more than {@code limit}: the extra row says that a next page
     * exists, and the cursor names the last row kept.
     */
    public <T> Page<T> page(java.util.List<T> rows, int limit, String sort, java.util.function.Function<T, String> value,
                            java.util.function.Function<T, java.util.UUID> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        java.util.List<T> kept = rows.subList(0, limit);
        T last = kept.get(limit - 1);
        return new Page<>(kept, encode(new Cursor(sort, value.apply(last), id.apply(last).toString())));
    }
}
