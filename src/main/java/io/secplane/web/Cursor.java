package io.secplane.web;

/**
 * A keyset position: the sort key and id of the last item of a page, plus the sort it was made
 * for. A page after a cursor starts right after that item, so a page costs the same wherever it is.
 * {@link Cursors} turns it into the opaque, signed string clients get as {@code cursor}.
 */
public record Cursor(String sort, String lastValue, String lastId) {
}
