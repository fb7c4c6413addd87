package org.gapwatch.ui.detail;

import java.util.Locale;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.geometry.VPos;
import org.gapwatch.track.Levels;

/**
 * A source's newest vector of levels or values ({@link Levels}: sACN's slot levels, collectd's several values) as a
 * strip of bars, one per element, scaled to the pane's width, under a line that says which elements it shows and
 * how many are not zero ({@code Levels 1–512 · 187 non-zero}); the first and last index under the bars. Where the
 * width has fewer pixels than elements, each pixel column shows the highest of the elements it covers, so a single
 * slot that is up is never lost. Hidden for a source without a vector. Protocol-blind: it reads only the vector.
 * FX thread only; paints only when the vector, the size or the scale changed.
 */
final class LevelStrip extends Region {
    private static final double BAR_HEIGHT = 64;
    private static final double FONT = 15;

    private final Label summary = new Label();
    private final Canvas canvas = new Canvas();
    private Levels levels;
    private double scale = 1;
    private Color background = org.gapwatch.ui.Palette.DARK.tile();
    private Color bar = org.gapwatch.ui.Palette.DARK.text();
    private Color text = org.gapwatch.ui.Palette.DARK.dimText();
    private int paints;

    LevelStrip() {
        setId("detail-levels");
        summary.setId("detail-levels-summary");
        summary.getStyleClass().add("section");
        canvas.setId("detail-levels-canvas");
        getChildren().addAll(summary, canvas);
        setVisible(false);
        managedProperty().bind(visibleProperty());
    }

    /** Shows the vector (null: none, the strip hides). The same vector again paints nothing. */
    void setLevels(Levels l) {
        if (l == levels) {
            return;
        }
        levels = l;
        setVisible(l != null);
        if (l != null) {
            summary.setText(summaryText(l));
            paint();
        }
    }

    /** What the line above the bars says: the indexes shown and how many elements are not zero. */
    static String summaryText(Levels l) {
        return String.format(Locale.ROOT, "Levels %d–%d · %d non-zero", l.firstIndex(), l.lastIndex(), l.nonZero());
    }

    Levels levels() {
        return levels;
    }

    /** Times the strip was painted (a test's count that an unchanged vector costs nothing). */
    int paints() {
        return paints;
    }

    void setScale(double s) {
        scale = s;
        requestLayout();
        paint();
    }

    void setPalette(org.gapwatch.ui.Palette p) {
        background = p.tile();
        bar = p.text();
        text = p.dimText();
        paint();
    }

    private double labelsHeight() {
        return (FONT + 8) * scale;
    }

    @Override
    protected double computePrefHeight(double width) {
        return summary.prefHeight(width) + 4 * scale + BAR_HEIGHT * scale + labelsHeight();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 300 * scale;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double sh = summary.prefHeight(w);
        summary.resizeRelocate(0, 0, w, sh);
        double ch = BAR_HEIGHT * scale + labelsHeight();
        canvas.relocate(0, sh + 4 * scale);
        if (canvas.getWidth() != w || canvas.getHeight() != ch) {
            canvas.setWidth(w);
            canvas.setHeight(ch);
            paint();
        }
    }

    private void paint() {
        if (levels == null || canvas.getWidth() <= 0) {
            return;
        }
        paints++;
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = BAR_HEIGHT * scale;
        g.clearRect(0, 0, w, canvas.getHeight());
        g.setFill(background);
        g.fillRect(0, 0, w, h);
        g.setFill(bar);
        int n = levels.size();
        if (w >= n) {
            double each = w / n;
            double gapPx = each >= 3 ? 1 : 0; // bars apart where there is room for a gap
            for (int i = 0; i < n; i++) {
                double f = levels.fraction(i);
                if (f > 0) {
                    // Edges on whole pixels: crisp bars, and neighbours that touch leave no seam between them.
                    double x0 = Math.round(i * each);
                    double x1 = Math.round((i + 1) * each) - gapPx;
                    double bh = Math.max(1, Math.round(f * h));
                    g.fillRect(x0, h - bh, Math.max(1, x1 - x0), bh);
                }
            }
        } else {
            int columns = (int) Math.floor(w);
            for (int x = 0; x < columns; x++) {
                int from = (int) ((long) x * n / columns);
                int to = (int) ((long) (x + 1) * n / columns);
                double f = 0;
                for (int i = from; i < Math.max(to, from + 1); i++) {
                    f = Math.max(f, levels.fraction(i));
                }
                if (f > 0) {
                    double bh = Math.max(1, f * h);
                    g.fillRect(x, h - bh, 1, bh);
                }
            }
        }
        g.setFill(text);
        g.setFont(Font.font("System", FONT * scale));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(Integer.toString(levels.firstIndex()), 0, h + 3 * scale);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(Integer.toString(levels.lastIndex()), w, h + 3 * scale);
        if (!levels.eightBit()) {
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("full scale " + org.gapwatch.protocol.Update.formatNumber(levels.fullScale()), w / 2,
                    h + 3 * scale);
        }
    }
}
