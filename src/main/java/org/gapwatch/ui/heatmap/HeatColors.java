package org.gapwatch.ui.heatmap;

import javafx.scene.paint.Color;

/**
 * Colour of a loss fraction: viridis (colour-blind safe, darker to brighter as loss grows) on a logarithmic scale so
 * 0.1% and 1% differ as clearly as 10% and 100%. No loss is viridis' dark violet end; "nothing expected" (no update
 * and no known gap in the slot) is a neutral grey with no hue, so it never reads as "fine".
 */
public final class HeatColors {
    /** Nothing expected in the slot. */
    public static final Color NOTHING = Color.web("#3a3a3a");
    /** Viridis at 0, 0.125 .. 1. */
    private static final int[] STOPS = {
        0x440154, 0x472c7a, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725};
    /** Position on the scale of the smallest non-zero loss, so any loss stands apart from none. */
    static final double FIRST_LOSS = 0.25;

    private HeatColors() {
    }

    /** Position 0..1 on the colour scale of a loss fraction (NaN stays NaN). */
    public static double scale(double loss) {
        if (Double.isNaN(loss)) {
            return Double.NaN;
        }
        if (loss <= 0) {
            return 0;
        }
        // 0.1% or less -> FIRST_LOSS, 100% -> 1, logarithmic between.
        double decades = Math.log10(Math.max(loss, 0.001) * 1000) / 3;
        return FIRST_LOSS + (1 - FIRST_LOSS) * Math.min(1, decades);
    }

    /** Opaque ARGB of a loss fraction. */
    public static int argb(double loss) {
        double p = scale(loss);
        if (Double.isNaN(p)) {
            return 0xff3a3a3a;
        }
        double x = p * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) x);
        double f = x - i;
        int a = STOPS[i];
        int b = STOPS[i + 1];
        int r = mix(a >> 16 & 0xff, b >> 16 & 0xff, f);
        int g = mix(a >> 8 & 0xff, b >> 8 & 0xff, f);
        int bl = mix(a & 0xff, b & 0xff, f);
        return 0xff000000 | r << 16 | g << 8 | bl;
    }

    public static Color color(double loss) {
        int c = argb(loss);
        return Color.rgb(c >> 16 & 0xff, c >> 8 & 0xff, c & 0xff);
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    /** Loss fraction of summed counts, net of late arrivals; NaN where nothing was expected. */
    static double loss(long received, long lost, long late) {
        if (received + lost == 0) {
            return Double.NaN;
        }
        return org.gapwatch.judge.LossFigures.share(received, lost, late);
    }
}
