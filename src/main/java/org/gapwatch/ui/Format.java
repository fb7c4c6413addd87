package org.gapwatch.ui;

import java.util.Locale;

/** Short texts for a screen read from a distance. */
public final class Format {
    private Format() {
    }

    /** "4 s", "12 min", "3 h", "2 d". */
    public static String age(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        if (s < 172_800) {
            return s / 3600 + " h";
        }
        return s / 86_400 + " d";
    }

    /** A fraction 0..1 as a percentage: "0 %", "0.04 %", "3.2 %", "45 %". */
    public static String percent(double fraction) {
        double p = fraction * 100;
        if (p == 0) {
            return "0 %";
        }
        if (p < 0.1) {
            return String.format(Locale.ROOT, "%.2f %%", p);
        }
        if (p < 10) {
            return String.format(Locale.ROOT, "%.1f %%", p);
        }
        return String.format(Locale.ROOT, "%.0f %%", p);
    }

    private static final java.time.format.DateTimeFormatter CLOCK =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    /** A moment as a wall-clock time of day, "17:50:04". */
    public static String clock(long epochMillis, java.time.ZoneId zone) {
        return CLOCK.format(java.time.Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    public static String rate(double perSecond) {
        if (perSecond >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk/s", perSecond / 1000);
        }
        if (perSecond >= 100) {
            return String.format(Locale.ROOT, "%.0f/s", perSecond);
        }
        return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }
}
