package io.secplane.db;

/**
 * SQL's {@code LIKE ... ESCAPE '!'} in time proportional to the value's length times the pattern's
 * at worst, whatever the number of wildcards: H2's own LIKE backtracks exponentially on patterns
 * such as {@code %a%a%a%a%b} and cannot be cancelled while it does, so a search could hold a pooled
 * connection for good. Installed in H2 as the function {@code LIKE_MATCH} (migration V8); on
 * PostgreSQL {@code LIKE_MATCH} is a SQL function over its own LIKE, which does not backtrack so.
 */
public final class Like {

    private Like() {
    }

    /**
     * Whether the value matches the pattern: {@code %} any run of characters, {@code _} one
     * character, {@code !} makes the next character literal. Null when either is null, as LIKE.
     */
    public static Boolean matches(String value, String pattern) {
        if (value == null || pattern == null) {
            return null;
        }
        int v = 0;
        int p = 0;
        int starP = -1; // the pattern position just after the last % seen
        int starV = -1; // the value position that % has been tried up to
        int vn = value.length();
        int pn = pattern.length();
        while (v < vn) {
            if (p < pn) {
                char c = pattern.charAt(p);
                if (c == '%') {
                    starP = ++p;
                    starV = v;
                    continue;
                }
                boolean literal = c == '!' && p + 1 < pn;
                char want = literal ? pattern.charAt(p + 1) : c;
                if (!literal && c == '_' || want == value.charAt(v)) {
                    p += literal ? 2 : 1;
                    v++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            // let the last % take one more character and try the rest again: only the last % ever
            // needs to give way, so the work is at most the value's length times the pattern's
            p = starP;
            v = ++starV;
        }
        while (p < pn && pattern.charAt(p) == '%') {
            p++;
        }
        return p == pn;
    }
}
