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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.StackPane;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerSnapshot;
import org.gapwatch.ui.Format;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.SourceState;
import org.gapwatch.ui.SourceFilter;

/**
 * The table view: a row per source with every counter; sortable, filterable per column (a field under each header;
 * text matches as a substring, numbers also as {@code >N} or {@code <N}), columns hidden from the header menu.
 * Rows are updated in place each pulse while the table shows; filtering and sort order are refreshed twice a
 * second so the list does not churn under a flood.
 */
public final class SourceTable extends StackPane {
    private static final long REFILTER_EVERY_MILLIS = 1_000;
    private static final long SWEEP_EVERY_MILLIS = 1_000;
    private static final long ROWS_EVERY_MILLIS = 100;

    private final TableView<SourceRow> table = new TableView<>();
    private final ObservableList<SourceRow> rows = FXCollections.observableArrayList();
    private final FilteredList<SourceRow> filtered = new FilteredList<>(rows);
    private final List<ColumnFilter> columnFilters = new ArrayList<>();
    private final IntegerProperty selectedId = new SimpleIntegerProperty(-1);
    private SourceFilter filter = SourceFilter.ALL;
    private Judgement judgement = Judgement.empty();
    private long refilteredMillis;
    private long sweptMillis;
    private long rowsMillis;
    private boolean wasShowing;
    private boolean refilterNow = true;
    private boolean syncingSelection;

    public SourceTable() {
        getStyleClass().add("source-table");
        SortedList<SourceRow> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setTableMenuButtonVisible(true);
        table.setPlaceholder(new Label("No source matches the filter"));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.getColumns().addAll(List.of(
                text("src", "Source", r -> r.src, 300),
                text("protocol", "Protocol", r -> r.protocol, 80),
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
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!syncingSelection) {
                selectedId.set(b == null ? -1 : b.id);
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

    /** Ids of the columns the user hid. */
    public List<String> hiddenColumns() {
        return table.getColumns().stream().filter(c -> !c.isVisible()).map(TableColumn::getId).toList();
    }

    public void setHiddenColumns(List<String> ids) {
        Set<String> hide = new HashSet<>(ids);
        table.getColumns().forEach(c -> c.setVisible(!hide.contains(c.getId())));
    }

    /** Rows now shown (after all filters), in display order. */
    public List<SourceRow> shownRows() {
        return List.copyOf(table.getItems());
    }

    /** Forgets every row: the next update fills the table from another engine's snapshot. */
    public void reset() {
        rows.clear();
        refilterNow = true;
        sweptMillis = rowsMillis = refilteredMillis = Long.MIN_VALUE / 2;
    }

    private int sweepCursor = -1;

    /** Called once per pulse. Adds rows for new sources always; updates values only while showing. */
    public void update(TrackerSnapshot snap, Judgement j, long now, SourceFilter f) {
        judgement = j;
        if (now < sweptMillis || snap.sourceCount() < rows.size()) {
            // A replay's clock went back, or its engine started afresh (a seek backwards): start over.
            reset();
        }
        for (int i = rows.size(); i < snap.sourceCount(); i++) {
            rows.add(new SourceRow(snap.source(i)));
            refilterNow = true;
        }
        if (f != filter) {
            filter = f;
            refilterNow = true;
        }
        boolean showing = isVisible() && getScene() != null;
        if (showing && !wasShowing) {
            refilterNow = true; // coming into view: every row fresh at once
        }
        wasShowing = showing;
        if (!showing && !refilterNow) {
            return;
        }
        // Rows on screen ten times a second (a table read by eye gains nothing from more, and every changed cell
        // costs a layout); every row once a second, which keeps sorting and "problems only" current. That sweep
        // goes a slice per pulse, not all rows in one pulse, which would stretch that frame.
        if (refilterNow) {
            for (int i = 0; i < rows.size(); i++) {
                rows.get(i).update(snap.source(i), now, judgement);
            }
            sweptMillis = now;
        } else if (!rows.isEmpty()) {
            long elapsed = Math.max(0, now - sweptMillis);
            int slice = (int) Math.min(rows.size(), Math.max(1, rows.size() * elapsed / SWEEP_EVERY_MILLIS));
            for (int k = 0; k < slice; k++) {
                sweepCursor = sweepCursor + 1 >= rows.size() ? 0 : sweepCursor + 1;
                rows.get(sweepCursor).update(snap.source(sweepCursor), now, judgement);
            }
            sweptMillis = now;
        }
        if (!refilterNow && now - rowsMillis >= ROWS_EVERY_MILLIS) {
            rowsMillis = now;
            List<SourceRow> shown = table.getItems();
            int first = 0, last = shown.size() - 1;
            if (table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow && flow.getFirstVisibleCell() != null
                    && flow.getLastVisibleCell() != null) {
                first = Math.max(0, flow.getFirstVisibleCell().getIndex() - 1);
                last = Math.min(last, flow.getLastVisibleCell().getIndex() + 1);
            }
            for (int i = first; i <= last; i++) {
                SourceRow r = shown.get(i);
                r.update(snap.source(r.id), now, judgement);
            }
        }
        if (refilterNow || (now - refilteredMillis >= REFILTER_EVERY_MILLIS && membershipOrOrderIsLive())) {
            refilter(now);
        }
    }

    /**
     * Whether rows can join, leave or move without any input from the user: when the filter depends on live state
     * (problems only, a column filter) or the table is sorted by a live column. Otherwise re-filtering would only
     * make the table rebuild its cells for nothing.
     */
    private boolean membershipOrOrderIsLive() {
        if (filter.problemsOnly() || columnFilters.stream().anyMatch(ColumnFilter::active)) {
            return true;
        }
        for (TableColumn<SourceRow, ?> c : table.getSortOrder()) {
            if (!"src".equals(c.getId()) && !"sender".equals(c.getId()) && !"session".equals(c.getId())) {
                return true;
            }
        }
        return false;
    }

    private void refilter(long now) {
        refilteredMillis = now;
        refilterNow = false;
        SourceFilter f = filter;
        List<ColumnFilter> active = columnFilters.stream().filter(ColumnFilter::active).toList();
        syncingSelection = true;
        try {
            filtered.setPredicate(r -> f.matchesName(r.src()) && (!f.problemsOnly() || r.health.isProblem())
                    && active.stream().allMatch(c -> c.test(r)));
        } finally {
            syncingSelection = false;
        }
        selectRow(selectedId.get());
    }

    private void selectRow(int id) {
        SourceRow cur = table.getSelectionModel().getSelectedItem();
        if (cur != null && cur.id == id) {
            return;
        }
        syncingSelection = true;
        try {
            if (id < 0) {
                table.getSelectionModel().clearSelection();
                return;
            }
            for (SourceRow r : table.getItems()) {
                if (r.id == id) {
                    table.getSelectionModel().select(r);
                    return;
                }
            }
            table.getSelectionModel().clearSelection();
        } finally {
            syncingSelection = false;
        }
    }

    // ---- columns ----

    private final class ColumnFilter {
        final TextField field = new TextField();
        final Function<SourceRow, String> text;
        final Function<SourceRow, Double> number;

        ColumnFilter(String id, Function<SourceRow, String> text, Function<SourceRow, Double> number) {
            this.text = text;
            this.number = number;
            field.setId("filter-" + id);
            field.setPromptText("filter");
            field.getStyleClass().add("column-filter");
            field.textProperty().addListener((o, a, b) -> refilterNow = true);
        }

        boolean active() {
            return !field.getText().isBlank();
        }

        boolean test(SourceRow r) {
            String q = field.getText().trim();
            if (number != null && (q.startsWith(">") || q.startsWith("<"))) {
                try {
                    double limit = Double.parseDouble(q.substring(1).trim());
                    double v = number.apply(r);
                    return q.charAt(0) == '>' ? v > limit : v < limit;
                } catch (NumberFormatException e) {
                    return true;
                }
            }
            String t = text.apply(r);
            return t != null && t.toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT));
        }
    }

    private <T> TableColumn<SourceRow, T> column(String id, String name, double width,
                                                 Function<SourceRow, ObservableValue<T>> value,
                                                 Function<SourceRow, String> asText,
                                                 Function<SourceRow, Double> asNumber) {
        TableColumn<SourceRow, T> c = new TableColumn<>(name);
        c.setId(id);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> value.apply(d.getValue()));
        ColumnFilter cf = new ColumnFilter(id, asText, asNumber);
        columnFilters.add(cf);
        c.setGraphic(cf.field);
        return c;
    }

    private TableColumn<SourceRow, String> text(String id, String name,
                                                Function<SourceRow, ObservableValue<String>> v, double width) {
        return column(id, name, width, v, r -> v.apply(r).getValue(), null);
    }

    private TableColumn<SourceRow, Number> number(String id, String name,
                                                  Function<SourceRow, javafx.beans.property.SimpleLongProperty> v) {
        TableColumn<SourceRow, Number> c = column(id, name, 110, r -> v.apply(r),
                r -> Long.toString(v.apply(r).get()), r -> (double) v.apply(r).get());
        c.getStyleClass().add("numeric");
        return c;
    }

    private TableColumn<SourceRow, Number> percent() {
        TableColumn<SourceRow, Number> c = column("loss", "Loss", 125, r -> r.lossPercent,
                r -> Format.percent(r.lossPercent.get() / 100), r -> r.lossPercent.get());
        c.getStyleClass().add("numeric");
        c.setCellFactory(col -> new FormattedCell<>(n -> Format.percent(n.doubleValue() / 100),
                n -> n.doubleValue() > 0 ? "losing" : null));
        return c;
    }

    private TableColumn<SourceRow, Number> rate() {
        TableColumn<SourceRow, Number> c = column("rate", "Rate", 85, r -> r.rate,
                r -> Format.rate(r.rate.get()), r -> r.rate.get());
        c.getStyleClass().add("numeric");
        c.setCellFactory(col -> new FormattedCell<>(n -> Format.rate(n.doubleValue()), n -> null));
        return c;
    }

    private TableColumn<SourceRow, Number> age() {
        TableColumn<SourceRow, Number> c = column("age", "Age", 80, r -> r.ageSeconds,
                r -> Format.age(r.ageSeconds.get() * 1000), r -> (double) r.ageSeconds.get());
        c.getStyleClass().add("numeric");
        c.setCellFactory(col -> new FormattedCell<>(n -> Format.age(n.longValue() * 1000), n -> null));
        return c;
    }

    private TableColumn<SourceRow, SourceState> status() {
        TableColumn<SourceRow, SourceState> c = column("status", "Status", 130, r -> r.status,
                r -> r.status.get().word(), null);
        c.setComparator((a, b) -> Integer.compare(a.ordinal(), b.ordinal()));
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
