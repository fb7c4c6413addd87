package org.gapwatch.ui.table;

import java.util.HashMap;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Skin;
import javafx.scene.control.SkinBase;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.gapwatch.judge.SourceState;
import org.gapwatch.ui.Palette;
import org.gapwatch.ui.common.TextFit;

/**
 * A row of the source table drawn on one canvas instead of fourteen cells. The row stays a {@link TableRow}:
 * selection, focus, keyboard, hover and striping are the table's own, from CSS; only the cells' texts are painted.
 *
 * <p>Why: TableView lays out and restyles every row whose cells' text changed ({@code VirtualFlow.setCellIndex}
 * applies CSS to each row that needs layout). Under a flood every row on screen changes at every fill: at 5,000
 * sources that cost the FX thread 109-111 ms a second, and at 100,000 sources the fill frames made the table's frame
 * interval p99 41-78 ms. A painted row costs no layout and no CSS (docs/benchmarks.md, "The table's rows painted").
 */
final class PaintedRow extends TableRow<SourceRow> {
    /** A cell's text starts this many font sizes inside it (AtlantaFX's table cells: 0.5 em each side). */
    private static final double PAD_EMS = 0.5;

    private final Canvas canvas = new Canvas();
    private final Look look;
    /** The texts painted last, by column id (what the operator sees; for tests). */
    private final Map<String, String> painted = new HashMap<>();
    /** The figures last painted: every column's text (in {@link Column} order) and the state, null when none. */
    private final String[] paintedFrom = new String[Column.values().length];
    private SourceState paintedState;
    private boolean paintedLosing;

    /** What every row of one table paints with: the theme's colours and the fitted text's cache. */
    static final class Look {
        Palette palette = Palette.DARK;
        final TextFit fit = new TextFit();
        /** Rows painted (for the tests that a fill without news paints nothing). */
        long paints;
        private Font regular;
        private Font bold;

        Font bold(Font regular) {
            if (regular != this.regular) {
                this.regular = regular;
                bold = Font.font(regular.getFamily(), FontWeight.BOLD, regular.getSize());
            }
            return bold;
        }
    }

    PaintedRow(Look look) {
        this.look = look;
        getStyleClass().add("painted-row");
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new PaintedSkin(this);
    }

    @Override
    protected void updateItem(SourceRow item, boolean empty) {
        super.updateItem(item, empty);
        paint();
    }

    /** The text painted in column {@code columnId}, or null when the row shows none (empty, or the column hidden). */
    String paintedText(String columnId) {
        return painted.get(columnId);
    }

    /**
     * Paints the row again if its figures changed since it was last painted. In a quiet room most rows have no news
     * at most fills (a source once a second, four fills a second), and each paint is the renderer's work too.
     */
    void refresh() {
        SourceRow r = getItem();
        if (r != null && !isEmpty() && paintedState != null && r.status() == paintedState
                && r.losing() == paintedLosing) {
            boolean same = true;
            for (Column c : Column.values()) {
                if (!java.util.Objects.equals(r.text(c), paintedFrom[c.ordinal()])) {
                    same = false;
                    break;
                }
            }
            if (same) {
                return;
            }
        }
        paint();
    }

    /** Paints the row's item into its canvas at the canvas's size (a no-op until laid out). */
    void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        painted.clear();
        paintedState = null;
        SourceRow r = getItem();
        TableView<SourceRow> table = getTableView();
        if (r == null || isEmpty() || table == null || w <= 0 || h <= 0) {
            return;
        }
        look.paints++;
        for (Column c : Column.values()) {
            paintedFrom[c.ordinal()] = r.text(c);
        }
        paintedState = r.status();
        paintedLosing = r.losing();
        Font font = getFont();
        double pad = PAD_EMS * font.getSize();
        double x = 0;
        g.setTextBaseline(VPos.CENTER);
        for (TableColumn<SourceRow, ?> c : table.getVisibleLeafColumns()) {
            double cw = c.getWidth();
            if (x < w && cw > 0) {
                Column col = Column.of(c.getId());
                painted.put(col.id, cell(g, col, r, paintedFrom[col.ordinal()], font, x, cw, h, pad));
            }
            x += cw;
        }
    }

    /** Paints one cell; returns the text as painted (shortened to fit), "" for none. */
    private String cell(GraphicsContext g, Column col, SourceRow r, String text, Font font, double x, double cw,
                        double h, double pad) {
        Palette p = look.palette;
        SourceState state = r.status();
        boolean chip = col == Column.STATUS ? Palette.abnormal(state) : col == Column.LOSS && r.losing();
        Color ink = p.text();
        Font f = font;
        if (chip) {
            SourceState shown = col == Column.STATUS ? state : SourceState.LOSING;
            g.setFill(p.of(shown));
            g.fillRect(x, 0, cw, h - 1); // the row's bottom pixel is its border line
            ink = p.inkOn(shown);
            f = look.bold(font);
        } else if (col == Column.STATUS) {
            ink = p.dimText(); // normal is quiet
        }
        double room = cw - 2 * pad;
        if (text == null || text.isEmpty() || room <= 0) {
            return "";
        }
        // The name keeps its end, where names differ ("plant/…/pump-12"); the other columns are cut at the end.
        String shown = col == Column.SRC ? look.fit.fitMiddle(text, f, room) : look.fit.fit(text, f, room);
        g.setFont(f);
        g.setFill(ink);
        if (col.numeric) {
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(shown, x + cw - pad, h / 2);
        } else {
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(shown, x + pad, h / 2);
        }
        return shown;
    }

    /** The row's skin: one canvas over the row, as wide as the visible columns. */
    private static final class PaintedSkin extends SkinBase<PaintedRow> {
        PaintedSkin(PaintedRow row) {
            super(row);
            getChildren().add(row.canvas);
        }

        @Override
        protected void layoutChildren(double x, double y, double w, double h) {
            PaintedRow row = getSkinnable();
            Canvas c = row.canvas;
            c.relocate(x, y);
            if (c.getWidth() != w || c.getHeight() != h) {
                c.setWidth(w);
                c.setHeight(h);
                row.paint();
            }
        }

        @Override
        protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
            TableView<SourceRow> t = getSkinnable().getTableView();
            double w = 0;
            if (t != null) {
                for (TableColumn<SourceRow, ?> c : t.getVisibleLeafColumns()) {
                    w += c.getWidth();
                }
            }
            return left + w + right;
        }

        @Override
        protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
            TableView<SourceRow> t = getSkinnable().getTableView();
            double fixed = t == null ? -1 : t.getFixedCellSize();
            return fixed > 0 ? fixed : top + 2.1 * getSkinnable().getFont().getSize() + bottom;
        }

        @Override
        protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
            return computePrefHeight(width, top, right, bottom, left);
        }
    }
}
