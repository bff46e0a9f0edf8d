package io.secplane.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

import io.nayuki.qrcodegen.QrCode;

/**
 * TOTP second factors (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, as every authenticator app
 * reads them): a new secret, the {@code otpauth://} URI and its QR code, and the check of a code,
 * which accepts the step before and after the current one and never a step already used.
 */
public final class Totp {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator(STEP, 6);
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() {
    }

    /** A new secret of 160 bits, in Base32 as authenticator apps take it. */
    public static String newSecret() {
        byte[] raw = new byte[20];
        RANDOM.nextBytes(raw);
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : raw) {
            buffer = buffer << 8 | b & 0xff;
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt(buffer >> bits - 5 & 31));
                bits -= 5;
            }
        }
        return out.toString();
    }

    static byte[] decode(String base32) {
        String s = base32.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        byte[] out = new byte[s.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (char c : s.toCharArray()) {
            int v = BASE32.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("not Base32");
            }
            buffer = buffer << 5 | v;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >> bits - 8);
                bits -= 8;
            }
        }
        return out;
    }

    /** The current time step. */
    public static long step(Instant at) {
        return at.getEpochSecond() / STEP.getSeconds();
    }

    /** The code of a secret at a time (what the authenticator shows). */
    public static String code(String secret, Instant at) {
        try {
            return GENERATOR.generateOneTimePasswordString(new SecretKeySpec(decode(secret), GENERATOR.getAlgorithm()), at);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The step a code matches (now, or one step either side for clocks that drift), if it is later than
     * {@code lastUsed}; else -1.
     */
    public static long matches(String secret, String code, long lastUsed, Instant now) {
        String c = code == null ? "" : code.replace(" ", "").strip();
        if (!c.matches("[0-9]{6}")) {
            return -1;
        }
        long current = step(now);
        for (long s = current - 1; s <= current + 1; s++) {
            if (s > lastUsed && java.security.MessageDigest.isEqual(
                    code(secret, Instant.ofEpochSecond(s * STEP.getSeconds())).getBytes(StandardCharsets.US_ASCII),
                    c.getBytes(StandardCharsets.US_ASCII))) {
                return s;
            }
        }
        return -1;
    }

    /** The URI an authenticator app reads from the QR code. */
    public static String uri(String email, String secret) {
        String label = URLEncoder.encode("Secplane:" + email, StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=Secplane&algorithm=SHA1&digits=6&period=30";
    }

    /** The QR code of a text as an SVG image (generated markup, no script). */
    public static String qrSvg(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int border = 4;
        int size = qr.size + border * 2;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + border).append(',').append(y + border).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" width=\"240\" height=\"240\" role=\"img\" aria-label=\"QR code of the authenticator secret\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"" + path + "\" fill=\"#000\"/></svg>";
    }
}
