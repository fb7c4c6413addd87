package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.paint.Color;
import org.gapwatch.judge.SourceState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The canvas palette after ISA-101, checked under simulated colour-vision deficiency: the dichromacy matrices of
 * Machado, Oliveira and Fernandes (2009, severity 1.0) applied to linear RGB, then CIEDE2000 between every pair of
 * abnormal colours and against the grey of normal and the tile.
 */
class PaletteTest {
    /** The smallest CIEDE2000 difference allowed; about 2.3 is "just noticeable", 10 and more is "clearly another colour". */
    static final double MIN_DELTA_E = 12;

    private static final double[][] NORMAL = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    private static final double[][] PROTANOPIA = {
        {0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}};
    private static final double[][] DEUTERANOPIA = {
        {0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}};
    private static final double[][] TRITANOPIA = {
        {1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}};

    @ParameterizedTest
    @ValueSource(strings = {"dark", "light"})
    void abnormalColoursStayApartUnderEveryColourVision(String theme) {
        Palette p = Palette.of(theme);
        Map<String, Color> colours = new LinkedHashMap<>();
        colours.put("normal", p.normal());
        colours.put("tile", p.tile());
        colours.put("WARN", p.warn());
        colours.put("ALARM", p.alarm());
        colours.put("LOSS", p.loss());
        colours.put("STALE", p.stale());
        colours.put("CONFLICT", p.conflict());
        Map<String, double[][]> visions = Map.of("normal vision", NORMAL, "protanopia", PROTANOPIA,
                "deuteranopia", DEUTERANOPIA, "tritanopia", TRITANOPIA);
        String[] names = colours.keySet().toArray(String[]::new);
        double worst = Double.MAX_VALUE;
        for (var vision : visions.entrySet()) {
            for (int i = 0; i < names.length; i++) {
                for (int j = i + 1; j < names.length; j++) {
                    if (i < 2 && j < 2) {
                        continue; // normal grey against the tile is contrast, not a state told apart
                    }
                    double d = deltaE2000(lab(simulate(colours.get(names[i]), vision.getValue())),
                            lab(simulate(colours.get(names[j]), vision.getValue())));
                    worst = Math.min(worst, d);
                    assertTrue(d >= MIN_DELTA_E, theme + ", " + vision.getKey() + ": " + names[i] + " and " + names[j]
                            + " differ by ΔE00 " + String.format("%.1f", d) + " < " + MIN_DELTA_E);
                }
            }
        }
        System.out.printf("%s palette: smallest CIEDE2000 between abnormal colours and normal grey, over normal vision"
                + " and the three dichromacies: %.1f%n", theme, worst);
        assertTrue(worst >= MIN_DELTA_E);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dark", "light"})
    void normalIsGreyAndLossHasAColourOfItsOwn(String theme) {
        Palette p = Palette.of(theme);
        for (SourceState s : new SourceState[] {SourceState.OK, SourceState.ENDED}) {
            assertEquals(p.normal(), p.of(s), s + " is drawn in the normal grey");
            assertTrue(chroma(p.of(s)) < 6, s + " has no hue");
        }
        for (SourceState s : SourceState.values()) {
            if (Palette.abnormal(s) && !s.isLoss()) {
                assertNotEquals(p.loss(), p.of(s), s + " must not borrow the loss colour");
            }
        }
        assertTrue(chroma(p.received()) < 6, "received seconds in the strip are grey, not blue");
        assertTrue(chroma(p.late()) < 6, "late seconds in the strip are grey");
        assertEquals(p.loss(), p.of(SourceState.LOSING));
        assertEquals(p.loss(), p.of(SourceState.BADLY_LOSING));
        assertNotEquals(p.alarm(), p.loss(), "loss is not the ALARM colour");
        int uses = 0;
        for (RecordComponent c : Palette.class.getRecordComponents()) {
            try {
                if (p.loss().equals(c.getAccessor().invoke(p))) {
                    uses++;
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        assertEquals(1, uses, "the loss colour is used for loss alone");
        for (RecordComponent c : Palette.class.getRecordComponents()) {
            try {
                Color col = (Color) c.getAccessor().invoke(p);
                double[] lab = lab(simulate(col, NORMAL));
                double hue = Math.toDegrees(Math.atan2(lab[2], lab[1]));
                hue = hue < 0 ? hue + 360 : hue;
                assertTrue(chroma(col) < 20 || hue < 110 || hue > 175,
                        c.getName() + " is green (hue " + Math.round(hue) + "°): no green anywhere");
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void colourDifferenceMatchesSharmasTestData() {
        // Pairs 1, 7 and 17 of Sharma, Wu and Dalal's CIEDE2000 test data.
        assertEquals(2.0425, deltaE2000(new double[] {50, 2.6772, -79.7751}, new double[] {50, 0, -82.7485}), 1e-4);
        assertEquals(2.3669, deltaE2000(new double[] {50, 0, 0}, new double[] {50, -1, 2}), 1e-4);
        assertEquals(27.1492, deltaE2000(new double[] {50, 2.5, 0}, new double[] {73, 25, -18}), 1e-4);
    }

    private static double chroma(Color c) {
        double[] lab = lab(simulate(c, NORMAL));
        return Math.hypot(lab[1], lab[2]);
    }

    /** Linear RGB of {@code c} as a dichromat sees it, clipped to the gamut. */
    static double[] simulate(Color c, double[][] m) {
        double[] lin = {linear(c.getRed()), linear(c.getGreen()), linear(c.getBlue())};
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = Math.clamp(m[i][0] * lin[0] + m[i][1] * lin[1] + m[i][2] * lin[2], 0, 1);
        }
        return out;
    }

    private static double linear(double v) {
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /** CIELAB (D65) of linear sRGB. */
    static double[] lab(double[] rgb) {
        double x = (0.4124564 * rgb[0] + 0.3575761 * rgb[1] + 0.1804375 * rgb[2]) / 0.95047;
        double y = 0.2126729 * rgb[0] + 0.7151522 * rgb[1] + 0.0721750 * rgb[2];
        double z = (0.0193339 * rgb[0] + 0.1191920 * rgb[1] + 0.9503041 * rgb[2]) / 1.08883;
        double fx = f(x), fy = f(y), fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    /** CIEDE2000 (Sharma, Wu and Dalal 2005). */
    static double deltaE2000(double[] c1, double[] c2) {
        double l1 = c1[0], a1 = c1[1], b1 = c1[2], l2 = c2[0], a2 = c2[1], b2 = c2[2];
        double cBar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
        double g = 0.5 * (1 - Math.sqrt(Math.pow(cBar, 7) / (Math.pow(cBar, 7) + Math.pow(25, 7))));
        double a1p = (1 + g) * a1, a2p = (1 + g) * a2;
        double c1p = Math.hypot(a1p, b1), c2p = Math.hypot(a2p, b2);
        double h1 = hue(b1, a1p), h2 = hue(b2, a2p);
        double dL = l2 - l1, dC = c2p - c1p;
        double dh = c1p * c2p == 0 ? 0 : h2 - h1 > 180 ? h2 - h1 - 360 : h2 - h1 < -180 ? h2 - h1 + 360 : h2 - h1;
        double dH = 2 * Math.sqrt(c1p * c2p) * Math.sin(Math.toRadians(dh / 2));
        double lBar = (l1 + l2) / 2, cBarP = (c1p + c2p) / 2;
        double hBar = c1p * c2p == 0 ? h1 + h2 : Math.abs(h1 - h2) <= 180 ? (h1 + h2) / 2
                : h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
        double t = 1 - 0.17 * cos(hBar - 30) + 0.24 * cos(2 * hBar) + 0.32 * cos(3 * hBar + 6) - 0.20 * cos(4 * hBar - 63);
        double dTheta = 30 * Math.exp(-Math.pow((hBar - 275) / 25, 2));
        double rc = 2 * Math.sqrt(Math.pow(cBarP, 7) / (Math.pow(cBarP, 7) + Math.pow(25, 7)));
        double sl = 1 + 0.015 * Math.pow(lBar - 50, 2) / Math.sqrt(20 + Math.pow(lBar - 50, 2));
        double sc = 1 + 0.045 * cBarP, sh = 1 + 0.015 * cBarP * t;
        double rt = -Math.sin(Math.toRadians(2 * dTheta)) * rc;
        return Math.sqrt(Math.pow(dL / sl, 2) + Math.pow(dC / sc, 2) + Math.pow(dH / sh, 2)
                + rt * (dC / sc) * (dH / sh));
    }

    private static double hue(double b, double a) {
        double h = Math.toDegrees(Math.atan2(b, a));
        return h < 0 ? h + 360 : h;
    }

    private static double cos(double degrees) {
        return Math.cos(Math.toRadians(degrees));
    }
}
