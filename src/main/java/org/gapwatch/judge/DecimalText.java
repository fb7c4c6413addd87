package org.gapwatch.judge;

import java.util.Locale;

/**
 * Numbers with one decimal as {@code String.format(Locale.ROOT, "%.1f", ...)} writes them, without a formatter: for
 * the texts made on the judge's thread per judgement or per alarm raised (an episode's cause, an alarm's detail); in
 * a storm an evaluation raises thousands of points, and formatting each detail was a tenth of that thread's time.
 * The same text: {@code %.1f} rounds the shortest decimal that reads back as the double (the one {@link
 * Double#toString(double)} writes) half up to one decimal; values outside the plain ranges below go to the
 * formatter (DecimalTextTest compares with it).
 */
public final class DecimalText {
    /** Below this, {@link Double#toString(double)} writes plain decimals, not "1.0E7". */
    private static final double PLAIN_BELOW = 1e7;
    /** Up to here (31 years) {@code millis / 1000.0} reads as exactly millis / 1000 (thousandths far above an ulp). */
    private static final long EXACT_MILLIS_BELOW = 1_000_000_000_000L;

    private DecimalText() {
    }

    /** {@code String.format(Locale.ROOT, "%.1f s", millis / 1000.0)}. */
    public static String seconds(long millis) {
        if (millis < 0 || millis >= EXACT_MILLIS_BELOW) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return tenths((millis + 50) / 100) + " s";
    }

    /** {@code String.format(Locale.ROOT, "%.1f", v)}. */
    public static String oneDecimal(double v) {
        if (!(v >= 0 && v < PLAIN_BELOW) || Double.doubleToRawLongBits(v) < 0) { // negative, -0.0, NaN, large
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (v < 1e-3) {
            return "0.0"; // written "1.0E-4" by toString, and below 0.05 anyway
        }
        String s = Double.toString(v); // "123.456": digits, a point, at least one digit
        int dot = s.indexOf('.');
        long whole = Long.parseLong(s, 0, dot, 10);
        int first = s.charAt(dot + 1) - '0';
        int up = dot + 2 < s.length() && s.charAt(dot + 2) >= '5' ? 1 : 0;
        return tenths(whole * 10 + first + up);
    }

    private static String tenths(long t) {
        return (t / 10) + "." + (t % 10);
    }
}
