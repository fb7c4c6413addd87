package org.gapwatch.ui.wall;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/** Fonts by size and text widths, cached, for fitting text into tiles without a node per tile. FX thread only. */
final class TextFit {
    private final Map<Integer, Font> regular = new HashMap<>();
    private final Map<Integer, Font> bold = new HashMap<>();
    private final Map<Font, Map<String, Double>> widths = new HashMap<>();
    private final Text probe = new Text();
    private int cached;

    Font font(double size, boolean isBold) {
        int key = (int) Math.round(size * 2);
        return (isBold ? bold : regular).computeIfAbsent(key,
                k -> Font.font("System", isBold ? FontWeight.BOLD : FontWeight.NORMAL, k / 2.0));
    }

    double width(String s, Font f) {
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
    String fit(String s, Font f, double max) {
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

    /** {@code s} cut at the front ("…line-3/pump-7"), keeping the end of a name that is the distinguishing part. */
    String fitTail(String s, Font f, double max) {
        if (width(s, f) <= max) {
            return s;
        }
        int lo = 0, hi = s.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (width("…" + s.substring(s.length() - mid), f) <= max) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return "…" + s.substring(s.length() - lo);
    }
}
