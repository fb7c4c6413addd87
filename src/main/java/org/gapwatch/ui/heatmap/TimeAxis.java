package org.gapwatch.ui.heatmap;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The time axis under a status history, as Grafana's state timeline labels it: local clock times ("07:50") at the
 * smallest sensible step (1, 2, 5, 10, 15, 30 minutes; 1, 2, 3, 6, 12 hours) at which no two labels come closer than
 * a gap, and "now" at the right end. Pure arithmetic on a width function, so tests give exact strings.
 */
final class TimeAxis {
    /** Steps tried, smallest first (minutes). */
    static final int[] STEP_MINUTES = {1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720};
    static final String NOW = "now";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    /** A label and where it is drawn: {@code x} its tick (canvas px), {@code left} and {@code right} its text's edges. */
    record Tick(String label, double x, double left, double right) {
    }

    private TimeAxis() {
    }

    /**
     * The ticks of the span {@code startMillis..endMillis} drawn from {@code x0} to {@code x1}: each label centred on
     * its tick, "now" right-aligned at {@code x1}, none within {@code gap} of another or past either end.
     *
     * @param widthOf the width of a label in the axis font (px)
     */
    static List<Tick> ticks(long startMillis, long endMillis, double x0, double x1, ZoneId zone,
                            ToDoubleFunction<String> widthOf, double gap) {
        List<Tick> out = new ArrayList<>();
        if (endMillis <= startMillis || x1 <= x0) {
            return out;
        }
        double pxPerMilli = (x1 - x0) / (endMillis - startMillis);
        double nowWidth = widthOf.applyAsDouble(NOW);
        Tick now = new Tick(NOW, x1, x1 - nowWidth, x1);
        double labelWidth = widthOf.applyAsDouble("00:00");
        int step = STEP_MINUTES[STEP_MINUTES.length - 1];
        for (int s : STEP_MINUTES) {
            if (s * 60_000.0 * pxPerMilli >= labelWidth + gap) {
                step = s;
                break;
            }
        }
        long stepMillis = step * 60_000L;
        // Ticks at whole steps of local time (a 6 h step falls on 00:00, 06:00...): offset by the zone's.
        long offset = zone.getRules().getOffset(Instant.ofEpochMilli(startMillis)).getTotalSeconds() * 1000L;
        long first = Math.floorDiv(startMillis + offset + stepMillis - 1, stepMillis) * stepMillis - offset;
        double lastRight = x0 - gap;
        for (long t = first; t < endMillis; t += stepMillis) {
            String label = CLOCK.format(Instant.ofEpochMilli(t).atZone(zone));
            double x = x0 + (t - startMillis) * pxPerMilli;
            double w = widthOf.applyAsDouble(label);
            double left = x - w / 2;
            double right = x + w / 2;
            if (left < x0 || left < lastRight + gap || right > now.left() - gap) {
                continue;
            }
            out.add(new Tick(label, x, left, right));
            lastRight = right;
        }
        out.add(now);
        return out;
    }
}
