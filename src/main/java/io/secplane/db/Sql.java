package io.secplane.db;

import java.util.Collections;
import java.util.Locale;

/** Pieces of SQL text the repositories share. */
public final class Sql {

    private Sql() {
    }

    /** "?, ?, ?": the placeholders of an IN list of n values. */
    public static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /**
     * Ids as one bound value (an SQL array of UUIDs, for {@code = ANY(?)}): however many there are, one
     * placeholder, never a statement past the database's limit of bound values.
     */
    public static Object uuidArray(java.util.Collection<java.util.UUID> ids) {
        Object[] values = ids.toArray();
        return new org.springframework.jdbc.core.support.AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(java.sql.Connection con, int sqlType, String typeName) throws java.sql.SQLException {
                return con.createArrayOf("uuid", values);
            }
        };
    }

    /** Text made literal for LIKE ... ESCAPE '!' (its own %, _ and ! match themselves). */
    public static String likeEscaped(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** A LIKE ... ESCAPE '!' pattern that matches any text containing this one, in any case (the column lower-cased). */
    public static String containsAnyCase(String s) {
        return "%" + likeEscaped(s.toLowerCase(Locale.ROOT)) + "%";
    }

    /**
     * The time now as the databases keep it (to the microsecond): what an answer says was written is
     * what a read of it says later.
     */
    public static java.time.OffsetDateTime now() {
        return java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
