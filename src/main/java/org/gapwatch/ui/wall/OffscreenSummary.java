package org.gapwatch.ui.wall;

import java.util.EnumMap;
import java.util.Map;
import javafx.scene.control.Label;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.SourceState;
import org.gapwatch.ui.Palette;

/**
 * When the wall scrolls, a line at its top and bottom edge says how many tiles are out of sight there and which of
 * them are abnormal ("▼ 251 more below · 3 LOSS · 1 STALE · PgDn"), so an exception is never hidden by the scroll
 * position. Two labels over the wall's canvas, updated with the wall's full repaint (once a second and on scroll).
 */
final class OffscreenSummary {
    private final Label above = new Label();
    private final Label below = new Label();

    OffscreenSummary() {
        for (Label l : new Label[] {above, below}) {
            l.getStyleClass().add("wall-offscreen");
            l.setVisible(false);
            l.setManaged(false);
            l.setMouseTransparent(true);
        }
        above.setId("wall-above");
        below.setId("wall-below");
    }

    Label above() {
        return above;
    }

    Label below() {
        return below;
    }

    /** Height of one line, for the room the wall leaves past its last row. */
    double height() {
        return Math.max(below.prefHeight(-1), 20);
    }

    void layout(double width, double height) {
        double h = height();
        above.resizeRelocate(0, 0, width, h);
        below.resizeRelocate(0, height - h, width, h);
    }

    /** Counts the source tiles out of sight above and below the view (once per full repaint: bounded cells). */
    void update(WallModel.Cells cells, Judgement j, double top, double bottom, boolean scrolling) {
        if (!scrolling) {
            above.setVisible(false);
            below.setVisible(false);
            return;
        }
        Map<SourceState, Integer> up = new EnumMap<>(SourceState.class);
        Map<SourceState, Integer> down = new EnumMap<>(SourceState.class);
        int nUp = 0, nDown = 0;
        double lineH = height();
        WallLayout layout = cells.layout;
        for (int c = 0; c < cells.count(); c++) {
            if (cells.kind[c] != WallModel.TILE) {
                continue;
            }
            double y = layout.y(c);
            SourceState s = j.state(cells.ref[c]);
            // A tile under the bottom line counts as out of sight.
            if (y + layout.tileH <= top) {
                nUp++;
                count(up, s);
            } else if (y + layout.tileH > bottom - lineH) {
                nDown++;
                count(down, s);
            }
        }
        show(above, "▲ " + nUp + " more above", up, nUp, "PgUp");
        show(below, "▼ " + nDown + " more below", down, nDown, "PgDn");
    }

    private static void count(Map<SourceState, Integer> m, SourceState s) {
        if (Palette.abnormal(s)) {
            m.merge(s, 1, Integer::sum);
        }
    }

    private static void show(Label l, String head, Map<SourceState, Integer> m, int n, String key) {
        l.setVisible(n > 0);
        if (n == 0) {
            return;
        }
        StringBuilder sb = new StringBuilder(head);
        Map<String, Integer> byWord = new java.util.LinkedHashMap<>();
        m.forEach((s, c) -> byWord.merge(s.word(), c, Integer::sum));
        byWord.forEach((w, c) -> sb.append(" · ").append(c).append(' ').append(w));
        if (byWord.isEmpty()) {
            sb.append(" · all normal");
        }
        sb.append(" · ").append(key);
        l.setText(sb.toString());
        l.getStyleClass().remove("has-problems");
        if (!byWord.isEmpty()) {
            l.getStyleClass().add("has-problems");
        }
    }
}
