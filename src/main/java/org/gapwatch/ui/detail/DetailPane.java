package org.gapwatch.ui.detail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.gapwatch.engine.Engine;
import org.gapwatch.protocol.Update;
import org.gapwatch.track.SourceHistory;
import org.gapwatch.track.SourceView;

/**
 * Everything about one source: identity (src, sender, session, interval, ttl), its latest value and status, all
 * counters with a reset button, what probes elsewhere see of it (probe, received, lost, last seen; shown when probes
 * are polled), its newest vector of levels or values as a level strip (sACN's 512 slots; any source whose updates
 * carry one), its value history with the lost spans shaded, and its last 100 gaps.
 *
 * <p>Bind or set {@link #sourceProperty()} (the src to show) and {@link #setEngine}. The pane asks the engine for the
 * source's history at once when the source changes and about once a second while it is showing; {@link #update}
 * may additionally feed it the pulse's {@link SourceView} so the counters move at frame rate. FX thread only.
 */
public class DetailPane extends Region {
    private static final long REFRESH_MILLIS = 1000;
    private static final double VANTAGE_ROW = 30;
    private static final double VANTAGE_HEADER = 42;

    private final ObjectProperty<String> source = new SimpleObjectProperty<>(this, "source");
    private final ReadOnlyObjectWrapper<SourceHistory> history = new ReadOnlyObjectWrapper<>(this, "history");

    private final Label title = label("detail-src", "detail-title");
    private final Label value = label("detail-value", "detail-value");
    private final Label status = label("detail-status", "detail-status");
    private final Label sender = label("detail-sender", null);
    private final Label otherSender = label("detail-other-sender", null);
    private final Label session = label("detail-session", null);
    private final Label interval = label("detail-interval", null);
    private final Label ttl = label("detail-ttl", null);
    private final Label staleAfter = label("detail-stale-after", null);
    private final Label lastUpdate = label("detail-last-update", null);
    private final Label sequence = label("detail-sequence", null);
    private final Label received = label("detail-received", "counter");
    private final Label lost = label("detail-lost", "counter");
    private final Label late = label("detail-late", "counter");
    private final Label duplicates = label("detail-duplicates", "counter");
    private final Label restarts = label("detail-restarts", "counter");
    private final Label loss1m = label("detail-loss-1m", "counter");
    private final Label loss5m = label("detail-loss-5m", "counter");
    private final Label lossAll = label("detail-loss-all", "counter");
    private final Label rate = label("detail-rate", "counter");
    private final Button reset = new Button("Reset counters");
    private final ValueChart chart = new ValueChart();
    /** The source's vector of levels or values (sACN's slots), when it has one; hidden otherwise. */
    private final LevelStrip levelStrip = new LevelStrip();
    private final TableView<GapRow> gapTable = new TableView<>();
    private final Label gapTitle = label("detail-gap-title", "section");
    /** The lanes of a source with several (PTP message types, MPEG-TS PIDs), one line each; hidden otherwise. */
    private final Label lanes = label("detail-lanes", "lanes");
    /** What the probes elsewhere (the settings' list) see of the source; hidden when none is polled. */
    /** The probes' table title while replaying: their figures are of now, not of the capture. */
    public static final String VANTAGE_LIVE_ONLY = "Seen by probes: live only, not shown while replaying a capture";
    private final TableView<VantageRow> vantage = new TableView<>();
    private final Label vantageTitle = label("detail-vantage-title", "section");
    private java.util.function.Supplier<org.gapwatch.judge.RemoteView> remote = () -> org.gapwatch.judge.RemoteView.NONE;
    /** Showing a replayed capture: the probes' figures are live ones, which would be untrue beside it. */
    private boolean replaying;
    private final VBox content = new VBox(12);
    private final Timeline timer = new Timeline(new KeyFrame(Duration.millis(REFRESH_MILLIS), e -> refresh()));

    private Engine engine;
    /** "Go to the moment" of a gap row: the source and the row (double-click or the row's menu). */
    private java.util.function.BiConsumer<String, GapRow> onGoToMoment = (src, row) -> { };
    private LongSupplier clock = System::currentTimeMillis;
    private ZoneId zone = ZoneId.systemDefault();
    private long generation;

    public DetailPane() {
        getStyleClass().add("detail-pane");
        getStylesheets().add(Objects.requireNonNull(DetailPane.class.getResource("detail.css")).toExternalForm());
        chart.setZone(zone);

        GridPane identity = new GridPane(16, 4);
        addRow(identity, 0, "Sender", sender);
        addRow(identity, 1, "Also claimed by", otherSender);
        addRow(identity, 2, "Session", session);
        addRow(identity, 3, "Interval", interval);
        addRow(identity, 4, "TTL", ttl);
        addRow(identity, 5, "Stale after", staleAfter);
        addRow(identity, 6, "Last update", lastUpdate);
        addRow(identity, 7, "Sequence", sequence);

        GridPane counters = new GridPane(16, 4);
        addRow(counters, 0, "Received", received);
        addRow(counters, 1, "Lost", lost);
        addRow(counters, 2, "Late", late);
        addRow(counters, 3, "Duplicates", duplicates);
        addRow(counters, 4, "Restarts", restarts);
        addRow(counters, 5, "Loss 1 min", loss1m);
        addRow(counters, 6, "Loss 5 min", loss5m);
        addRow(counters, 7, "Loss since reset", lossAll);
        addRow(counters, 8, "Rate", rate);
        reset.setId("detail-reset");
        reset.setOnAction(e -> resetCounters());
        counters.add(reset, 0, 9, 2, 1);

        // At the dock's width the name, the status and the value each get a line, and the two fact tables stand
        // side by side only where there is room (else one under the other): nothing is elided.
        title.setWrapText(true);
        status.setWrapText(true);
        value.setWrapText(true);
        javafx.scene.layout.VBox head = new javafx.scene.layout.VBox(4, title, value, status);
        javafx.scene.layout.FlowPane facts = new javafx.scene.layout.FlowPane(48, 12, identity, counters);

        chart.setId("detail-chart");
        VBox.setVgrow(chart, Priority.ALWAYS);
        buildGapTable();
        gapTitle.setText("Gaps");

        lanes.setVisible(false);
        lanes.managedProperty().bind(lanes.visibleProperty());
        buildVantageTable();
        // The level strip right under the value: for a source of many levels (sACN) they are its value.
        content.getChildren().addAll(head, levelStrip, facts, lanes, vantageTitle, vantage, chart, gapTitle,
                gapTable);
        content.setPadding(new Insets(12));
        getChildren().add(content);

        source.addListener((o, was, now) -> {
            history.set(null);
            clear();
            refresh();
        });
        timer.setCycleCount(Animation.INDEFINITE);
        org.gapwatch.ui.WhileShowing.run(this, timer);
        clear();
    }

    /** The value chart's fonts at the display scale. */
    public void setScale(double scale) {
        chart.setScale(scale);
        levelStrip.setScale(scale);
        // The gap columns' widths at the scale too: the resize policy spreads extra room evenly, not by share.
        for (TableColumn<GapRow, ?> c : gapTable.getColumns()) {
            c.setPrefWidth((Double) c.getUserData() * scale);
        }
    }

    /** The theme's canvas colours for the value chart. */
    public void setPalette(org.gapwatch.ui.Palette p) {
        chart.setPalette(p);
        levelStrip.setPalette(p);
    }

    /** What a gap row's "Go to the moment" does (double-click, or its context menu): given the src and the row. */
    public void setOnGoToMoment(java.util.function.BiConsumer<String, GapRow> action) {
        onGoToMoment = Objects.requireNonNull(action);
    }

    /** Runs a gap row's "Go to the moment" as its menu item would. */
    public void goToMoment(GapRow row) {
        String src = source.get();
        if (src != null && row != null) {
            onGoToMoment.accept(src, row);
        }
    }

    private void buildGapTable() {
        gapTable.setId("detail-gaps");
        // Double-click or the menu: replay the moment of this gap from the recent ring (the click keeps selecting).
        gapTable.setRowFactory(t -> {
            javafx.scene.control.TableRow<GapRow> row = new javafx.scene.control.TableRow<>();
            javafx.scene.control.MenuItem go = new javafx.scene.control.MenuItem("Go to the moment (replay)");
            go.setId("gap-go-to-moment");
            go.setOnAction(e -> goToMoment(row.getItem()));
            javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(go);
            row.contextMenuProperty().bind(javafx.beans.binding.Bindings.when(row.emptyProperty())
                    .then((javafx.scene.control.ContextMenu) null).otherwise(menu));
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    goToMoment(row.getItem());
                }
            });
            return row;
        });
        gapTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        gapTable.setPlaceholder(new Label("No gaps"));
        gapTable.setPrefHeight(260);
        gapTable.setMinHeight(140);
        // Short headers (the full meaning on hover), so they read whole at the dock's default width.
        // The columns share the width in proportion to what they hold (a time of day needs 12 characters).
        gapTable.getColumns().add(column("First", "First sequence number missing", GapRow::first, 78));
        gapTable.getColumns().add(column("Last", "Last sequence number missing", GapRow::last, 78));
        gapTable.getColumns().add(column("Count", "Numbers in the gap", GapRow::count, 62));
        gapTable.getColumns().add(column("Lost", "Never arrived", GapRow::lost, 55));
        gapTable.getColumns().add(column("Late", "Arrived late", GapRow::recovered, 55));
        gapTable.getColumns().add(column("Seen", "When the gap was detected", GapRow::detectedAt, 150));
        gapTable.getColumns().add(column("Span", "Time from the update before the gap to the one after", GapRow::span,
                80));
        gapTable.getColumns().add(column("Counted", "By sequence numbers, or by cadence (sources without numbers)",
                GapRow::how, 70));
    }

    private void buildVantageTable() {
        vantage.setId("detail-vantage");
        vantage.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        vantage.setFixedCellSize(VANTAGE_ROW);
        vantage.getColumns().add(column("Probe", VantageRow::probe));
        vantage.getColumns().add(column("Received", VantageRow::received));
        vantage.getColumns().add(column("Lost", VantageRow::lost));
        vantage.getColumns().add(column("Last seen", VantageRow::lastSeen));
        // The last column takes the rest: a probe that does not answer says why there.
        double[] widths = {220, 110, 110};
        for (int i = 0; i < widths.length; i++) {
            vantage.getColumns().get(i).setPrefWidth(widths[i]);
            vantage.getColumns().get(i).setMaxWidth(widths[i] * 1.5);
        }
        vantageTitle.setText("Seen by probes");
        for (javafx.scene.Node n : List.of(vantageTitle, vantage)) {
            n.setVisible(false);
            n.managedProperty().bind(n.visibleProperty());
        }
    }

    private static <R, T> TableColumn<R, T> column(String name, Function<R, T> get) {
        TableColumn<R, T> c = new TableColumn<>(name);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(get.apply(f.getValue())));
        c.setSortable(false);
        return c;
    }

    private static <T> TableColumn<GapRow, T> column(String name, String meaning, Function<GapRow, T> get,
                                                     double share) {
        TableColumn<GapRow, T> c = new TableColumn<>();
        c.setPrefWidth(share);
        c.setUserData(share);
        Label header = new Label(name);
        header.setTooltip(new javafx.scene.control.Tooltip(meaning));
        header.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        c.setGraphic(header);
        c.setText("");
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(get.apply(f.getValue())));
        c.setSortable(false);
        return c;
    }

    private static Label label(String id, String style) {
        Label l = new Label();
        l.setId(id);
        if (style != null) {
            l.getStyleClass().add(style);
        }
        return l;
    }

    private static void addRow(GridPane grid, int row, String name, Label value) {
        Label n = new Label(name);
        n.getStyleClass().add("name");
        grid.add(n, 0, row);
        grid.add(value, 1, row);
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

    public void setEngine(Engine engine) {
        this.engine = engine;
        refresh();
    }

    /** Where "now" comes from (epoch millis); the system clock unless a test or a replay says otherwise. */
    public void setClock(LongSupplier clock) {
        this.clock = clock;
    }

    public void setZone(ZoneId zone) {
        this.zone = zone;
        chart.setZone(zone);
    }

    /**
     * Where the figures of probes elsewhere come from: the poller's newest view (an atomic read, never a wait), read
     * with each refresh.
     */
    public void setRemoteViews(java.util.function.Supplier<org.gapwatch.judge.RemoteView> remoteViews) {
        this.remote = remoteViews;
        showVantage();
    }

    /**
     * Whether the source shown is from a replayed capture: then the probes' figures, which are live, are not shown
     * beside it, and the table's title says why ({@link #VANTAGE_LIVE_ONLY}).
     */
    public void setReplaying(boolean replaying) {
        this.replaying = replaying;
        showVantage();
    }

    /** The title of the probes' table, what it says instead of figures while replaying. */
    public String vantageTitle() {
        return vantageTitle.isVisible() ? vantageTitle.getText() : null;
    }

    /** The rows of the "seen by probes" table as shown, in the order of the settings' list. */
    public List<VantageRow> vantageRows() {
        return List.copyOf(vantage.getItems());
    }

    /** The src of the source shown, or null for none. */
    public ObjectProperty<String> sourceProperty() {
        return source;
    }

    public void setSource(String src) {
        source.set(src);
    }

    /** The history last received from the engine, or null. */
    public javafx.beans.property.ReadOnlyObjectProperty<SourceHistory> historyProperty() {
        return history.getReadOnlyProperty();
    }

    /** The rows of the gap list as shown, newest first. */
    public List<GapRow> gapRows() {
        return List.copyOf(gapTable.getItems());
    }

    /** Shows a newer view of the current source (e.g. from the pulse's snapshot); ignores other sources. */
    public void update(SourceView v) {
        update(v, judged);
    }

    /** As {@link #update(SourceView)}, with the judgement's state of the source (stale, conflict... are its word). */
    public void update(SourceView v, org.gapwatch.judge.SourceState state) {
        if (v != null && v.src().equals(source.get())) {
            judged = state;
            show(v, clock.getAsLong());
        }
    }

    private org.gapwatch.judge.SourceState judged = org.gapwatch.judge.SourceState.OK;

    /** Asks the engine for the current source's history now. */
    public void refresh() {
        showVantage();
        String src = source.get();
        if (engine == null || src == null) {
            return;
        }
        long gen = ++generation;
        long now = clock.getAsLong();
        engine.query(t -> t.history(src, now)).whenComplete((h, error) -> Platform.runLater(() -> {
            if (gen != generation || !src.equals(source.get())) {
                return;
            }
            if (h == null) {
                clear();
                title.setText(src);
                status.setText(error != null ? "history unavailable" : "unknown source");
                return;
            }
            history.set(h);
            show(h.view(), now);
            chart.setData(h.values(), h.gaps(), now);
            List<GapRow> rows = h.gaps().stream().map(g -> GapRow.of(g, zone)).toList();
            if (!rows.equals(gapTable.getItems())) {
                gapTable.getItems().setAll(rows);
            }
            showLanes(h.lanes());
            gapTitle.setText(h.gaps().isEmpty() ? "Gaps: none"
                    : "Gaps: last " + h.gaps().size() + (h.gaps().size() == 100 ? " (older ones dropped)" : ""));
        }));
    }

    private void showVantage() {
        org.gapwatch.judge.RemoteView view = remote.get();
        String src = source.get();
        boolean shown = !view.isEmpty() && src != null;
        vantageTitle.setVisible(shown);
        vantageTitle.setText(replaying ? VANTAGE_LIVE_ONLY : "Seen by probes");
        vantage.setVisible(shown && !replaying);
        if (!shown || replaying) {
            vantage.getItems().clear();
            return;
        }
        List<VantageRow> rows = view.rows(src).stream().map(r -> VantageRow.of(r, zone)).toList();
        if (!rows.equals(vantage.getItems())) {
            vantage.getItems().setAll(rows);
        }
        // Header and every row, no scroll bar: a handful of probes.
        vantage.setPrefHeight(VANTAGE_HEADER + VANTAGE_ROW * Math.max(1, rows.size()));
        vantage.setMinHeight(vantage.getPrefHeight());
    }

    private void showLanes(List<org.gapwatch.track.LaneView> list) {
        lanes.setVisible(list.size() > 1);
        if (list.size() <= 1) {
            return;
        }
        StringBuilder sb = new StringBuilder("Lanes (each its own sequence space)");
        for (org.gapwatch.track.LaneView l : list) {
            sb.append(String.format(java.util.Locale.ROOT, "%n%s: received %d, lost %d%s, duplicates %d, restarts %d",
                    l.label() != null ? l.label() : "lane " + l.lane(), l.received(), l.lost(),
                    l.byCadence() ? " by cadence" : "", l.duplicates(), l.restarts()));
        }
        lanes.setText(sb.toString());
    }

    private void resetCounters() {
        String src = source.get();
        if (engine == null || src == null) {
            return;
        }
        engine.query(t -> t.resetCounters(src)).whenComplete((ok, e) -> Platform.runLater(this::refresh));
    }

    // ---- display ----

    private void clear() {
        title.setText(source.get() == null ? "No source selected" : source.get());
        for (Label l : List.of(value, status, sender, otherSender, session, interval, ttl, staleAfter, lastUpdate,
                sequence, received, lost, late, duplicates, restarts, loss1m, loss5m, lossAll, rate)) {
            l.setText("—");
        }
        value.setText("");
        status.setText("");
        status.getStyleClass().removeAll("status-alarm", "status-warn", "status-ok", "status-stale");
        gapTable.getItems().clear();
        gapTitle.setText("Gaps");
        chart.setData(List.of(), List.of(), clock.getAsLong());
        levelStrip.setLevels(null);
        reset.setDisable(source.get() == null);
    }

    private void show(SourceView v, long now) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(zone);
        title.setText(v.src());
        levelStrip.setLevels(v.levels());
        value.setText(v.value() + (v.unit() == null ? "" : " " + v.unit()));
        String st = v.statusText() == null ? "no status" : v.statusText();
        status.setText(st + (v.text() == null ? "" : " — " + v.text())
                + (judged == org.gapwatch.judge.SourceState.STALE ? "   STALE" : ""));
        status.getStyleClass().removeAll("status-alarm", "status-warn", "status-ok", "status-stale");
        status.getStyleClass().add(judged == org.gapwatch.judge.SourceState.STALE ? "status-stale"
                : v.status().isAlarming() ? "status-alarm"
                : switch (v.status()) {
                    case WARN, UNKNOWN -> "status-warn";
                    default -> "status-ok";
                });
        sender.setText(v.sender() == null ? "—" : v.sender());
        boolean conflict = judged == org.gapwatch.judge.SourceState.CONFLICT;
        otherSender.setText(v.otherSender() == null ? "—"
                : v.otherSender() + (conflict ? "   CONFLICT: two senders" : "   (earlier)"));
        otherSender.getStyleClass().remove("warning");
        if (conflict) {
            otherSender.getStyleClass().add("warning");
        }
        session.setText(v.session() == null ? "—" : v.session());
        interval.setText(v.interval() == Update.ABSENT ? "not given" : GapRow.duration(v.interval()));
        ttl.setText(v.ttl() == Update.ABSENT ? "not given" : GapRow.duration(v.ttl()));
        staleAfter.setText(GapRow.duration(v.staleAfterMillis()));
        lastUpdate.setText(v.lastArrivalMillis() == 0 ? "—"
                : time.format(Instant.ofEpochMilli(v.lastArrivalMillis())) + "   ("
                        + GapRow.duration(v.ageMillis(now)) + " ago)");
        sequence.setText(v.first() + " … " + v.highest());
        received.setText(Long.toString(v.received()));
        lost.setText(Long.toString(v.lost()));
        late.setText(Long.toString(v.late()));
        duplicates.setText(Long.toString(v.duplicates()));
        restarts.setText(Long.toString(v.restarts()));
        loss1m.setText(percent(org.gapwatch.judge.LossFigures.oneMinute(v)));
        loss5m.setText(percent(org.gapwatch.judge.LossFigures.fiveMinutes(v)));
        lossAll.setText(percent(org.gapwatch.judge.LossFigures.overall(v)));
        rate.setText(String.format(Locale.ROOT, "%.1f /s", v.ratePerSecond()));
        lost.getStyleClass().remove("bad");
        if (v.lost() > 0) {
            lost.getStyleClass().add("bad");
        }
        reset.setDisable(false);
    }

    static String percent(double f) {
        if (f == 0) {
            return "0%";
        }
        return String.format(Locale.ROOT, f < 0.001 ? "%.3f%%" : "%.2f%%", 100 * f);
    }
}
