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
            Der extension = new Der(raw, 0, raw.length);
            Der constraints = extension.next(0x04).inner().next(0x30).inner();
            while (constraints.more()) {
                int tag = constraints.peek();
                Der part = constraints.next(tag);
                if (tag != 0xA0) {
                    continue; // excludedSubtrees [1]
                }
                Set<String> out = new LinkedHashSet<>();
                Der subtrees = part.inner();
                while (subtrees.more()) {
                    Der base = subtrees.next(0x30).inner();
                    int kind = base.peek();
                    Der name = base.next(kind);
                    if (kind == 0x82) {
                        out.add("dns:" + new String(name.contents(), StandardCharsets.US_ASCII));
                    } else if (kind == 0x87) {
                        out.add("ip:" + HexFormat.of().formatHex(name.contents()));
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

    /** A cursor over DER elements between two offsets. */
    private static final class Der {
        private final byte[] b;
        private int pos;
        private final int end;
        private int start;
        private int length;

        Der(byte[] b, int from, int to) {
            this.b = b;
            this.pos = from;
            this.end = to;
        }

        boolean more() {
            return pos < end;
        }

        int peek() {
            return b[pos] & 0xff;
        }

        /** The next element, which must carry this tag; its contents become this cursor's element. */
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
            Der element = new Der(b, p, p + len);
            element.start = p;
            element.length = len;
            pos = p + len;
            return element;
        }

        /** The elements inside this one. */
        Der inner() {
            return new Der(b, start, start + length);
        }

        byte[] contents() {
            return java.util.Arrays.copyOfRange(b, start, start + length);
        }
    }
}
