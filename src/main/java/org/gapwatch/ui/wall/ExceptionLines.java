package org.gapwatch.ui.wall;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.text.Font;
import org.gapwatch.judge.SourceState;
import org.gapwatch.ui.common.TextFit;

/**
 * How an aggregate tile's exceptions ("2 STALE · 1 FAULT") fit its room without cutting a word or a number: each
 * state is one part (its glyph, count and word) that is never split. Tried in order: all parts on as many lines as
 * the tile has room for at the line's size, then the same at smaller sizes down to the tile's name size (the wall's
 * legibility floor); if they still do not fit, the worst states first, whole, and "+N other" for the sources in the
 * states left out. The lowest line may share its row with the tile's "open ▸" / "+N more ▸", so it may be shorter.
 * Computed, not drawn: {@link TilePainter} draws the result.
 */
final class ExceptionLines {
    /** One state's part: its glyph (null for the "+N more" rest), and its text, "1 FAULT". */
    record Part(SourceState state, String text) {
    }

    /**
     * The chosen layout.
     *
     * @param size  the font size of the lines (bold)
     * @param lines the parts of each line, top first; the last line sits on the bottom row
     */
    record Layout(double size, List<List<Part>> lines) {
        /** The lines as drawn: parts joined by " · ", lines by " | ". */
        String text() {
            StringBuilder sb = new StringBuilder();
            for (List<Part> line : lines) {
                if (line.isEmpty()) {
                    continue;
                }
                sb.append(sb.isEmpty() ? "" : " | ");
                for (int i = 0; i < line.size(); i++) {
                    sb.append(i == 0 ? "" : " · ").append(line.get(i).text());
                }
            }
            return sb.toString();
        }
    }

    /** Steps between the line's size and the floor. */
    private static final int STEPS = 4;

    private final TextFit text;

    ExceptionLines(TextFit text) {
        this.text = text;
    }

    /** The parts of {@code counts} (by state ordinal), worst first, OK left out. */
    static List<Part> parts(int[] counts) {
        List<Part> out = new ArrayList<>();
        for (SourceState s : SourceState.values()) {
            int k = counts[s.ordinal()];
            if (s != SourceState.OK && k > 0) {
                out.add(new Part(s, String.format(Locale.ROOT, "%,d", k) + " " + WallModel.word(s)));
            }
        }
        return out;
    }

    /**
     * The layout of {@code parts} in a room {@code width} wide (the bottom row {@code bottomWidth}), with
     * {@code height} above the bottom row for more lines; sizes from {@code size} down to {@code floor}.
     */
    Layout fit(List<Part> parts, int[] counts, double width, double bottomWidth, double height, double size,
               double floor) {
        if (parts.isEmpty()) {
            return new Layout(size, List.of());
        }
        for (int step = 0; step <= STEPS; step++) {
            double s = size - (size - floor) * step / STEPS;
            List<List<Part>> lines = pack(parts, width, bottomWidth, rows(height, s), s);
            if (lines != null) {
                return new Layout(s, lines);
            }
            if (floor >= size) {
                break;
            }
        }
        // The worst states first, whole, while a "+N other" for the rest (not "more": the link "+N more ▸" says
        // something else, the exceptions without a tile of their own) still fits after them.
        int rows = rows(height, floor);
        for (int shown = parts.size() - 1; shown >= 1; shown--) {
            List<Part> head = new ArrayList<>(parts.subList(0, shown));
            head.add(new Part(null, "+" + String.format(Locale.ROOT, "%,d", sources(parts.subList(shown, parts.size()),
                    counts)) + " other"));
            List<List<Part>> lines = pack(head, width, bottomWidth, rows, floor);
            if (lines != null) {
                return new Layout(floor, lines);
            }
        }
        // Not even the worst state and "+N other": the worst state alone, above the bottom row where there is one
        // (cut only where it is wider than the room: a tile below the readable size).
        return new Layout(floor, rows >= 2 ? List.of(List.of(parts.getFirst()), List.of())
                : List.of(List.of(parts.getFirst())));
    }

    /** Width of a part drawn at {@code size}: glyph, a quarter em, its text. */
    double width(Part p, double size) {
        Font f = text.font(size, true);
        return (p.state() == null ? 0 : glyph(size) + size * 0.25) + text.width(p.text(), f);
    }

    /** Space between two parts on a line. */
    static double gap(double size) {
        return size * 0.6;
    }

    static double glyph(double size) {
        return size * 0.8;
    }

    static double rowHeight(double size) {
        return size * 1.2;
    }

    private static int rows(double height, double size) {
        return 1 + (int) Math.floor(Math.max(0, height) / rowHeight(size));
    }

    /** {@code parts} in order on at most {@code rows} lines, the last at most {@code bottomWidth}; null if not. */
    private List<List<Part>> pack(List<Part> parts, double width, double bottomWidth, int rows, double size) {
        for (int k = 1; k <= rows; k++) {
            List<List<Part>> lines = new ArrayList<>();
            List<Part> line = new ArrayList<>();
            double used = 0;
            boolean ok = true;
            for (Part p : parts) {
                double budget = lines.size() == k - 1 ? bottomWidth : width;
                double w = width(p, size);
                double add = line.isEmpty() ? w : gap(size) + w;
                if (used + add <= budget) {
                    line.add(p);
                    used += add;
                    continue;
                }
                if (line.isEmpty() || lines.size() == k - 1) {
                    ok = false;
                    break;
                }
                lines.add(line);
                line = new ArrayList<>();
                budget = lines.size() == k - 1 ? bottomWidth : width;
                if (w > budget) {
                    ok = false;
                    break;
                }
                line.add(p);
                used = w;
            }
            if (ok) {
                lines.add(line);
                while (lines.size() < k) {
                    lines.add(List.of()); // the bottom row, too short for the last line, stays empty
                }
                return lines;
            }
        }
        return null;
    }

    private static int sources(List<Part> parts, int[] counts) {
        int n = 0;
        for (Part p : parts) {
            n += counts[p.state().ordinal()];
        }
        return n;
    }
}
