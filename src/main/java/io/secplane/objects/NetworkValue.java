package io.secplane.objects;

import java.math.BigInteger;
import java.util.Locale;

/**
 * A network object's value, parsed and normalised: a host (IPv4 or IPv6), a network (CIDR, its
 * address the network's own), a range (start not above end, one family) or an FQDN (RFC 1123).
 * Addresses are held as numbers, so that containment and overlap are comparisons; IPv6 is shown
 * in its canonical text (RFC 5952).
 *
 * @param kind    HOST, NETWORK, RANGE or FQDN
 * @param literal the canonical text
 * @param family  4 or 6 for addresses, 0 for an FQDN
 * @param low     the first address covered (null for an FQDN)
 * @param high    the last address covered (null for an FQDN)
 */
public record NetworkValue(Kind kind, String literal, int family, BigInteger low, BigInteger high) {

    public enum Kind { HOST, NETWORK, RANGE, FQDN }

    /** A value that cannot be read, with the sentence that says why. */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private static final BigInteger V4_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger V6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    /** Reads a literal: a host, a CIDR network, a range "a-b", or an FQDN. */
    public static NetworkValue parse(String text) {
        if (text == null || text.isBlank()) {
            throw new Invalid("is empty");
        }
        String s = text.strip();
        if (s.length() > 255) {
            throw new Invalid("is longer than 255 characters");
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            return network(s.substring(0, slash), s.substring(slash + 1));
        }
        int dash = s.indexOf('-');
        if (dash > 0 && looksLikeAddress(s.substring(0, dash).strip())) {
            NetworkValue a = host(s.substring(0, dash).strip());
            NetworkValue b = host(s.substring(dash + 1).strip());
            if (a.family != b.family) {
                throw new Invalid("'" + s + "' mixes IPv4 and IPv6 in one range");
            }
            if (a.low.compareTo(b.low) > 0) {
                throw new Invalid("'" + s + "' starts above its end; write it as " + b.literal + "-" + a.literal);
            }
            return new NetworkValue(Kind.RANGE, a.literal + "-" + b.literal, a.family, a.low, b.low);
        }
        if (looksLikeAddress(s)) {
            return host(s);
        }
        return fqdn(s);
    }

    /** Whether this value's addresses include all of another's. */
    public boolean contains(NetworkValue other) {
        return family != 0 && family == other.family && low.compareTo(other.low) <= 0 && high.compareTo(other.high) >= 0;
    }

    /** Whether this value's addresses and another's share at least one. */
    public boolean overlaps(NetworkValue other) {
        return family != 0 && family == other.family && low.compareTo(other.high) <= 0 && other.low.compareTo(high) <= 0;
    }

    private static boolean looksLikeAddress(String s) {
        return s.contains(":") || s.matches("[0-9.]+");
    }

    private static NetworkValue host(String s) {
        BigInteger v;
        int family;
        if (s.contains(":")) {
            v = ipv6(s);
            family = 6;
        } else {
            v = ipv4(s);
            family = 4;
        }
        return new NetworkValue(Kind.HOST, format(v, family), family, v, v);
    }

    private static NetworkValue network(String address, String prefix) {
        NetworkValue a = host(address.strip());
        int bits = a.family == 4 ? 32 : 128;
        int len;
        if (!prefix.matches("[0-9]{1,3}")) {
            throw new Invalid("'/" + prefix + "' is not a prefix length");
        }
        len = Integer.parseInt(prefix);
        if (len > bits) {
            throw new Invalid("/" + len + " is longer than an IPv" + a.family + " address (" + bits + " bits)");
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - len).subtract(BigInteger.ONE);
        BigInteger network = a.low.andNot(hostMask);
        if (!network.equals(a.low)) {
            throw new Invalid("'" + address.strip() + "/" + len + "' is not a network address: the network is "
                    + format(network, a.family) + "/" + len);
        }
        return new NetworkValue(Kind.NETWORK, a.literal + "/" + len, a.family, network, network.or(hostMask));
    }

    private static NetworkValue fqdn(String s) {
        String name = s.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.length() > 253) {
            throw new Invalid("'" + s + "' is not an FQDN: a name is 1 to 253 characters");
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            throw new Invalid("'" + s + "' is not an FQDN: it has a single label (write the domain too, as in host.example.com)");
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || !label.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")) {
                throw new Invalid("'" + s + "' is not an FQDN: the label '" + label + "' is not 1 to 63 letters, digits "
                        + "and inner hyphens (RFC 1123)");
            }
        }
        if (labels[labels.length - 1].matches("[0-9]+")) {
            throw new Invalid("'" + s + "' is not an FQDN: its last label is all digits");
        }
        return new NetworkValue(Kind.FQDN, name, 0, null, null);
    }

    static BigInteger ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new Invalid("'" + s + "' is not an IPv4 address (four numbers 0 to 255, separated by dots)");
        }
        long v = 0;
        for (String p : parts) {
            if (!p.matches("[0-9]{1,3}") || p.length() > 1 && p.startsWith("0") || Integer.parseInt(p) > 255) {
                throw new Invalid("'" + s + "' is not an IPv4 address (four numbers 0 to 255, no leading zeros)");
            }
            v = v << 8 | Integer.parseInt(p);
        }
        return BigInteger.valueOf(v);
    }

    static BigInteger ipv6(String s) {
        if (s.contains("%")) {
            throw new Invalid("'" + s + "' has a zone index; addresses of objects have none");
        }
        String text = s;
        BigInteger tail = null;
        int lastColon = text.lastIndexOf(':');
        if (text.substring(lastColon + 1).contains(".")) {
            tail = ipv4(text.substring(lastColon + 1));
            text = text.substring(0, lastColon + 1) + "0:0";
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw new Invalid("'" + s + "' is not an IPv6 address: '::' appears more than once");
        }
        String[] head;
        String[] rest;
        if (gap >= 0) {
            String left = text.substring(0, gap);
            String right = text.substring(gap + 2);
            head = left.isEmpty() ? new String[0] : left.split(":", -1);
            rest = right.isEmpty() ? new String[0] : right.split(":", -1);
            if (head.length + rest.length > 7) {
                throw new Invalid("'" + s + "' is not an IPv6 address: too many groups");
            }
        } else {
            head = text.split(":", -1);
            rest = new String[0];
            if (head.length != 8) {
                throw new Invalid("'" + s + "' is not an IPv6 address: eight groups, or '::' for the zeros");
            }
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.length; i++) {
            groups[i] = group(head[i], s);
        }
        for (int i = 0; i < rest.length; i++) {
            groups[8 - rest.length + i] = group(rest[i], s);
        }
        BigInteger v = BigInteger.ZERO;
        for (int g : groups) {
            v = v.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        if (tail != null) {
            v = v.shiftRight(32).shiftLeft(32).or(tail);
        }
        return v;
    }

    private static int group(String g, String whole) {
        if (!g.matches("[0-9a-fA-F]{1,4}")) {
            throw new Invalid("'" + whole + "' is not an IPv6 address: '" + g + "' is not a group of 1 to 4 hex digits");
        }
        return Integer.parseInt(g, 16);
    }

    /** The canonical text of an address: dotted IPv4, or IPv6 as RFC 5952 writes it. */
    static String format(BigInteger v, int family) {
        if (family == 4) {
            long x = v.longValue();
            return (x >> 24 & 255) + "." + (x >> 16 & 255) + "." + (x >> 8 & 255) + "." + (x & 255);
        }
        int[] g = new int[8];
        for (int i = 7; i >= 0; i--) {
            g[i] = v.and(BigInteger.valueOf(0xffff)).intValue();
            v = v.shiftRight(16);
        }
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            // an IPv4-mapped address keeps its IPv4 part dotted (RFC 5952, section 5)
            return "::ffff:" + (g[6] >> 8) + "." + (g[6] & 255) + "." + (g[7] >> 8) + "." + (g[7] & 255);
        }
        // the longest run of two or more zero groups (the first of equals) becomes "::"
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(g[i]));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    /** A fixed-width key of an address for SQL comparisons: the family, then 32 hex digits. */
    public static String key(int family, BigInteger v) {
        String hex = v.toString(16);
        return family + ":" + "0".repeat(32 - hex.length()) + hex;
    }

    static BigInteger max(int family) {
        return family == 4 ? V4_MAX : V6_MAX;
    }
}
