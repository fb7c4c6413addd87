package org.gapwatch.ui.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import org.gapwatch.track.TrackerSnapshot;
import org.gapwatch.judge.Judgement;
import org.gapwatch.ui.Palette;
import org.gapwatch.ui.SourceFilter;
import org.gapwatch.ui.common.SlotList;

/**
 * The table view: a row per source with every counter; sortable, filterable per column (a field under each header;
 * text matches as a substring, numbers also as {@code >N} or {@code <N}), columns hidden from the header menu.
 * Which rows show and in which order is a {@link TableModel} built off the FX thread; the table's items are slots,
 * one per position, and only the slots on screen are filled (four times a second, and when a new model arrives).
 * Each row on screen is painted on a canvas ({@link PaintedRow}), not laid out as cells. Hidden, it does nothing per
 * row; selecting a source is a look-up of its row.
 *
 * <p>Its first show is costly (the skin, the headers' fields, the CSS of every row on screen, and the JIT's first
 * compilations of all that): {@link #warmUp} pays it while the table is still hidden, in stages over pulses, so
 * that no single pulse does it all and switching to the table creates no row.
 */
public final class SourceTable extends StackPane {
    /**
     * How often the rows on screen are filled again (a new model or a scroll fills at once). Four times a second, as
     * Phoebus paces its plots: a dense list of numbers is not read faster, and at 5,000 sources under a flood ten
     * times a second cost the FX thread 191-203 ms a second when the rows were cells (JavaFX laid out and restyled
     * each row whose text changed), four times 109-111, and the table drew 50.6-53.3 frames/s against 56.0-56.5.
     */
    static final long ROWS_EVERY_MILLIS = 250;
    /** Slots kept for positions off screen (a cache: the ones on screen are used every fill and stay). */
    private static final int SLOTS_KEPT = 2_048;
    /** The warm-up lays out this many more rows (in font heights, a row is about two) at each pulse. */
    private static final double WARM_STEP_EMS = 6;

    private final TableView<SourceRow> table = new TableView<>();
    /**
     * The table's items: one slot per position of the model, filled with the source the model puts there. A new
     * model of the same size changes no item (the slots on screen are filled again).
     */
    private final SlotList<SourceRow> rows = new SlotList<>(SourceRow.class, SLOTS_KEPT, p -> {
        SourceRow r = new SourceRow();
        r.position = p;
        return r;
    }, r -> r.position, this::fill);
    private final List<ColumnFilter> columnFilters = new ArrayList<>();
    private final PaintedRow.Look look = new PaintedRow.Look();
    /** The rows the table made (on screen, or kept aside by its flow). */
    private final Set<PaintedRow> paintedRows = java.util.Collections.newSetFromMap(new WeakHashMap<>());
    private final IntegerProperty selectedId = new SimpleIntegerProperty(-1);
    private TableModel model = TableModel.empty();
    private TableModel.Request request;
    private TrackerSnapshot snap = TrackerSnapshot.empty();
    private Judgement judgement = Judgement.empty();
    private long now;
    private long rowsMillis = Long.MIN_VALUE / 2;
    private boolean syncingSelection;
    private long rowsTouched;
    /** The warm-up's stage (see {@link #warmUp}); negative when not warming. */
    private int warmStage = -1;
    /** The height the hidden table is laid out at in the warm-up's last stage. */
    private double warmHeight;

    public SourceTable() {
        getStyleClass().add("source-table");
        table.setItems(rows);
        table.setTableMenuButtonVisible(true);
        table.setPlaceholder(new Label("No source matches the filter"));
        table.setRowFactory(t -> {
            PaintedRow r = new PaintedRow(look);
            paintedRows.add(r);
            return r;
        });
        table.getVisibleLeafColumns().addListener((ListChangeListener<TableColumn<SourceRow, ?>>) c -> columnsChanged());
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.getColumns().addAll(List.of(
                column(Column.SRC, "Source", 300),
                // Wide enough for its header; not 80, JavaFX's default width, which the header takes as "not set"
                // and sizes to the cells on first show (it left the header at "Prot...").
                column(Column.PROTOCOL, "Protocol", 104),
                column(Column.STATUS, "Status", 130),
                column(Column.VALUE, "Value", 150),
                column(Column.RECEIVED, "Received", 110),
                column(Column.LOST, "Lost", 110),
                column(Column.LOSS, "Loss", 125),
                column(Column.LATE, "Late", 110),
                column(Column.DUPLICATES, "Dup.", 110),
                column(Column.RESTARTS, "Restarts", 110),
                column(Column.RATE, "Rate", 85),
                column(Column.AGE, "Age", 80),
                column(Column.SENDER, "Sender", 170),
                column(Column.SESSION, "Session", 110)));
        TableColumn<SourceRow, ?> srcColumn = table.getColumns().getFirst();
        srcColumn.setSortType(TableColumn.SortType.ASCENDING);
        table.getSortOrder().add(srcColumn); // stable rows by name until the user sorts otherwise
        // Sorting is the model's (off the FX thread): the table only says which order it wants.
        table.setSortPolicy(t -> true);
        table.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (!syncingSelection) {
                int i = b.intValue();
                selectedId.set(i >= 0 && i < model.size() ? model.order[i] : -1);
            }
        });
        selectedId.addListener((o, a, b) -> selectRow(b.intValue()));
        getChildren().add(table);
    }

    public TableView<SourceRow> tableView() {
        return table;
    }

    public IntegerProperty selectedIdProperty() {
        return selectedId;
    }

    /** The theme's colours, which the painted rows use (CSS does not reach a canvas). */
    public void setPalette(Palette p) {
        if (p != look.palette) {
            look.palette = p;
            paintRows();
        }
    }

    /** The text painted in column {@code columnId} of the row on screen at {@code position} (null: none there). */
    public String paintedText(int position, String columnId) {
        for (PaintedRow r : paintedRows) {
            if (shown(r) && r.getIndex() == position) {
                return r.paintedText(columnId);
            }
        }
        return null;
    }

    private static boolean shown(PaintedRow r) {
        return r.isVisible() && r.getParent() != null && !r.isEmpty();
    }

    /** Paints the rows on screen again (the colours changed). */
    private void paintRows() {
        for (PaintedRow r : paintedRows) {
            if (shown(r)) {
                r.paint();
            }
        }
    }

    /** Rows painted since the last call (for the tests that a fill without news paints nothing). */
    public long takeRowsPainted() {
        long n = look.paints;
        look.paints = 0;
        return n;
    }

    /** A column was shown, hidden, moved or resized: every row's width and texts follow. */
    private void columnsChanged() {
        for (PaintedRow r : paintedRows) {
            r.requestLayout();
            if (shown(r)) {
                r.paint();
            }
        }
    }

    /** Column widths at display scale 1 (the text grows with the scale, so must they). */
    private final java.util.Map<TableColumn<SourceRow, ?>, Double> baseWidths = new java.util.HashMap<>();
    private double scale = 1;

    /**
     * The display scale times the zoom: each column's width follows it, as the text does (at 3840x2160 the columns
     * kept their 1080p widths and every heading and most cells were cut). Only a change of scale sets them, so a
     * width the operator dragged stays otherwise.
     */
    public void setScale(double s) {
        if (s == scale || !(s > 0)) {
            return;
        }
        scale = s;
        baseWidths.forEach((c, w) -> c.setPrefWidth(w * s));
    }

    /** Ids of the columns the user hid. */
    public List<String> hiddenColumns() {
        return table.getColumns().stream().filter(c -> !c.isVisible()).map(TableColumn::getId).toList();
    }

    public void setHiddenColumns(List<String> ids) {
        Set<String> hide = new HashSet<>(ids);
        table.getColumns().forEach(c -> c.setVisible(!hide.contains(c.getId())));
    }

    /** Rows now shown (after all filters), in display order: made afresh for a look (tests), not the slots. */
    public List<SourceRow> shownRows() {
        List<SourceRow> out = new ArrayList<>(model.size());
        for (int id : model.order) {
            if (id < snap.sourceCount()) {
                SourceRow r = new SourceRow();
                r.update(snap.source(id), now, judgement);
                out.add(r);
            }
        }
        return out;
    }

    /** Forgets every row: the next model fills the table from another engine's snapshot. */
    public void reset() {
        apply(TableModel.empty());
        snap = TrackerSnapshot.empty();
        rowsMillis = Long.MIN_VALUE / 2;
    }

    /** Rows filled since the last call (for the tests that a hidden table does nothing per row). */
    public long takeRowsTouched() {
        long n = rowsTouched;
        rowsTouched = 0;
        return n;
    }

    /**
     * Whether the table is on screen or warming up (a hidden table asks for no model and fills no row; one that
     * warms up fills the rows of its strip, as if shown).
     */
    public boolean showing() {
        return (isVisible() || warming()) && getScene() != null;
    }

    /**
     * Starts the warm-up of a hidden table that is in the scene (CSS and layout run for hidden nodes too). From now
     * on each {@link #update} does the next stage: a lone filter field in place of the table (the first text field's
     * cost), then a table of one column (the first table skin's), then the table with its headers and no row, then
     * a strip a few rows taller at each pulse, filled from the real model, until it has the height of its parent;
     * then it is hidden as before. So no pulse pays the whole first show (in a probe at 100,000 sources, cold JIT:
     * the largest stage 0.2 s of FX thread, the first show at once 0.8 s). Shown meanwhile, it stops warming.
     */
    public void warmUp() {
        if (!isVisible() && getScene() != null && !warming()) {
            warmStage = 0;
            TextField field = new ColumnFilter("warm-up").field;
            getChildren().setAll(field);
        }
    }

    /** Whether the table is warming up (see {@link #warmUp}). */
    public boolean warming() {
        return warmStage >= 0;
    }

    /** One pulse of the warm-up: its next stage, or its end (shown, out of the scene, or as tall as its parent). */
    private void warmStep() {
        if (isVisible() || getScene() == null) {
            endWarmUp();
            return;
        }
        switch (warmStage) {
            case 0 -> {
                TableView<SourceRow> one = new TableView<>();
                TableColumn<SourceRow, String> c = new TableColumn<>("warm-up");
                c.setGraphic(new ColumnFilter("warm-up-column").field);
                one.getColumns().add(c);
                getChildren().setAll(one);
                warmStage = 1;
            }
            case 1 -> {
                warmHeight = 0;
                setMaxHeight(0); // the headers, no row
                getChildren().setAll(table);
                warmStage = 2;
            }
            default -> {
                double full = getParent() instanceof javafx.scene.layout.Region r ? r.getHeight() : 0;
                warmHeight += WARM_STEP_EMS * javafx.scene.text.Font.getDefault().getSize();
                if (warmHeight >= full) {
                    endWarmUp();
                } else {
                    setMaxHeight(warmHeight);
                }
            }
        }
    }

    private void endWarmUp() {
        warmStage = -1;
        setMaxHeight(USE_COMPUTED_SIZE);
        if (getChildren().size() != 1 || getChildren().getFirst() != table) {
            getChildren().setAll(table);
        }
    }

    /**
     * What the next model is to be built for, or null while the table is hidden (none is needed). The same object
     * while nothing changed, so a builder can tell by identity.
     */
    public TableModel.Request request(SourceFilter filter) {
        if (!showing()) {
            return null;
        }
        List<String> texts = new ArrayList<>(columnFilters.size());
        for (ColumnFilter f : columnFilters) {
            texts.add(f.field.getText());
        }
        List<TableModel.Sort> sort = new ArrayList<>();
        for (TableColumn<SourceRow, ?> c : table.getSortOrder()) {
            sort.add(new TableModel.Sort(c.getId(), c.getSortType() == TableColumn.SortType.ASCENDING));
        }
        TableModel.Request r = new TableModel.Request(filter, texts, sort);
        if (!r.equals(request)) {
            request = r;
        }
        return request;
    }

    /**
     * Called once per pulse with the newest snapshot, judgement and model. Hidden: returns at once (warming up: lays
     * out a taller strip first). Showing: takes a new model (its size and the selected row) and fills the rows on
     * screen four times a second ({@link #ROWS_EVERY_MILLIS}).
     */
    public void update(TrackerSnapshot s, Judgement j, TableModel m, long nowMillis) {
        if (warming()) {
            warmStep();
        }
        if (!showing()) {
            return;
        }
        snap = s;
        judgement = j;
        now = nowMillis;
        boolean fresh = m != model;
        if (fresh) {
            apply(m);
        }
        if (fresh || nowMillis - rowsMillis >= ROWS_EVERY_MILLIS || nowMillis < rowsMillis) {
            rowsMillis = nowMillis;
            rows.fillOnScreen(table, 60);
            for (PaintedRow r : paintedRows) {
                if (shown(r)) {
                    r.refresh(); // painted again only if its figures changed
                }
            }
        }
    }

    private void apply(TableModel m) {
        model = m;
        syncingSelection = true;
        try {
            rows.resize(m.size());
        } finally {
            syncingSelection = false;
        }
        selectRow(selectedId.get());
    }

    private void selectRow(int id) {
        int row = model.rowOf(id);
        if (table.getSelectionModel().getSelectedIndex() == row && row >= 0) {
            return;
        }
        syncingSelection = true;
        try {
            if (row < 0) {
                table.getSelectionModel().clearSelection();
            } else {
                table.getSelectionModel().clearAndSelect(row);
            }
        } finally {
            syncingSelection = false;
        }
    }

    /** Puts the source the model has at {@code position} into its slot (not for a position beyond the snapshot). */
    private void fill(SourceRow r, int position) {
        int id = model.order[position];
        if (id < snap.sourceCount()) {
            r.update(snap.source(id), now, judgement);
            rowsTouched++;
        }
    }

    // ---- columns ----

    /** The filter field under a column's header (matched off the FX thread: {@link TableModel#matches}). */
    private static final class ColumnFilter {
        final TextField field = new TextField();

        ColumnFilter(String id) {
            field.setId("filter-" + id);
            field.setPromptText("filter");
            field.getStyleClass().add("column-filter");
        }

    }

    private TableColumn<SourceRow, Object> column(Column id, String name, double width) {
        // No cell value factory: no cell is made, the rows paint the columns themselves (PaintedRow).
        TableColumn<SourceRow, Object> c = new TableColumn<>(name);
        c.setId(id.id);
        c.setPrefWidth(width);
        baseWidths.put(c, width);
        if (id.numeric) {
            c.getStyleClass().add("numeric");
        }
        c.widthProperty().addListener((o, a, b) -> columnsChanged());
        ColumnFilter cf = new ColumnFilter(id.id);
        columnFilters.add(cf);
        c.setGraphic(cf.field);
        return c;
    }

}
