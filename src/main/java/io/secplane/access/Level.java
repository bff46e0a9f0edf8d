package io.secplane.access;

/**
 * How far a caller may act in one organization through the API: not at all, read (the
 * Organization Member role), or read and write (the Organization Administrator role).
 */
public enum Level {
    NONE, READ, WRITE;

    public Level max(Level other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public Level min(Level other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public boolean covers(Level needed) {
        return compareTo(needed) >= 0;
    }

    /** A role's {@code api_access} column; anything unknown gives nothing. */
    public static Level of(String value) {
        if (value == null) {
            return NONE;
        }
        return switch (value) {
            case "WRITE" -> WRITE;
            case "READ" -> READ;
            default -> NONE;
        };
    }
}
