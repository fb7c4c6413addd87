package org.gapwatch.ui.wall;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import org.gapwatch.judge.SourceState;

/** Status glyphs drawn on a canvas: a different shape per state, so shape alone tells it. */
final class Glyphs {
    private Glyphs() {
    }

    /** Draws the glyph of {@code h} in a square of side {@code s} at (x, y). */
    static void draw(GraphicsContext g, SourceState h, double x, double y, double s, Color c, Color ink) {
        double cx = x + s / 2, cy = y + s / 2, r = s / 2;
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineWidth(Math.max(1.5, s / 8));
        switch (h) {
            case OK -> {
                g.setFill(c);
                g.fillOval(x, y, s, s);
                g.setStroke(ink);
                g.strokePolyline(new double[] {cx - r * .5, cx - r * .1, cx + r * .55},
                        new double[] {cy, cy + r * .4, cy - r * .4}, 3);
            }
            case WARN -> {
                g.setFill(c);
                g.fillPolygon(new double[] {cx, x + s, x}, new double[] {y, y + s, y + s}, 3);
                bang(g, cx, y + s * .35, y + s * .72, y + s * .87, ink, s);
            }
            case ALARM -> {
                double k = r * 0.41;
                g.setFill(c);
                g.fillPolygon(new double[] {cx - k, cx + k, x + s, x + s, cx + k, cx - k, x, x},
                        new double[] {y, y, cy - k, cy + k, y + s, y + s, cy + k, cy - k}, 8);
                bang(g, cx, y + s * .2, y + s * .62, y + s * .8, ink, s);
            }
            case FAULT -> {
                g.setFill(c);
                g.fillRect(x, y, s, s);
                g.setStroke(ink);
                double m = s * .25;
                g.strokeLine(x + m, y + m, x + s - m, y + s - m);
                g.strokeLine(x + s - m, y + m, x + m, y + s - m);
            }
            case LOSING, BADLY_LOSING -> {
                g.setFill(c);
                g.fillPolygon(new double[] {x, x + s, cx}, new double[] {y, y, y + s}, 3);
                bang(g, cx, y + s * .13, y + s * .45, y + s * .62, ink, s);
            }
            case STALE -> {
                g.setStroke(c);
                g.strokeOval(x + 1, y + 1, s - 2, s - 2);
                g.strokeLine(cx, cy, cx, y + s * .22);
                g.strokeLine(cx, cy, cx + r * .5, cy);
            }
            case CONFLICT -> {
                g.setStroke(c);
                g.strokeOval(x, y + s * .2, s * .6, s * .6);
                g.strokeOval(x + s * .4, y + s * .2, s * .6, s * .6);
            }
            case INVALID_INPUT -> {
                g.setFill(c);
                g.fillOval(x, y, s, s);
                g.setStroke(ink);
                g.strokeLine(cx, cy - r * .1, cx, cy + r * .5);
                g.setFill(ink);
                double d = Math.max(2, s / 7);
                g.fillOval(cx - d / 2, cy - r * .5 - d / 2, d, d);
            }
            case ENDED -> {
                g.setStroke(c);
                g.strokeOval(x + 1, y + 1, s - 2, s - 2);
            }
        }
    }

    private static void bang(GraphicsContext g, double cx, double top, double bottom, double dot, Color ink, double s) {
        g.setStroke(ink);
        g.strokeLine(cx, top, cx, bottom);
        g.setFill(ink);
        double d = Math.max(2, s / 7);
        g.fillOval(cx - d / 2, dot - d / 2, d, d);
    }
}
