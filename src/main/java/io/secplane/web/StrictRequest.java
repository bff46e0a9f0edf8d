package io.secplane.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body has been read (up to the size limit, chunked bodies too) and whose query
 * and form parameters have been decoded strictly, once, before anything else looks at them: bad
 * percent-encoding, invalid UTF-8 and NUL characters are a 400, an over-long body a 413, never a
 * container failure. Form bodies are read whatever the method (clients send them on GETs too).
 */
public final class StrictRequest extends HttpServletRequestWrapper {

    /** The request attribute that holds it, whatever wraps or proxies the request later. */
    public static final String ATTRIBUTE = StrictRequest.class.getName();

    private final byte[] body;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> form;
    private final Map<String, String[]> merged;
    private ServletInputStream stream;

    private StrictRequest(HttpServletRequest request, byte[] body, Map<String, List<String>> query,
                          Map<String, List<String>> form) {
        super(request);
        this.body = body;
        this.query = query;
        this.form = form;
        Map<String, List<String>> all = new LinkedHashMap<>();
        query.forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        form.forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        Map<String, String[]> m = new LinkedHashMap<>();
        all.forEach((k, v) -> m.put(k, v.toArray(String[]::new)));
        this.merged = Collections.unmodifiableMap(m);
    }

    /** Reads and decodes; throws the client's error (400 or 413) as an {@link ApiException}. */
    public static StrictRequest of(HttpServletRequest request, long maxBody, Supplier<ApiException> tooLarge) {
        byte[] body = readBody(request, maxBody, tooLarge);
        Map<String, List<String>> query = request.getQueryString() == null ? Map.of()
                : decodeForm(latin1OrUtf8Bytes(request.getQueryString()), "query");
        Map<String, List<String>> form = Map.of();
        String type = request.getContentType();
        if (body.length > 0 && type != null && type.toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded")) {
            form = decodeForm(body, "form body");
        }
        StrictRequest strict = new StrictRequest(request, body, query, form);
        request.setAttribute(ATTRIBUTE, strict);
        return strict;
    }

    private static byte[] readBody(HttpServletRequest request, long max, Supplier<ApiException> tooLarge) {
        long declared = request.getContentLengthLong();
        if (declared > max) {
            throw tooLarge.get();
        }
        if (declared <= 0 && request.getHeader("Transfer-Encoding") == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        byte[] buf = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > max) {
                    throw tooLarge.get();
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read: it ended early or is not validly chunked.");
        }
        return out.toByteArray();
    }

    /** The container hands the raw query over as a string; its characters stand for bytes. */
    private static byte[] latin1OrUtf8Bytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xff) {
                return s.getBytes(StandardCharsets.UTF_8);
            }
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** application/x-www-form-urlencoded, strictly: '+' is a space, '%' takes two hex digits, UTF-8 only. */
    public static Map<String, List<String>> decodeForm(byte[] raw, String where) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == '&') {
                if (i > start) {
                    int eq = -1;
                    for (int j = start; j < i; j++) {
                        if (raw[j] == '=') {
                            eq = j;
                            break;
                        }
                    }
                    String name = decode(raw, start, eq < 0 ? i : eq, where);
                    String value = eq < 0 ? "" : decode(raw, eq + 1, i, where);
                    out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static String decode(byte[] raw, int from, int to, String where) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = raw[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                int hi = i + 2 < to ? Character.digit(raw[i + 1], 16) : -1;
                int lo = i + 2 < to ? Character.digit(raw[i + 2], 16) : -1;
                if (hi < 0 || lo < 0) {
                    String at = new String(raw, i, Math.min(3, to - i), StandardCharsets.ISO_8859_1);
                    throw ApiException.badRequest("The " + where + " has a '%' that is not followed by two hex digits ('"
                            + printable(at) + "'); encode a literal '%' as %25.");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("The " + where + " is not valid UTF-8 once percent-decoded.");
        }
        if (s.indexOf('\0') >= 0) {
            throw ApiException.badRequest("The " + where + " contains a NUL character (%00), which no parameter may hold.");
        }
        return s;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return b.toString();
    }

    /** The body's bytes (empty when there is none). */
    public byte[] body() {
        return body;
    }

    /** The parameters of the query string alone. */
    public Map<String, List<String>> queryParameters() {
        return query;
    }

    /** The parameters of a form body alone. */
    public Map<String, List<String>> formParameters() {
        return form;
    }

    @Override
    public String getParameter(String name) {
        String[] v = merged.get(name);
        return v == null || v.length == 0 ? null : v[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return merged;
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(merged.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] v = merged.get(name);
        return v == null ? null : v.clone();
    }

    @Override
    public ServletInputStream getInputStream() {
        if (stream == null) {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            stream = new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("bodies are read before the request is handled");
                }
            };
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }
}
