package io.secplane.tls;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The permitted subtrees of a CA's name constraints (RFC 5280 4.2.1.10), read with the JDK alone:
 * every start checks the CA in the data directory, and the certificate toolkit (a signed jar, whose
 * signature the JDK verifies before its first class loads, and whose classes no fast-start archive
 * keeps) cost a fifth of a second of each start for this one check. Only what the CA we make
 * holds is read: dNSName and iPAddress bases; anything else makes the answer empty.
 */
final class NameConstraintsReader {

    private static final String OID = "2.5.29.30";

    private NameConstraintsReader() {
    }

    /** "dns:&lt;name&gt;" and "ip:&lt;hex of address and mask&gt;"; null when there are none or they cannot be read. */
    static Set<String> permitted(X509Certificate ca) {
        byte[] raw = ca.getExtensionValue(OID);
        if (raw == null) {
            return null;
        }
        try {
            Der constraints = new Der(raw, 0, raw.length).next(0x04).next(0x30);
            while (constraints.more()) {
                int tag = constraints.peek();
                Der subtrees = constraints.next(tag);
                if (tag != 0xA0) {
                    continue; // excludedSubtrees [1]
                }
                Set<String> out = new LinkedHashSet<>();
                while (subtrees.more()) {
                    Der base = subtrees.next(0x30);
                    int kind = base.peek();
                    byte[] name = base.next(kind).contents();
                    if (kind == 0x82) {
                        out.add("dns:" + new String(name, StandardCharsets.US_ASCII));
                    } else if (kind == 0x87) {
                        out.add("ip:" + HexFormat.of().formatHex(name));
                    } else {
                        return null;
                    }
                }
                return out;
            }
            return null;
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** The contents of one DER element, read as a cursor over the elements inside it. */
    private static final class Der {
        private final byte[] b;
        private final int from;
        private final int end;
        private int pos;

        Der(byte[] b, int from, int end) {
            this.b = b;
            this.from = from;
            this.end = end;
            this.pos = from;
        }

        boolean more() {
            return pos < end;
        }

        int peek() {
            return b[pos] & 0xff;
        }

        /** The next element inside this one, which must carry this tag. */
        Der next(int tag) {
            if (peek() != tag) {
                throw new IllegalArgumentException("unexpected tag");
            }
            int p = pos + 1;
            int len = b[p++] & 0xff;
            if (len > 0x80) {
                int n = len & 0x7f;
                if (n > 3) {
                    throw new IllegalArgumentException("too long");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[p++] & 0xff);
                }
            } else if (len == 0x80) {
                throw new IllegalArgumentException("indefinite length");
            }
            if (p + len > end) {
                throw new IllegalArgumentException("truncated");
            }
            pos = p + len;
            return new Der(b, p, p + len);
        }

        byte[] contents() {
            return java.util.Arrays.copyOfRange(b, from, end);
        }
    }
}
