package org.gapwatch.ui.wall;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.gapwatch.judge.SourceState;
import org.gapwatch.ui.Palette;
import org.gapwatch.ui.common.TextFit;

/**
 * A group's header cell: quiet (a panel darker than the tiles, grey text), its name and source count, and a chip
 * per abnormal state with its count in that state's colour ("2 ALARM", "5 LOSS"). "All normal" only when every
 * source is. Chips that do not fit are summed into a last "+N more" so no count is dropped silently.
 */
final class HeaderPainter {
    private final TextFit text;

    HeaderPainter(TextFit text) {
        this.text = text;
    }

    /** Paints the header; returns its texts, " | " between them (for tests). */
    String paint(GraphicsContext g, Palette p, String group, int size, int[] counts, double x, double y, double w,
                 double h) {
        double pad = TilePainter.pad(h);
        double fs = TilePainter.nameSize(h);
        g.setFill(p.background());
        g.fillRect(x - 3, y - 3, w + 6, h + 6);
        g.setFill(p.header());
        g.fillRect(x, y, w, h);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        Font title = text.font(fs * 1.15, true);
        Font small = text.font(fs, false);
        Font chip = text.font(fs, true);
        g.setFont(title);
        g.setFill(p.headerText());
        String name = text.fitMiddle(group.toUpperCase(java.util.Locale.ROOT), title, w - 2 * pad);
        g.fillText(name, x + pad, y + pad);
        g.setFont(small);
        String line1 = size + (size == 1 ? " source" : " sources");
        g.fillText(line1, x + pad, y + pad + fs * 1.35);

        List<String> words = new ArrayList<>();
        List<SourceState> states = new ArrayList<>();
        // Worst first, one chip per word (LOSS covers losing and badly losing).
        for (SourceState s : SourceState.values()) {
            if (Palette.abnormal(s) && counts[s.ordinal()] > 0) {
                int n = counts[s.ordinal()];
                if (s == SourceState.LOSING && !states.isEmpty() && states.getLast() == SourceState.BADLY_LOSING) {
                    int total = counts[SourceState.BADLY_LOSING.ordinal()] + n;
                    words.set(words.size() - 1, total + " " + s.word());
                    continue;
                }
                words.add(n + " " + s.word());
                states.add(s);
            }
        }
        StringBuilder out = new StringBuilder(name + " | " + line1);
        double cy = y + pad + fs * 2.6;
        double cx = x + pad;
        double rowH = fs * 1.12;
        if (words.isEmpty()) {
            g.setFill(p.dimText());
            g.fillText("all normal", cx, cy);
            return out.append(" | all normal").toString();
        }
        g.setFont(chip);
        for (int k = 0; k < words.size(); k++) {
            String word = words.get(k);
            double cw = text.width(word, chip) + fs * 0.5;
            if (cx + cw > x + w - pad) {
                cx = x + pad;
                cy += rowH + fs * 0.15;
            }
            if (cy + rowH > y + h - pad / 2 || cw > w - 2 * pad) {
                int rest = 0;
                for (int r = k; r < words.size(); r++) {
                    rest += Integer.parseInt(words.get(r).substring(0, words.get(r).indexOf(' ')));
                }
                g.setFill(p.headerText());
                g.setFont(small);
                String more = "+" + rest + " more";
                g.fillText(more, cx, Math.min(cy, y + h - pad - rowH));
                out.append(" | ").append(more);
                break;
            }
            g.setFill(p.of(states.get(k)));
            g.fillRect(cx, cy, cw, rowH);
            g.setFill(p.inkOn(states.get(k)));
            g.fillText(word, cx + fs * 0.25, cy + fs * 0.06);
            out.append(" | ").append(word);
            cx += cw + fs * 0.3;
        }
        return out.toString();
    }
}
