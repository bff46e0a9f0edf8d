package io.secplane.users;

import java.net.IDN;

/**
 * What an email address of a user is: a dot-atom local part (RFC 5322's atext, letters and digits
 * of any script too; no quoted local parts, no control, format or bidirectional characters) {@code @}
 * a domain name of at least two labels, internationalised names held in their ASCII form
 * ({@code bücher.example} is {@code xn--bcher-kva.example}). Compared case-insensitively
 * ({@link UserRepository#emailKey}).
 */
public final class Emails {

    private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

    private Emails() {
    }

    /** The address as stored (the domain in its ASCII form), or an {@link IllegalArgumentException} that says why not. */
    public static String normalised(String email) {
        String e = email == null ? "" : email.strip();
        int at = e.lastIndexOf('@');
        if (at <= 0 || at == e.length() - 1) {
            throw new IllegalArgumentException("'" + printable(e) + "' is not an email address: it needs a local part, '@' and a domain.");
        }
        String local = e.substring(0, at);
        String domain = e.substring(at + 1);
        String why = localProblem(local);
        if (why != null) {
            throw new IllegalArgumentException("'" + printable(e) + "' is not an email address: its local part " + why + ".");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("'" + printable(e) + "' is not an email address: its domain is not a valid host name.");
        }
        if (!ascii.contains(".") || ascii.startsWith(".") || ascii.endsWith(".") || ascii.contains("..")) {
            throw new IllegalArgumentException("'" + printable(e) + "' is not an email address: its domain needs at least "
                    + "two labels separated by a dot (such as example.com).");
        }
        String result = local + "@" + ascii;
        if (result.length() > 254) {
            throw new IllegalArgumentException("The email address is longer than 254 characters.");
        }
        return result;
    }

    /** Why an address is not one ({@link #normalised}'s reason), or null. */
    public static String problem(String email) {
        try {
            normalised(email);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String localProblem(String local) {
        if (local.length() > 64) {
            return "is longer than 64 characters";
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return "starts or ends with a dot or has two in a row";
        }
        for (int i = 0; i < local.length(); ) {
            int c = local.codePointAt(i);
            i += Character.charCount(c);
            if (c == '.' || c < 0x80 && (Character.isLetterOrDigit(c) || ATEXT_SYMBOLS.indexOf(c) >= 0)) {
                continue;
            }
            if (c >= 0x80 && Character.isLetterOrDigit(c) && Character.getDirectionality(c) != Character.DIRECTIONALITY_UNDEFINED) {
                continue;
            }
            return "holds the character U+" + String.format("%04X", c) + ", which an address cannot have unquoted "
                    + "(quoted local parts are not taken)";
        }
        return null;
    }

    /** The address as it may be shown back: control and bidirectional characters as \\u escapes. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(300).forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.SURROGATE || type == Character.PRIVATE_USE) {
                b.append(String.format("\\u%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
