package org.gapwatch.ui.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import org.gapwatch.track.TrackerSnapshot;
import org.gapwatch.ui.Format;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.SourceState;
import org.gapwatch.ui.SourceFilter;
import org.gapwatch.ui.common.SlotList;

/**
 * The table view: a row per source with every counter; sortable, filterable per column (a field under each header;
 * text matches as a substring, numbers also as {@code >N} or {@code <N}), columns hidden from the header menu.
 * Which rows show and in which order is a {@link TableModel} built off the FX thread; the table's items are slots,
 * one per position, and only the slots on screen are filled (four times a second, and when a new model arrives).
 * Hidden, it does nothing per row; selecting a source is a look-up of its row.
 *
 * <p>Its first show is costly (the skin, the headers' fields, the CSS of every cell on screen, and the JIT's first
 * compilations of all that): {@link #warmUp} pays it while the table is still hidden, in stages over pulses, so
 * that no single pulse does it all and switching to the table creates no cell.
 */
public final class SourceTable extends StackPane {
    /**
     * How often the rows on screen are filled again (a new model or a scroll fills at once). Four times a second, as
     * Phoebus paces its plots: a dense list of numbers is not read faster, and at 5,000 sources under a flood ten
     * times a second cost the FX thread 191-203 ms a second (JavaFX lays out and restyles each row whose text
     * changed), four times 109-111, and the table drew 50.6-53.3 frames/s against 56.0-56.5.
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
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.getColumns().addAll(List.of(
                text("src", "Source", r -> r.src, 300),
                // Wide enough for its header; not 80, JavaFX's default width, which the header takes as "not set"
                // and sizes to the cells on first show (it left the header at "Prot...").
                text("protocol", "Protocol", r -> r.protocol, 104),
                status(),
                text("value", "Value", r -> r.value, 150),
                number("received", "Received", r -> r.received),
                number("lost", "Lost", r -> r.lost),
                percent(),
                number("late", "Late", r -> r.late),
                number("duplicates", "Dup.", r -> r.duplicates),
                number("restarts", "Restarts", r -> r.restarts),
                rate(),
                age(),
                text("sender", "Sender", r -> r.sender, 170),
                text("session", "Session", r -> r.session, 110)));
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

    private <T> TableColumn<SourceRow, T> column(String id, String name, double width,
                                                 Function<SourceRow, ObservableValue<T>> value) {
        TableColumn<SourceRow, T> c = new TableColumn<>(name);
        c.setId(id);
        c.setPrefWidth(width);
        baseWidths.put(c, width);
        c.setCellValueFactory(d -> value.apply(d.getValue()));
        ColumnFilter cf = new ColumnFilter(id);
        columnFilters.add(cf);
        c.setGraphic(cf.field);
        return c;
    }

    private TableColumn<SourceRow, String> text(String id, String name,
                                                Function<SourceRow, ObservableValue<String>> v, double width) {
        return column(id, name, width, v);
    }

    private TableColumn<SourceRow, Number> number(String id, String name,
                                                  Function<SourceRow, javafx.beans.property.SimpleLongProperty> v) {
        TableColumn<SourceRow, Number> c = column(id, name, 110, r -> v.apply(r));
        c.getStyleClass().add("numeric");
        return c;
    }

    private TableColumn<SourceRow, Number> percent() {
        TableColumn<SourceRow, Number> c = column("loss", "Loss", 125, r -> r.lossPercent);
        c.getStyleClass().add("numeric");
        c.setCellFactory(col -> new FormattedCell<>(n -> Format.percent(n.doubleValue() / 100),
                n -> n.doubleValue() > 0 ? "losing" : null));
        return c;
    }

    private TableColumn<SourceRow, Number> rate() {
        TableColumn<SourceRow, Number> c = column("rate", "Rate", 85, r -> r.rate);
        c.getStyleClass().add("numeric");
        c.setCellFactory(col -> new FormattedCell<>(n -> Format.rate(n.doubleValue()), n -> null));
        return c;
    }

    private TableColumn<SourceRow, Number> age() {
        TableColumn<SourceRow, Number> c = column("age", "Age", 80, r -> r.ageSeconds);
        c.getStyleClass().add("numeric");
        c.setCellFactory(col -> new FormattedCell<>(n -> Format.age(n.longValue() * 1000), n -> null));
        return c;
    }

    private TableColumn<SourceRow, SourceState> status() {
        TableColumn<SourceRow, SourceState> c = column("status", "Status", 130, r -> r.status);
        c.setCellFactory(col -> new FormattedCell<>(SourceState::word, h -> "status-" + h.name().toLowerCase(Locale.ROOT)));
        return c;
    }

    /** A cell showing a formatted value and, for some values, a style class (colour plus the word itself). */
    private static final class FormattedCell<T> extends TableCell<SourceRow, T> {
        private final Function<T, String> format;
        private final Function<T, String> styleClass;
        private String applied;

        FormattedCell(Function<T, String> format, Function<T, String> styleClass) {
            this.format = format;
            this.styleClass = styleClass;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            String cls = empty || item == null ? null : styleClass.apply(item);
            if (applied != null && !applied.equals(cls)) {
                getStyleClass().remove(applied);
            }
            if (cls != null && !cls.equals(applied)) {
                getStyleClass().add(cls);
            }
            applied = cls;
            setText(empty || item == null ? null : format.apply(item));
        }
    }

}
