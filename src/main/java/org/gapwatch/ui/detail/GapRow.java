package org.gapwatch.ui.detail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.gapwatch.track.Gap;

/**
 * One line of the gap list, as shown. {@code how}: "by cadence" for loss counted by cadence, else "".
 * {@code detectedMillis} and {@code spanMillis} (-1 when unknown) say where the gap's moment is, for "go to the
 * moment".
 */
public record GapRow(long first, long last, long count, long lost, long recovered, String detectedAt, String span,
                     String how, long detectedMillis, long spanMillis) {
    static GapRow of(Gap g, ZoneId zone) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(zone);
        long span = g.spanMillis();
        return new GapRow(g.first(), g.last(), g.count(), g.lost(), g.recovered(),
                f.format(Instant.ofEpochMilli(g.detectedMillis())), span < 0 ? "—" : duration(span),
                g.how(), g.detectedMillis(), span);
    }

    static String duration(long millis) {
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
        }
        if (millis < 120_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = millis / 1000;
        return s < 7200 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d h %02d min", s / 3600, s / 60 % 60);
    }
}
