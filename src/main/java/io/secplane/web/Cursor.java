package io.secplane.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * An opaque keyset cursor: the sort key and id of the last item of a page, plus the sort it was
 * made for. A page after a cursor starts right after that item, so a page costs the same wherever
 * it is. The list body names the next page's cursor {@code cursor}; it is absent on the last page.
 */
public record Cursor(String sort, String lastValue, String lastId) {

    private static final String SEP = "\u001f";

    public String encode() {
        String raw = String.join(SEP, List.of("1", sort, lastValue, lastId));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent, checked against the sort of this request. */
    public static Cursor decode(String value, String expectedSort) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split(SEP, -1);
        } catch (IllegalArgumentException e) {
            parts = new String[0];
        }
        if (parts.length != 4 || !parts[0].equals("1")) {
            throw ApiException.badRequest("The cursor '" + value + "' is not one this server gave out.");
        }
        if (!parts[1].equals(expectedSort)) {
            throw ApiException.badRequest("The cursor was made for another sortBy/order; "
                    + "start again without a cursor when changing the sort.");
        }
        return new Cursor(parts[1], parts[2], parts[3]);
    }
}
