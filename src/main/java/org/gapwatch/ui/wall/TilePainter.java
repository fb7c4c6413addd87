package org.gapwatch.ui.wall;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.gapwatch.judge.SourceState;
import org.gapwatch.track.SourceView;
import org.gapwatch.ui.Format;
import org.gapwatch.ui.Palette;
import org.gapwatch.ui.common.NameShortener;
import org.gapwatch.ui.common.TextFit;

/**
 * Draws one source tile, exceptions first (ISA-101). A normal tile is quiet grey: name and age, the value large, the
 * 60-second strip. An abnormal tile adds its colour (a bar and a frame) and says what, how much and since when: a
 * chip with glyph and word in the state's colour ("LOST 412", "STALE") and a line under it ("since 17:50:04 · 12 s
 * ago"). Stale looks the loudest (hatched, the strongest frame), never dimmed. Sizes follow the tile's height
 * ({@link #nameSize}, {@link #valueSize}), so "Fit" can choose a tile height for a legible text size.
 */
final class TilePainter {
    /** Name and status text size as a share of the tile's height. */
    static final double NAME_SHARE = 0.155;
    /** Value text size as a share of the tile's height. */
    static final double VALUE_SHARE = 0.255;
    private final TextFit text;
    private final ExceptionLines exceptions;

    TilePainter(TextFit text) {
        this.text = text;
        this.exceptions = new ExceptionLines(text);
    }

    /** Paints the tile and returns what it wrote, " | " between texts (for tests and screen readers). */
    String paint(GraphicsContext g, Palette p, SourceView v, SourceState h, TileStatus st, String name, double x,
                 double y, double w, double tileH, long now, boolean selected, boolean hovered, int blink) {
        double pad = pad(tileH);
        boolean abnormal = Palette.abnormal(h);
        boolean stale = h == SourceState.STALE;
        Color accent = p.of(h);

        g.setGlobalAlpha(1);
        g.setFill(p.background());
        g.fillRect(x - 3, y - 3, w + 6, tileH + 6);
        g.setFill(p.tile());
        g.fillRect(x, y, w, tileH);
        if (stale) {
            hatch(g, p, x, y, w, tileH);
        }
        double bar = abnormal ? bar(w) : 0;
        if (abnormal) {
            g.setFill(accent);
            g.fillRect(x, y, bar, tileH);
            g.setStroke(accent);
            g.setLineWidth(stale ? Math.max(3, tileH * 0.04) : Math.max(2, tileH * 0.025));
            g.strokeRect(x + 1, y + 1, w - 2, tileH - 2);
        }
        double left = x + bar + pad;
        double inner = x + w - pad - left;
        g.setTextBaseline(VPos.TOP);

        // Row 1: name (left), age (right).
        double nameSize = nameSize(tileH);
        Font small = text.font(nameSize, false);
        String age = Format.age(v.ageMillis(now));
        if (blink >= 0) {
            // An unacknowledged alarm: the name row inverted, swapping colours every blink.
            g.setFill(blink == 1 ? p.alarm() : p.text());
            g.fillRect(x + bar, y, w - bar, pad + nameSize * 1.2);
        }
        g.setFont(small);
        // The name was shortened for this width by NameShortener; fitMiddle only guards a narrower tile.
        String shownName = text.fitMiddle(name, small, nameBudget(w, tileH, text));
        g.setFill(blink >= 0 ? p.tile() : p.text());
        g.fillText(shownName, left, y + pad);
        if (left + text.width(shownName, small) + pad + text.width(age, small) <= x + w - pad) {
            g.setFill(blink >= 0 ? p.tile() : p.dimText());
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(age, x + w - pad, y + pad);
            g.setTextAlign(TextAlignment.LEFT);
        } else {
            age = "";
        }

        // Row 2: value with unit, large.
        String unit = v.unit() == null ? "" : v.unit();
        String shown = drawValue(g, p, v, left, inner, valueTop(y, tileH), valueSize(tileH));

        // Row 3: the status chip (glyph and word in the state's colour) and the protocol badge.
        double chipTop = chipTop(y, tileH);
        double rowH = nameSize * 1.12;
        String badge = v.protocol() == null || "json".equals(v.protocol()) ? null
                : v.protocol().toUpperCase(java.util.Locale.ROOT);
        double chipRight = left;
        if (abnormal) {
            Font word = text.font(nameSize, true);
            double glyph = nameSize * 0.95;
            double wordW = text.width(st.word(), word);
            double chipW = Math.min(inner, nameSize * 0.3 + glyph + nameSize * 0.3 + wordW + nameSize * 0.35);
            g.setFill(accent);
            g.fillRect(left, chipTop, chipW, rowH);
            Glyphs.draw(g, h, left + nameSize * 0.3, chipTop + (rowH - glyph) / 2, glyph, p.inkOn(h), accent);
            g.setFont(word);
            g.setFill(p.inkOn(h));
            g.fillText(text.fit(st.word(), word, chipW - glyph - nameSize * 0.9),
                    left + nameSize * 0.6 + glyph, chipTop + nameSize * 0.06);
            chipRight = left + chipW;
        }
        if (badge != null && text.width(badge, small) + pad < x + w - pad - chipRight) {
            g.setFont(small);
            g.setFill(p.dimText());
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(badge, x + w - pad, chipTop + nameSize * 0.06);
            g.setTextAlign(TextAlignment.LEFT);
        } else {
            badge = null;
        }

        // Row 4: since when, in the text colour at the name's size (read, not decoded).
        String since = "";
        if (abnormal && !st.since().isEmpty()) {
            g.setFont(small);
            g.setFill(p.text());
            for (String s : st.sinceVariants()) {
                since = s;
                if (text.width(s, small) <= inner) {
                    break;
                }
            }
            since = text.fit(since, small, inner);
            g.fillText(since, left, chipTop + rowH + tileH * 0.012);
        }

        // Row 5: the gap strip.
        double stripH = stripH(tileH);
        strip(g, p, v, now, left, y + tileH - pad - stripH, inner, stripH);

        if (blink >= 0) {
            alarmMark(g, p, x, y, w, tileH, blink == 1);
        }
        if (selected || hovered) {
            g.setStroke(p.selection());
            g.setLineWidth(selected ? 3 : 1.5);
            g.strokeRect(x - 1.5, y - 1.5, w + 3, tileH + 3);
        }
        return shownName + " | " + shown + (unit.isEmpty() ? "" : " " + unit)
                + (abnormal ? " | " + st.word() : "") + (since.isEmpty() ? "" : " | " + since)
                + (age.isEmpty() ? "" : " | age " + age) + (badge == null ? "" : " | " + badge) + (blink >= 0 ? " | NEW ALARM" : "");
    }

    /**
     * A collapsed group's aggregate tile: the group's name, its source count and the count of every state but OK
     * ({@code summary}: "12,500 sources | 3 STALE · 40 LOSS", {@code counts} by state), each state's count with its
     * glyph in its own colour, whole (wrapped or smaller, see {@link ExceptionLines}), plus how many exceptions have no
     * tile of their own. Drawn like a source tile (bar, frame) with a double
     * frame, so it reads as "many" at a glance. Returns the texts drawn.
     */
    String paintAggregate(GraphicsContext g, Palette p, String title, SourceState worst, String summary,
                          int[] counts, int hiddenExceptions, double x, double y, double w, double tileH,
                          boolean hovered) {
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
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        double nameSize = nameSize(tileH);
        Font name = text.font(nameSize, true);
        g.setFont(name);
        g.setFill(p.text());
        String shownTitle = text.fitMiddle(title.toUpperCase(java.util.Locale.ROOT), name, inner);
        g.fillText(shownTitle, left, y + pad + 3);
        double lineSize = Math.max(10, tileH * 0.17);
        Font line = text.font(lineSize, false);
        // How to open it goes right of the count where both fit (at the line's size, else the name's; "+N ▸" where
        // "+N more ▸" is too long), so the rows below are the exceptions' whole width; else on the bottom row.
        String[] mores = hiddenExceptions > 0
                ? new String[] {"+" + hiddenExceptions + " more ▸", "+" + hiddenExceptions + " ▸"}
                : new String[] {"open ▸", "▸"};
        String more = mores[0];
        Font countFont = line;
        boolean moreUp = false;
        for (int i = 0; i < 4 && !moreUp; i++) {
            Font f = i % 2 == 0 ? line : text.font(nameSize, false);
            if (text.width(lines[0], f) + pad + text.width(mores[i / 2], f) <= inner) {
                moreUp = true;
                more = mores[i / 2];
                countFont = f;
            }
        }
        g.setFont(countFont);
        g.setFill(p.dimText());
        // "12,500 sources", or the number alone where the word does not fit: never a word cut in the middle.
        String count = text.width(lines[0], countFont) <= inner ? lines[0]
                : text.fit(lines[0].split(" ")[0], countFont, inner);
        double countTop = y + pad + 3 + nameSize * 1.25;
        g.fillText(count, left, countTop);
        double bottom = y + tileH - pad - 3 - lineSize * 1.2;
        double moreW = text.width(more, countFont);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(more, x + w - pad - 3, moreUp ? countTop : bottom);
        g.setTextAlign(TextAlignment.LEFT);
        double bottomWidth = moreUp ? inner : inner - moreW - pad;
        ExceptionLines.Layout ex = exceptions.fit(ExceptionLines.parts(counts), counts, inner,
                bottomWidth, bottom - (countTop + lineSize * 1.2), lineSize, nameSize);
        drawExceptions(g, p, ex, left, inner, bottomWidth, bottom + lineSize * 1.2);
        if (hovered) {
            g.setStroke(p.selection());
            g.setLineWidth(1.5);
            g.strokeRect(x - 1, y - 1, w + 2, tileH + 2);
        }
        String exText = ex.text();
        return shownTitle + " | " + count + (exText.isEmpty() ? "" : " | " + exText) + " | " + more;
    }

    /** Each state's glyph and "count WORD" in its own colour, lines stacked up from {@code rowsEnd}. */
    private void drawExceptions(GraphicsContext g, Palette p, ExceptionLines.Layout ex, double left, double inner,
                                double bottomWidth, double rowsEnd) {
        double s = ex.size();
        Font bold = text.font(s, true);
        g.setFont(bold);
        double rowH = ExceptionLines.rowHeight(s);
        int n = ex.lines().size();
        for (int i = 0; i < n; i++) {
            double top = rowsEnd - (n - i) * rowH;
            double cx = left;
            double end = left + (i == n - 1 ? bottomWidth : inner);
            for (ExceptionLines.Part part : ex.lines().get(i)) {
                Color c = part.state() == null ? p.dimText() : p.of(part.state());
                if (part.state() != null) {
                    double gl = ExceptionLines.glyph(s);
                    Glyphs.draw(g, part.state(), cx, top + (s * 1.15 - gl) / 2, gl, c, p.inkOn(part.state()));
                    cx += gl + s * 0.25;
                }
                g.setFill(c);
                g.fillText(text.fit(part.text(), bold, end - cx), cx, top);
                cx += text.width(part.text(), bold) + ExceptionLines.gap(s);
            }
        }
    }

    /**
     * An unacknowledged alarm: a thick frame that swaps between the alarm colour and the text colour every blink
     * (with the inverted name row), so the tile is told apart from a plain alarm even in a still picture.
     */
    private void alarmMark(GraphicsContext g, Palette p, double x, double y, double w, double tileH, boolean on) {
        double t = Math.max(4, tileH * 0.05);
        g.setStroke(on ? p.alarm() : p.text());
        g.setLineWidth(t);
        g.strokeRect(x + t / 2, y + t / 2, w - t, tileH - t);
    }

    static double pad(double tileH) {
        return Math.max(2, tileH * 0.045);
    }

    static double bar(double w) {
        return Math.max(5, w * 0.03);
    }

    static double nameSize(double tileH) {
        return Math.max(9, tileH * NAME_SHARE);
    }

    static double valueSize(double tileH) {
        return Math.max(12, tileH * VALUE_SHARE);
    }

    static double stripH(double tileH) {
        return Math.max(3, tileH * 0.07);
    }

    private static double valueTop(double y, double tileH) {
        return y + pad(tileH) + nameSize(tileH) * 1.12;
    }

    private static double chipTop(double y, double tileH) {
        return valueTop(y, tileH) + valueSize(tileH) * 1.1;
    }

    /**
     * Width the name may take on a tile: the whole row. The name comes first; the age of the last update (quiet
     * detail: a source silent too long says STALE and since when on its own line) is drawn only where it leaves room.
     */
    static double nameBudget(double w, double tileH, TextFit text) {
        // The same budget for normal and abnormal tiles (with their bar), so a name does not change with its state.
        return w - bar(w) - 2 * pad(tileH);
    }

    /** Draws the value and unit; returns the value text as shown (possibly shortened). */
    private String drawValue(GraphicsContext g, Palette p, SourceView v, double left, double inner, double valueTop,
                             double valueSize) {
        String unit = v.unit() == null ? "" : v.unit();
        String given = v.value(); // a number's text is made on each call (SourceView.value)
        String value = given == null || given.isEmpty() ? "—" : given;
        Font big = text.font(valueSize, true);
        Font unitFont = text.font(valueSize * 0.6, false);
        double unitW = unit.isEmpty() ? 0 : text.width(" " + unit, unitFont);
        String shown = text.fit(value, big, Math.max(10, inner - unitW));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(big);
        g.setFill(p.text());
        g.fillText(shown, left, valueTop);
        if (!unit.isEmpty()) {
            g.setFont(unitFont);
            g.setFill(p.dimText());
            g.fillText(" " + unit, left + text.width(shown, big), valueTop + valueSize * 0.33);
        }
        return shown;
    }

    /**
     * Repaints only the value of a tile whose state, status and strip are as last painted: one text instead of a
     * whole tile, which keeps a flood of value changes cheap to render. Returns the tile's texts as
     * {@link #paint} does, given the previous ones.
     */
    String paintValue(GraphicsContext g, Palette p, SourceView v, SourceState h, double x, double y, double w,
                      double tileH, String previous) {
        double pad = pad(tileH);
        double left = x + (Palette.abnormal(h) ? bar(w) : 0) + pad;
        double inner = x + w - pad - left;
        double top = valueTop(y, tileH);
        double size = valueSize(tileH);
        g.setGlobalAlpha(1);
        if (h == SourceState.STALE) {
            return previous; // a hatched tile is repainted whole (a stale source gets no new values anyway)
        }
        g.setFill(p.tile());
        g.fillRect(left - 1, top - 1, inner + 2, size * 1.1 + 1);
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
     * One column a second for the last 60 s, newest at the right. Told apart by height as well as colour: lost =
     * full height in the loss colour, late = two thirds in a light grey, received = one third in a quiet grey,
     * nothing expected = a thin base line.
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
                    // A lost second is at least 2 px wide, so a single one is seen.
                    g.setFill(p.loss());
                    g.fillRect(cx, y, Math.max(2, col - gap), h);
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
        double step = 10;
        for (double d = -h; d < w; d += step) {
            g.strokeLine(x + d, y + h, x + d + h, y);
        }
        g.restore();
    }
}
