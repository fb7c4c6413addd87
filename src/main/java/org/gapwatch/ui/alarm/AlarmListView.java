package org.gapwatch.ui.alarm;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import org.gapwatch.alarm.Alarm;
import org.gapwatch.alarm.AlarmCsv;
import org.gapwatch.alarm.AlarmModel;
import org.gapwatch.alarm.NewestFirst;
import org.gapwatch.ui.common.SlotList;

/**
 * The alarm points, latest activation first: one row per source and kind with first and last time, count, state
 * (ISA-18.2: active or cleared, acknowledged or not, shelved, suppressed by an episode), chattering, detail and
 * guidance. Rows waiting for acknowledgement stand out (bold, warm colour, marker); normal ones are dimmed. Buttons
 * acknowledge the selected row or all, shelve the selected row for a time picked from a list, and export as CSV;
 * the summary shows the alarm rate against the ISA-18.2 flood benchmark. Selecting a row sets {@link #selectedSourceProperty()}. Follows its
 * {@link AlarmModel} by listening to it; FX thread only. The order is the model's ({@link AlarmModel#newestFirst},
 * made on the model's thread); the table's items are slots, one per position, and a change fills only the slots on
 * screen, so its work here does not grow with the number of alarms.
 */
public class AlarmListView extends Region {
    private static final PseudoClass UNACKNOWLEDGED = PseudoClass.getPseudoClass("unacknowledged");
    private static final PseudoClass RESOLVED = PseudoClass.getPseudoClass("resolved");

    private final AlarmModel model;
    /** Slots kept for positions off screen (a cache: the ones on screen are used every fill and stay). */
    private static final int SLOTS_KEPT = 512;

    private final TableView<Slot> table = new TableView<>();
    /** The table's items: a slot per position, filled when on screen (so a change costs the rows shown). */
    private final SlotList<Slot> rows = new SlotList<>(Slot.class, SLOTS_KEPT, Slot::new, s -> s.position,
            this::fill);
    /** The rows as shown, in the list's order (made on the model's thread). */
    private NewestFirst shown = NewestFirst.empty();
    /** The id of the row the operator selected (-1: none): it keeps its selection as it moves. */
    private long selectedId = -1;
    private boolean syncingSelection;
    private long rowsTouched;
    private final Label summary = new Label();
    private final Label message = new Label();
    private final Button acknowledge = new Button("Acknowledge");
    private final Button acknowledgeAll = new Button("Acknowledge all");
    private final Button export = new Button("Export CSV…");
    private final javafx.scene.control.ComboBox<String> shelveFor = new javafx.scene.control.ComboBox<>(
            javafx.collections.FXCollections.observableArrayList(SHELVE_CHOICES));
    private final Button shelve = new Button("Shelve");
    private final java.util.function.LongSupplier clock;
    /** What the operator may pick to shelve a row for, and the minutes each is. */
    static final List<String> SHELVE_CHOICES = List.of("15 min", "1 h", "8 h", "24 h");
    private static final long[] SHELVE_MINUTES = {15, 60, 480, 1440};
    private final BorderPane content = new BorderPane();
    private final ObjectProperty<String> selectedSource = new SimpleObjectProperty<>(this, "selectedSource");
    private ZoneId zone = ZoneId.systemDefault();
    private long shownVersion = -1;

    public AlarmListView(AlarmModel model) {
        this(model, System::currentTimeMillis);
    }

    /** @param clock the time shelving counts from (the capture's time in a replay) */
    public AlarmListView(AlarmModel model, java.util.function.LongSupplier clock) {
        this.model = model;
        this.clock = clock;
        getStyleClass().add("alarm-list-view");
        getStylesheets().add(Objects.requireNonNull(AlarmListView.class.getResource("alarms.css")).toExternalForm());
        buildTable();
        summary.setId("alarm-summary");
        message.setId("alarm-message");
        acknowledge.setId("alarm-ack");
        acknowledgeAll.setId("alarm-ack-all");
        export.setId("alarm-export");
        acknowledge.setOnAction(e -> {
            Alarm a = selected();
            if (a != null) {
                model.perform(() -> model.acknowledge(a.id()));
            }
        });
        acknowledgeAll.setOnAction(e -> model.perform(model::acknowledgeAll));
        export.setOnAction(e -> chooseAndExport());
        shelve.setId("alarm-shelve");
        shelveFor.setId("alarm-shelve-for");
        shelveFor.getSelectionModel().select(0);
        shelve.setOnAction(e -> {
            Alarm a = selected();
            if (a != null) {
                shelveSelected(a, SHELVE_MINUTES[Math.max(0, shelveFor.getSelectionModel().getSelectedIndex())]);
            }
        });
        Label title = new Label("Alarms");
        title.getStyleClass().add("alarm-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        summary.setWrapText(true);
        message.setWrapText(true);
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        // Title and summary on one line, the actions under them (wrapping at a narrow dock): every word whole.
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(8, 6, acknowledge, acknowledgeAll,
                shelveFor, shelve, export);
        for (javafx.scene.Node n : actions.getChildren()) {
            ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox head = new HBox(12, title, summary);
        head.setAlignment(Pos.BASELINE_LEFT);
        javafx.scene.layout.VBox bar = new javafx.scene.layout.VBox(6, head, message, actions);
        bar.setPadding(new Insets(6, 10, 6, 10));
        content.setTop(bar);
        content.setCenter(table);
        getChildren().add(content);
        table.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (syncingSelection) {
                return;
            }
            int i = now.intValue();
            Alarm a = i >= 0 && i < shown.size() ? shown.get(i) : null;
            selectedId = a == null ? -1 : a.id();
            showSelected();
            if (a != null) {
                selectedSource.set(a.src());
            }
        });
        model.addListener(this::refresh);
        refresh();
    }

    private void buildTable() {
        table.setId("alarm-table");
        table.setItems(rows);
        table.setPlaceholder(new Label("No alarms"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // One column, a few wrapped lines a row: the source, then when / how often / kind / state, then the detail
        // and guidance. At the dock's width every row reads whole (a row of eight columns did not).
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
        TableColumn<Slot, Alarm> c = new TableColumn<>("Alarm (latest first)");
        c.setCellValueFactory(f -> f.getValue().alarm.getReadOnlyProperty());
        c.setSortable(false);
        c.setCellFactory(col -> new AlarmCell(a -> (a.needsAcknowledging() ? "● " : "") + a.src(),
                a -> "last " + time.withZone(zone).format(Instant.ofEpochMilli(a.lastMillis())) + " · first "
                        + time.withZone(zone).format(Instant.ofEpochMilli(a.firstMillis())) + " · " + a.count() + "× · "
                        + a.kind().label() + " · " + a.state().label()
                        + (a.shelvedUntil() >= 0 ? " until "
                        + time.withZone(zone).format(Instant.ofEpochMilli(a.shelvedUntil())) : "")
                        + (a.chattering() ? " · chattering" : ""),
                a -> a.detail() + (a.guidance() == null || a.guidance().isEmpty() ? "" : "\nWhat to do: "
                        + a.guidance())));
        table.getColumns().add(c);
    }

    /** A position of the list: the row the shown order puts there, set when the position is on screen. */
    private static final class Slot {
        final ReadOnlyObjectWrapper<Alarm> alarm = new ReadOnlyObjectWrapper<>();
        final int position;

        Slot(int position) {
            this.position = position;
        }
    }

    /** Puts the row the shown order has at {@code position} into its slot. */
    private void fill(Slot s, int position) {
        Alarm a = shown.get(position);
        if (s.alarm.get() != a) {
            s.alarm.set(a);
            rowsTouched++;
        }
    }

    /** A row of the list: three wrapped lines (title, facts, detail), as wide as the column. */
    private static final class AlarmCell extends javafx.scene.control.TableCell<Slot, Alarm> {
        private final Label title = line("alarm-row-title");
        private final Label facts = line("alarm-row-facts");
        private final Label detail = line("alarm-row-detail");
        private final javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(2, title, facts, detail);
        private final Function<Alarm, String> titleOf;
        private final Function<Alarm, String> factsOf;
        private final Function<Alarm, String> detailOf;

        AlarmCell(Function<Alarm, String> titleOf, Function<Alarm, String> factsOf, Function<Alarm, String> detailOf) {
            this.titleOf = titleOf;
            this.factsOf = factsOf;
            this.detailOf = detailOf;
            box.setMinWidth(0);
            widthProperty().addListener((o, was, w) -> {
                box.setPrefWidth(lineWidth(w.doubleValue()));
                box.setMaxWidth(lineWidth(w.doubleValue()));
                requestLayout();
            });
            setText(null);
        }

        private static double lineWidth(double cellWidth) {
            return Math.max(120, cellWidth - 16);
        }

        /** As high as the wrapped lines are at the cell's width (not at the width they would take unwrapped). */
        @Override
        protected double computePrefHeight(double width) {
            if (getGraphic() == null) {
                return super.computePrefHeight(width);
            }
            double w = lineWidth(width > 0 ? width : getWidth() > 0 ? getWidth() : 600);
            return snappedTopInset() + box.prefHeight(w) + snappedBottomInset();
        }

        private static Label line(String style) {
            Label l = new Label();
            l.getStyleClass().add(style);
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            return l;
        }

        @Override
        protected void updateItem(Alarm a, boolean empty) {
            super.updateItem(a, empty);
            // The row's marks follow the alarm in its slot (the row's item, the slot, stays while the alarm changes).
            TableRow<?> row = getTableRow();
            if (row != null) {
                row.pseudoClassStateChanged(UNACKNOWLEDGED, !empty && a != null && a.needsAcknowledging());
                row.pseudoClassStateChanged(RESOLVED, !empty && a != null
                        && a.state() == org.gapwatch.alarm.AlarmState.NORMAL);
            }
            if (empty || a == null) {
                setGraphic(null);
                return;
            }
            title.setText(titleOf.apply(a));
            facts.setText(factsOf.apply(a));
            detail.setText(detailOf.apply(a));
            setGraphic(box);
        }
    }

    @Override
    protected void layoutChildren() {
        content.resizeRelocate(0, 0, getWidth(), getHeight());
    }

    @Override
    protected double computePrefWidth(double height) {
        return content.prefWidth(height);
    }

    @Override
    protected double computePrefHeight(double width) {
        return content.prefHeight(width);
    }

    // ---- public API ----

    public AlarmModel model() {
        return model;
    }

    public void setZone(ZoneId zone) {
        this.zone = zone;
        shownVersion = -1;
        refresh();
        table.refresh(); // the times of the rows on screen, in the new zone
    }

    /** The source of the alarm selected in the list, for the detail pane. */
    public ObjectProperty<String> selectedSourceProperty() {
        return selectedSource;
    }

    /** Shelves {@code a} for {@code minutes} from now on the view's clock (on the model's thread, if it has one). */
    public void shelveSelected(Alarm a, long minutes) {
        long until = clock.getAsLong() + minutes * 60_000;
        model.perform(() -> model.shelve(a.id(), until));
    }

    /** The rows as listed, latest activation first (a copy of them all: for tests, not per change). */
    public List<Alarm> items() {
        return List.copyOf(shown.list());
    }

    /** Selects the alarm with this id in the list, if listed: a look-up of its position, not a pass. */
    public void select(long id) {
        int at = shown.positionOf(id);
        if (at >= 0) {
            table.getSelectionModel().clearAndSelect(at);
        }
    }

    /** Rows put in a slot on the FX thread since the last call (the tests that a change costs the rows on screen). */
    public long takeRowsTouched() {
        long n = rowsTouched;
        rowsTouched = 0;
        return n;
    }

    /** The selected row as the list shows it now, or null. */
    private Alarm selected() {
        int at = selectedId < 0 ? -1 : shown.positionOf(selectedId);
        return at < 0 ? null : shown.get(at);
    }

    private void showSelected() {
        Alarm now = selected();
        acknowledge.setDisable(now == null || now.acknowledged());
        shelve.setDisable(now == null);
    }

    /** Brings the list up to date with the model (called by the model's listener; cheap when nothing changed). */
    public void refresh() {
        if (model.version() == shownVersion) {
            return;
        }
        shownVersion = model.version();
        // The order is the model's (made on its thread): here only the slots on screen and the selection's position.
        shown = model.newestFirst();
        syncingSelection = true;
        try {
            rows.resize(shown.size());
            rows.fillOnScreen(table, 30);
            int at = selectedId < 0 ? -1 : shown.positionOf(selectedId);
            if (at < 0) {
                selectedId = -1;
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedIndex() != at) {
                table.getSelectionModel().clearAndSelect(at);
            }
        } finally {
            syncingSelection = false;
        }
        showSelected();
        acknowledgeAll.setDisable(model.unacknowledgedCount() == 0);
        int rate = model.alarmsPerTenMinutes();
        summary.setText(model.activeCount() + " active, " + model.unacknowledgedCount() + " unacknowledged · " + rate
                + " alarms in 10 min" + (model.flood() ? " — FLOOD (ISA-18.2 benchmark " + AlarmModel.FLOOD_BENCHMARK
                + ")" : ""));
        summary.pseudoClassStateChanged(UNACKNOWLEDGED, model.unacknowledgedCount() > 0);
    }

    /** Writes the whole log (oldest first) as CSV to {@code file}; returns the number of alarms written. */
    public int exportTo(Path file) throws IOException {
        List<Alarm> log = model.log();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            AlarmCsv.write(log, zone, w);
        }
        return log.size();
    }

    private void chooseAndExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export alarm log");
        chooser.setInitialFileName("gapwatch-alarms.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        var file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            int n = exportTo(file.toPath());
            message.setText("Exported " + n + " alarm" + (n == 1 ? "" : "s") + " to " + file.getName());
        } catch (IOException | RuntimeException e) {
            message.setText("Export failed: " + e.getMessage());
        }
    }
}
