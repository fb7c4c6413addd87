package org.gapwatch.ui.wall;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.gapwatch.track.SourceView;
import org.gapwatch.ui.Format;
import org.gapwatch.judge.LossFigures;
import org.gapwatch.judge.SourceState;
import org.gapwatch.ui.Palette;

/**
 * Draws one source tile: name and age on top, the value large, status glyph and word with the 5-minute loss, and
 * the 60-second gap strip at the bottom. Sizes follow the tile's height so the layout holds at every tile size.
 */
final class TilePainter {
    private final TextFit text = new TextFit();

    /** Paints the tile and returns what it wrote, " | " between texts (for tests and screen readers). */
    String paint(GraphicsContext g, Palette p, SourceView v, SourceState h, double loss, String name, double x, double y, double w,
               double tileH, long now, boolean selected, boolean hovered, int blink) {
        double pad = pad(tileH);
        Color accent = p.of(h);
        boolean stale = h == SourceState.STALE;

        g.setFill(p.background());
        g.fillRect(x - 2, y - 2, w + 4, tileH + 4);
        g.setFill(p.tile());
        g.fillRect(x, y, w, tileH);
        if (stale) {
            hatch(g, p, x, y, w, tileH);
        }
        // Status bar on the left edge: the colour, seen first from afar.
        double bar = bar(w);
        g.setFill(accent);
        g.fillRect(x, y, bar, tileH);
        if (h.isProblem() && !stale) {
            g.setStroke(accent);
            g.setLineWidth(Math.max(2, tileH * 0.035));
            g.strokeRect(x + 1, y + 1, w - 2, tileH - 2);
        }

        double left = x + bar + pad;
        double inner = x + w - pad - left;
        g.setGlobalAlpha(stale ? 0.55 : 1);
        g.setTextBaseline(VPos.TOP);

        // Row 1: name (left), age (right).
        double nameSize = nameSize(tileH);
        Font small = text.font(nameSize, false);
        String age = Format.age(v.ageMillis(now));
        double ageW = text.width(age, small);
        // A badge for protocols other than Gapwatch's own JSON: "RTP" left of the age.
        String badge = v.protocol() == null || "json".equals(v.protocol()) ? null
                : v.protocol().toUpperCase(java.util.Locale.ROOT);
        double badgeW = badge == null ? 0 : text.width(badge, small) + pad;
        g.setFont(small);
        if (blink >= 0) {
            // An unacknowledged alarm: the name row inverted, swapping colours every blink.
            g.setFill(blink == 1 ? p.alarm() : p.text());
            g.fillRect(x + bar, y, w - bar, pad + nameSize * 1.2);
        }
        g.setFill(blink >= 0 ? p.tile() : p.dimText());
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(age, x + w - pad, y + pad);
        if (badge != null) {
            g.fillText(badge, x + w - pad - ageW - pad, y + pad);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(blink >= 0 ? p.tile() : p.text());
        String shownName = text.fitTail(name, small, inner - ageW - pad - badgeW);
        g.fillText(shownName, left, y + pad);

        // Row 2: value with unit, large.
        String unit = v.unit() == null ? "" : v.unit();
        String shown = drawValue(g, p, v, left, inner, valueTop(y, tileH), valueSize(tileH));

        // Row 3: glyph + status word, loss % on the right.
        double stripH = Math.max(4, tileH * 0.1);
        double rowSize = Math.max(10, Math.min(tileH * 0.19, w * 0.07));
        double rowTop = y + tileH - pad - stripH - rowSize * 1.15;
        g.setGlobalAlpha(1);
        Glyphs.draw(g, h, left, rowTop, rowSize * 1.05, accent, p.tile());
        Font word = text.font(rowSize, true);
        g.setFont(word);
        g.setFill(stale ? p.text() : accent);
        String status = statusText(v, h, loss, now);
        g.fillText(status, left + rowSize * 1.35, rowTop - rowSize * 0.05);
        String lossText = lossText(v, h);
        boolean lossy = netLost5m(v) > 0;
        Font lossFont = text.font(rowSize, lossy);
        if (text.width(status, word) + text.width(lossText, lossFont) + rowSize * 2 >= inner) {
            lossFont = text.font(Math.max(9, rowSize * 0.75), lossy);
        }
        boolean lossShown = text.width(status, word) + text.width(lossText, lossFont) + rowSize * 1.6 < inner;
        if (lossShown) {
            g.setFont(lossFont);
            g.setFill(lossy ? p.losing() : p.dimText());
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(lossText, x + w - pad, rowTop - rowSize * 0.05);
            g.setTextAlign(TextAlignment.LEFT);
        }

        // Row 4: the gap strip.
        strip(g, p, v, now, left, y + tileH - pad - stripH, inner, stripH);

        if (blink >= 0) {
            alarmMark(g, p, x, y, w, tileH, blink == 1);
        }
        if (selected || hovered) {
            g.setStroke(p.selection());
            g.setLineWidth(selected ? 3 : 1.5);
            g.strokeRect(x - 1, y - 1, w + 2, tileH + 2);
        }
        return shownName + " | " + shown + (unit.isEmpty() ? "" : " " + unit) + " | " + status
                + (lossShown ? " | " + lossText : "") + " | age " + age + (badge == null ? "" : " | " + badge)
                + (blink >= 0 ? " | NEW ALARM" : "");
    }

    /**
     * A collapsed group's aggregate tile: the group's name, its source count and the count of every state but OK
     * ({@code summary}: "12,500 sources | 3 STALE · 40 LOSS"), in the worst state's colour when that is a problem,
     * plus how many exceptions have no tile of their own. Drawn like a source tile (bar, frame) with a double
     * frame, so it reads as "many" at a glance. Returns the texts drawn.
     */
    String paintAggregate(GraphicsContext g, Palette p, String title, SourceState worst, String summary,
                          int hiddenExceptions, double x, double y, double w, double tileH, boolean hovered) {
        double pad = pad(tileH);
        Color accent = worst.isProblem() || worst == SourceState.WARN ? p.of(worst) : p.dimText();
        g.setGlobalAlpha(1);
        g.setFill(p.background());
        g.fillRect(x - 2, y - 2, w + 4, tileH + 4);
        g.setFill(p.tile());
        g.fillRect(x, y, w, tileH);
        double bar = bar(w);
        g.setFill(accent);
        g.fillRect(x, y, bar, tileH);
        g.setStroke(accent);
        g.setLineWidth(Math.max(1.5, tileH * 0.03));
        g.strokeRect(x + 1, y + 1, w - 2, tileH - 2);
        g.strokeRect(x + 4, y + 4, w - 8, tileH - 8);
        double left = x + bar + pad + 3;
        double inner = x + w - pad - 3 - left;
        String[] lines = summary.split(" \\| ", 2);
        String more = hiddenExceptions > 0 ? "+" + hiddenExceptions + " more ▸" : "open ▸";
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        Font name = text.font(nameSize(tileH), true);
        g.setFont(name);
        g.setFill(p.text());
        String shownTitle = text.fitTail(title.toUpperCase(java.util.Locale.ROOT), name, inner);
        g.fillText(shownTitle, left, y + pad + 3);
        double lineSize = Math.max(10, tileH * 0.17);
        Font line = text.font(lineSize, false);
        g.setFont(line);
        g.setFill(p.dimText());
        g.fillText(text.fit(lines[0], line, inner), left, y + pad + 3 + nameSize(tileH) * 1.25);
        // Bottom row: the counts of the exceptions (left, in the worst state's colour), how to open it (right).
        double bottom = y + tileH - pad - 3 - lineSize * 1.2;
        double moreW = text.width(more, line);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(more, x + w - pad - 3, bottom);
        g.setTextAlign(TextAlignment.LEFT);
        if (lines.length > 1) {
            Font bold = text.font(lineSize, true);
            g.setFont(bold);
            g.setFill(accent);
            g.fillText(text.fit(lines[1], bold, inner - moreW - pad), left, bottom);
        }
        if (hovered) {
            g.setStroke(p.selection());
            g.setLineWidth(1.5);
            g.strokeRect(x - 1, y - 1, w + 2, tileH + 2);
        }
        return shownTitle + " | " + more;
    }

    /**
     * An unacknowledged alarm: a thick frame that swaps between the alarm colour and the text colour every blink
     * (with the inverted name row), so the tile is told apart from a plain alarm even in a still picture.
     */
    private void alarmMark(GraphicsContext g, Palette p, double x, double y, double w, double tileH, boolean on) {
        double t = Math.max(4, tileH * 0.06);
        Color frame = on ? p.alarm() : p.text();
        g.setStroke(frame);
        g.setLineWidth(t);
        g.strokeRect(x + t / 2, y + t / 2, w - t, tileH - t);
    }

    private static double pad(double tileH) {
        return Math.max(2, tileH * 0.05);
    }

    private static double bar(double w) {
        return Math.max(4, w * 0.035);
    }

    private static double nameSize(double tileH) {
        return Math.max(10, tileH * 0.19);
    }

    private static double valueTop(double y, double tileH) {
        return y + pad(tileH) + nameSize(tileH) * 1.1;
    }

    private static double valueSize(double tileH) {
        return Math.max(15, tileH * 0.34);
    }

    /** Draws the value and unit; returns the value text as shown (possibly shortened). */
    private String drawValue(GraphicsContext g, Palette p, SourceView v, double left, double inner, double valueTop,
                             double valueSize) {
        String unit = v.unit() == null ? "" : v.unit();
        String value = v.value() == null || v.value().isEmpty() ? "—" : v.value();
        Font big = text.font(valueSize, true);
        Font unitFont = text.font(valueSize * 0.55, false);
        double unitW = unit.isEmpty() ? 0 : text.width(" " + unit, unitFont);
        if (text.width(value, big) + unitW > inner) {
            big = text.font(valueSize * 0.7, true);
        }
        String shown = text.fit(value, big, Math.max(10, inner - unitW));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(big);
        g.setFill(p.text());
        g.fillText(shown, left, valueTop);
        if (!unit.isEmpty()) {
            g.setFont(unitFont);
            g.setFill(p.dimText());
            g.fillText(" " + unit, left + text.width(shown, big), valueTop + valueSize * 0.38);
        }
        return shown;
    }

    /**
     * Repaints only the value of a tile whose state, loss and strip are as last painted: one text instead of a
     * whole tile, which keeps a flood of value changes cheap to render. Returns the tile's texts as
     * {@link #paint} does, given the previous ones.
     */
    String paintValue(GraphicsContext g, Palette p, SourceView v, double x, double y, double w, double tileH,
                      String previous) {
        double pad = pad(tileH);
        double left = x + bar(w) + pad;
        double inner = x + w - pad - left;
        double top = valueTop(y, tileH);
        double size = valueSize(tileH);
        g.setGlobalAlpha(1);
        g.setFill(p.tile());
        g.fillRect(left - 1, top - 1, inner + 2, size * 1.12 + 2);
        String shown = drawValue(g, p, v, left, inner, top, size);
        String unit = v.unit() == null || v.unit().isEmpty() ? "" : " " + v.unit();
        if (previous == null) {
            return null;
        }
        String[] parts = previous.split(" \\| ", -1);
        parts[1] = shown + unit;
        return String.join(" | ", parts);
    }

    /**
     * The status word: "STALE 12 s", "LOSS 3.2 %" (the judged share, over the loss window that made it LOSS), or
     * the word.
     */
    static String statusText(SourceView v, SourceState h, double loss, long now) {
        return switch (h) {
            case STALE -> "STALE " + Format.age(v.ageMillis(now));
            case LOSING, BADLY_LOSING -> "LOSS " + Format.percent(loss);
            default -> h.word();
        };
    }

    /** Right of the status word: the exact count lost in the last 5 minutes and its share. */
    static String lossText(SourceView v, SourceState h) {
        long n = netLost5m(v);
        if (n == 0) {
            return "loss 0 %";
        }
        return h.isLoss() ? n + " lost" : n + " lost · " + Format.percent(LossFigures.fiveMinutes(v));
    }

    static long netLost5m(SourceView v) {
        return Math.max(0, v.lost5m() - v.late5m());
    }

    /**
     * One column a second for the last 60 s, newest at the right. Told apart by height as well as colour:
     * lost = full height, late = two thirds, received = one third, nothing expected = a thin base line.
     */
    static void strip(GraphicsContext g, Palette p, SourceView v, long now, double x, double y, double w, double h) {
        byte[] s = v.strip();
        int n = SourceView.STRIP_SECONDS;
        long shift = Math.max(0, Math.floorDiv(now, 1000) - v.stripEndSecond());
        double col = w / n;
        double gap = col > 3 ? 1 : 0;
        g.setFill(p.nothing());
        g.fillRect(x, y + h - 1.5, w, 1.5);
        for (int i = 0; i < n; i++) {
            long src = i + shift;
            if (src >= n) {
                break;
            }
            byte state = s[(int) src];
            double cx = x + i * col;
            switch (state) {
                case 1 -> {
                    g.setFill(p.received());
                    g.fillRect(cx, y + h * 0.62, col - gap, h * 0.38);
                }
                case 2 -> {
                    g.setFill(p.late());
                    g.fillRect(cx, y + h * 0.3, col - gap, h * 0.7);
                }
                case 3 -> {
                    g.setFill(p.lost());
                    g.fillRect(cx, y, col - gap, h);
                }
                default -> {
                }
            }
        }
    }

    private static void hatch(GraphicsContext g, Palette p, double x, double y, double w, double h) {
        g.save();
        g.beginPath();
        g.rect(x, y, w, h);
        g.clip();
        g.setStroke(p.hatch());
        g.setLineWidth(1.5);
        double step = 9;
        for (double d = -h; d < w; d += step) {
            g.strokeLine(x + d, y + h, x + d + h, y);
        }
        g.restore();
        g.setStroke(p.stale());
        g.setLineWidth(2);
        g.setLineDashes(6, 4);
        g.strokeRect(x + 1, y + 1, w - 2, h - 2);
        g.setLineDashes((double[]) null);
    }
}
