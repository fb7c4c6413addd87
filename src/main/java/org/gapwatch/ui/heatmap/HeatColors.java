package org.gapwatch.ui.heatmap;

import javafx.scene.paint.Color;

/**
 * Colour of a loss fraction, exceptions first: no loss is the quiet grey of a tile (not a hue), "nothing expected"
 * (no update and no known gap in the slot) is the darker (on the light theme: lighter) panel colour, and any loss is
 * the loss colour (ui.Palette.loss, used for loss alone), dim to strong on a logarithmic scale so that 0.1 % and
 * 1 % differ as clearly as 10 % and 100 %. One hue ramped in lightness stays ordered under every colour vision.
 */
public final class HeatColors {
    public static final HeatColors DARK = new HeatColors(0xff3a4047, 0xff1d2024, 0x5c2a6b, 0xe040fb, 0xffd9ff);
    public static final HeatColors LIGHT = new HeatColors(0xffd3d7dc, 0xfff4f6f8, 0xf3c4fa, 0xe040fb, 0x5a0070);
    /** Position on the scale of the smallest non-zero loss, so any loss stands apart from none. */
    static final double FIRST_LOSS = 0.25;
    /** Position of the full loss colour (10 % loss). */
    private static final double FULL = FIRST_LOSS + (1 - FIRST_LOSS) * 2 / 3;

    private final int none;
    private final int nothing;
    private final int low;
    private final int mid;
    private final int high;

    private HeatColors(int none, int nothing, int low, int mid, int high) {
        this.none = none;
        this.nothing = nothing;
        this.low = low;
        this.mid = mid;
        this.high = high;
    }

    public static HeatColors of(String theme) {
        return "light".equals(theme) ? LIGHT : DARK;
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

    /** Opaque ARGB of "nothing expected". */
    public int nothingArgb() {
        return nothing;
    }

    public Color nothing() {
        return rgb(nothing);
    }

    /** Opaque ARGB of a loss fraction. */
    public int argb(double loss) {
        return argbAt(scale(loss));
    }

    /** Opaque ARGB at a position of the scale (for the legend); below {@link #FIRST_LOSS} is no loss. */
    int argbAt(double p) {
        if (Double.isNaN(p)) {
            return nothing;
        }
        if (p < FIRST_LOSS) {
            return none;
        }
        int a = p <= FULL ? low : mid;
        int b = p <= FULL ? mid : high;
        double f = p <= FULL ? (p - FIRST_LOSS) / (FULL - FIRST_LOSS) : (p - FULL) / (1 - FULL);
        int r = mix(a >> 16 & 0xff, b >> 16 & 0xff, f);
        int g = mix(a >> 8 & 0xff, b >> 8 & 0xff, f);
        int bl = mix(a & 0xff, b & 0xff, f);
        return 0xff000000 | r << 16 | g << 8 | bl;
    }

    public Color color(double loss) {
        return rgb(argb(loss));
    }

    Color colorAt(double p) {
        return rgb(argbAt(p));
    }

    private static Color rgb(int c) {
        return Color.rgb(c >> 16 & 0xff, c >> 8 & 0xff, c & 0xff);
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * Math.clamp(f, 0, 1));
    }

    /** Loss fraction of summed counts, net of late arrivals; NaN where nothing was expected. */
    static double loss(long received, long lost, long late) {
        if (received + lost == 0) {
            return Double.NaN;
        }
        return org.gapwatch.judge.LossFigures.share(received, lost, late);
    }
}
