package io.secplane.secureendpoint.configuration;

/**
 * How a policy's XML is written: attributes and text escaped as XML 1.0 needs, and the parts of a
 * policy that other features keep (each writes its element after the exclusion sets, read in the
 * same snapshot as the rest).
 */
public final class PolicyXml {

    /** A part of a policy's XML kept by another feature; whatever it reads must raise the policy's serial number when it changes. */
    public interface Part {
        void write(PolicyRepository.Policy policy, StringBuilder xml);
    }

    private PolicyXml() {
    }

    public static void attribute(StringBuilder x, String name, String value) {
        x.append(' ').append(name).append("=\"");
        escaped(x, value);
        x.append('"');
    }

    /** Text or an attribute's value as XML 1.0 writes it; a character XML 1.0 cannot hold becomes U+FFFD. */
    public static void escaped(StringBuilder x, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> x.append("&amp;");
                case '<' -> x.append("&lt;");
                case '>' -> x.append("&gt;");
                case '"' -> x.append("&quot;");
                case '\t', '\n', '\r' -> x.append("&#").append((int) c).append(';');
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        x.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || c == 0xFFFE || c == 0xFFFF || Character.isSurrogate(c)) {
                        x.append('\uFFFD');
                    } else {
                        x.append(c);
                    }
                }
            }
        }
    }
}
