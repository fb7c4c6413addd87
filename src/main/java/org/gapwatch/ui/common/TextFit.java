package org.gapwatch.ui.common;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * Fonts by size and text widths, cached, for fitting text into a canvas (the wall's tiles, the history band's names)
 * without a node per text. FX thread only.
 */
public final class TextFit {
    private final Map<Integer, Font> regular = new HashMap<>();
    private final Map<Integer, Font> bold = new HashMap<>();
    private final Map<Font, Map<String, Double>> widths = new HashMap<>();
    private final Text probe = new Text();
    private int cached;

    public Font font(double size, boolean isBold) {
        int key = (int) Math.round(size * 2);
        return (isBold ? bold : regular).computeIfAbsent(key,
                k -> Font.font("System", isBold ? FontWeight.BOLD : FontWeight.NORMAL, k / 2.0));
    }

    public double width(String s, Font f) {
        Map<String, Double> m = widths.computeIfAbsent(f, k -> new HashMap<>());
        Double w = m.get(s);
        if (w == null) {
            if (cached > 50_000) {
                widths.values().forEach(Map::clear);
                cached = 0;
            }
            probe.setFont(f);
            probe.setText(s);
            w = probe.getLayoutBounds().getWidth();
            m.put(s, w);
            cached++;
        }
        return w;
    }

    /** {@code s}, cut and ended with an ellipsis if it is wider than {@code max}. */
    public String fit(String s, Font f, double max) {
        if (width(s, f) <= max) {
            return s;
        }
        int lo = 0, hi = s.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (width(s.substring(0, mid) + "…", f) <= max) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo == 0 ? "…" : s.substring(0, lo) + "…";
    }

    /**
     * {@code s} shortened in the middle ("zone-3/det…ctor-12"), keeping its start and, a little longer, its end, where
     * names keep the parts that tell them apart; as it is if it fits.
     */
    public String fitMiddle(String s, Font f, double max) {
        return fitAround(s, 0, f, max);
    }

    /**
     * {@code s} shortened in the middle, but never cutting into {@code keepFrom}..end beyond what the width forces:
     * the end from {@code keepFrom} on is kept whole if it fits with an ellipsis before it.
     */
    public String fitAround(String s, int keepFrom, Font f, double max) {
        if (width(s, f) <= max) {
            return s;
        }
        int n = s.length();
        // The most characters kept, split 40:60 between head and tail.
        int lo = 0, hi = n - 1;
        String best = "…";
        while (lo <= hi) {
            int keep = (lo + hi) / 2;
            int tail = (int) Math.ceil(keep * 0.6);
            if (keepFrom > 0) {
                tail = Math.max(tail, Math.min(keep, n - keepFrom));
            }
            String t = s.substring(0, keep - tail) + "…" + s.substring(n - tail);
            if (width(t, f) <= max) {
                best = t;
                lo = keep + 1;
            } else {
                hi = keep - 1;
            }
        }
        return best;
    }

    /** Cap height of {@code f}: the height of a capital H as drawn (for tests and layout checks). */
    public static double capHeight(Font f) {
        Text t = new Text("H");
        t.setFont(f);
        t.setBoundsType(javafx.scene.text.TextBoundsType.VISUAL);
        return t.getLayoutBounds().getHeight();
    }
}
