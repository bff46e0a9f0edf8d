package io.secplane.console;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Times as the console's pages show them: as people read them ({@code 5 Dec 2026, 23:41 UTC}), the
 * exact value beside for hover and machines ({@code <time datetime title>}). Used in the templates as
 * {@code @dates.show(value)} and {@code @dates.exact(value)}.
 */
@Component("dates")
public class Dates {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);

    public String show(Object value) {
        ZonedDateTime t = utc(value);
        return t == null ? (value == null ? "" : value.toString()) : SHOWN.format(t);
    }

    public String exact(Object value) {
        ZonedDateTime t = utc(value);
        return t == null ? (value == null ? "" : value.toString()) : DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private static ZonedDateTime utc(Object value) {
        try {
            if (value instanceof Instant i) {
                return i.atZone(ZoneOffset.UTC);
            }
            if (value instanceof OffsetDateTime o) {
                return o.atZoneSameInstant(ZoneOffset.UTC);
            }
            if (value instanceof ZonedDateTime z) {
                return z.withZoneSameInstant(ZoneOffset.UTC);
            }
            if (value instanceof CharSequence s && !s.isEmpty()) {
                TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(s);
                return Instant.from(parsed).atZone(ZoneOffset.UTC);
            }
        } catch (RuntimeException notATime) {
            return null;
        }
        return null;
    }
}
