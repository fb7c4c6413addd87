package org.gapwatch.ui.detail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.gapwatch.track.Gap;
import org.gapwatch.track.ValuePoint;

/**
 * A source's recent values over arrival time, drawn on a canvas, with the spans in which datagrams were lost shaded:
 * from the last update before a gap to the one that revealed it, labelled with how many were lost. Text, boolean
 * and null values are marked along the bottom instead of plotted.
 */
final class ValueChart extends Pane {
    // From the theme's palette (setPalette): the value line in the text colour, gaps in the loss colour alone.
    private Color BACKGROUND = org.gapwatch.ui.Palette.DARK.tile();
    private Color GRID = org.gapwatch.ui.Palette.DARK.nothing();
    private Color TEXT = org.gapwatch.ui.Palette.DARK.text();
    private Color LINE = org.gapwatch.ui.Palette.DARK.text();
    private Color GAP = org.gapwatch.ui.Palette.DARK.loss();
    private Color GAP_FILL = GAP.deriveColor(0, 1, 1, 0.30);
    private Font AXIS_FONT = Font.font("System", 16);
    private Font GAP_FONT = Font.font("System", FontWeight.BOLD, 16);
    // Margins at the display scale (setScale), so the axis labels keep their room.
    private double left = 90;
    private double right = 16;
    private double top = 26;
    private double bottom = 30;

    private final Canvas canvas = new Canvas();
    private List<ValuePoint> values = List.of();
    private List<Gap> gaps = List.of();
    private long nowMillis;
    private ZoneId zone = ZoneId.systemDefault();

    /** Fonts at the display scale (2 on a 3840x2160 screen). */
    public void setScale(double scale) {
        AXIS_FONT = Font.font("System", 16 * scale);
        left = 90 * scale;
        right = 16 * scale;
        top = 26 * scale;
        bottom = 30 * scale;
        GAP_FONT = Font.font("System", FontWeight.BOLD, 16 * scale);
    }

    /** Colours of the theme; redraws with the next data. */
    public void setPalette(org.gapwatch.ui.Palette p) {
        BACKGROUND = p.tile();
        GRID = p.nothing();
        TEXT = p.text();
        LINE = p.text();
        GAP = p.loss();
        GAP_FILL = GAP.deriveColor(0, 1, 1, 0.30);
    }

    ValueChart() {
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        setMinSize(200, 160);
        setPrefHeight(280);
    }

    void setZone(ZoneId zone) {
        this.zone = zone;
    }

    void setData(List<ValuePoint> values, List<Gap> gaps, long nowMillis) {
        this.values = values;
        this.gaps = gaps;
        this.nowMillis = nowMillis;
        redraw();
    }

    private void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, h);
        double pw = w - left - right;
        double ph = h - top - bottom;
        g.setStroke(GRID);
        g.setLineWidth(1);
        g.strokeRect(left, top, pw, ph);
        g.setFont(AXIS_FONT);
        if (values.isEmpty()) {
            g.setFill(TEXT);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("No values yet", left + pw / 2, top + ph / 2);
            return;
        }
        long t0 = values.get(0).arrivalMillis();
        long t1 = Math.max(nowMillis, values.get(values.size() - 1).arrivalMillis());
        if (t1 <= t0) {
            t1 = t0 + 1000;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean others = false;
        for (ValuePoint p : values) {
            if (p.isNumber() && Double.isFinite(p.number())) {
                min = Math.min(min, p.number());
                max = Math.max(max, p.number());
            } else {
                others = true;
            }
        }
        boolean numbers = min <= max;
        if (!numbers) {
            min = 0;
            max = 1;
        } else if (min == max) {
            min -= 1;
            max += 1;
        } else {
            double pad = (max - min) * 0.08;
            min -= pad;
            max += pad;
        }
        // Gaps first, under the line.
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        for (Gap gap : gaps) {
            if (gap.detectedMillis() < t0) {
                continue;
            }
            double x2 = x(gap.detectedMillis(), t0, t1, pw);
            double x1 = gap.spanMillis() >= 0 ? x(Math.max(t0, gap.previousArrivalMillis()), t0, t1, pw) : x2;
            double width = Math.max(3, x2 - x1);
            g.setFill(GAP_FILL);
            g.fillRect(x2 - width, top, width, ph);
            g.setStroke(GAP);
            g.setLineWidth(2);
            g.strokeLine(x2, top, x2, top + ph);
            g.setFont(GAP_FONT);
            g.setFill(GAP);
            g.fillText("−" + gap.lost(), x2 - width / 2, top - 2);
        }
        g.setFont(AXIS_FONT);
        if (numbers) {
            g.setStroke(LINE);
            g.setLineWidth(2.5);
            g.beginPath();
            boolean pen = false;
            for (ValuePoint p : values) {
                if (!p.isNumber() || !Double.isFinite(p.number())) {
                    pen = false;
                    continue;
                }
                double x = x(p.arrivalMillis(), t0, t1, pw);
                double y = top + ph - (p.number() - min) / (max - min) * ph;
                if (pen) {
                    g.lineTo(x, y);
                } else {
                    g.moveTo(x, y);
                    pen = true;
                }
            }
            g.stroke();
            if (values.size() <= 120) {
                g.setFill(LINE);
                for (ValuePoint p : values) {
                    if (p.isNumber() && Double.isFinite(p.number())) {
                        double x = x(p.arrivalMillis(), t0, t1, pw);
                        double y = top + ph - (p.number() - min) / (max - min) * ph;
                        g.fillOval(x - 3.5, y - 3.5, 7, 7);
                    }
                }
            }
            g.setFill(TEXT);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            for (int i = 0; i <= 4; i++) {
                double v = min + (max - min) * i / 4;
                double y = top + ph - ph * i / 4;
                g.fillText(axisLabel(v, max - min), left - 8, y);
                g.setStroke(GRID);
                g.setLineWidth(1);
                g.strokeLine(left, y, left + pw, y);
            }
        }
        if (others) {
            g.setFill(TEXT);
            for (ValuePoint p : values) {
                if (!p.isNumber()) {
                    double x = x(p.arrivalMillis(), t0, t1, pw);
                    g.fillRect(x - 1, top + ph - 12, 2, 12);
                }
            }
            if (!numbers) {
                g.setTextAlign(TextAlignment.CENTER);
                g.setTextBaseline(VPos.CENTER);
                ValuePoint last = values.get(values.size() - 1);
                g.fillText("text values (ticks at the bottom); latest: " + shorten(String.valueOf(last.other())),
                        left + pw / 2, top + ph / 2);
            }
        }
        // Under 10 s of history the seconds alone repeat: show tenths. A narrow chart gets three labels, not five.
        DateTimeFormatter f = DateTimeFormatter.ofPattern(t1 - t0 < 10_000 ? "HH:mm:ss.S" : "HH:mm:ss", Locale.ROOT)
                .withZone(zone);
        g.setFill(TEXT);
        g.setTextBaseline(VPos.TOP);
        int labelStep = pw < 520 ? 2 : 1;
        for (int i = 0; i <= 4; i += labelStep) {
            long t = t0 + (t1 - t0) * i / 4;
            g.setTextAlign(i == 0 ? TextAlignment.LEFT : i == 4 ? TextAlignment.RIGHT : TextAlignment.CENTER);
            g.fillText(f.format(Instant.ofEpochMilli(t)), left + pw * i / 4, top + ph + 6);
        }
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 39) + "…" : s;
    }

    /** Rounds an axis label to a few significant digits of the shown range. */
    /** An axis value with as many decimals as the range needs (one digit below its magnitude). */
    static String axisLabel(double v, double range) {
        int decimals = range > 0 ? (int) Math.max(0, Math.min(6, 1 - Math.floor(Math.log10(range)))) : 2;
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.matches("-[0.]+") ? s.substring(1) : s;
    }

    private double x(long t, long t0, long t1, double pw) {
        return left + (double) (t - t0) / (t1 - t0) * pw;
    }
}
