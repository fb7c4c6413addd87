package org.gapwatch.ui;

import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.StatusBar;
import org.gapwatch.engine.Engine;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.JudgeConfig;
import org.gapwatch.judge.JudgeRunner;
import org.gapwatch.judge.Judgement;
import org.gapwatch.track.TrackerSnapshot;
import org.gapwatch.ui.table.SourceTable;
import org.gapwatch.ui.wall.WallView;

/**
 * Controller of MainWindow.fxml: binds the toolbar to the views and runs the one pulse loop that hands each new
 * snapshot to whatever shows. No work per datagram happens here: one snapshot per pulse, repaint what changed.
 */
public final class MainController {
    static final List<String> TILE_SIZES = List.of("Fit", "Small", "Medium", "Large", "Huge");
    private static final double[] TILE_WIDTHS = {0, 120, 170, 240, 340};

    @FXML TextField filterField;
    @FXML ToggleButton problemsOnly;
    @FXML ToggleGroup viewGroup;
    @FXML ToggleButton wallButton;
    @FXML ToggleButton tableButton;
    @FXML ComboBox<String> tileSize;
    @FXML ToggleButton dockButton;
    @FXML ToggleButton historyButton;
    @FXML SplitPane split;
    @FXML StackPane viewStack;
    @FXML TabPane dock;
    @FXML Tab detailTab;
    @FXML Tab alarmTab;
    @FXML Tab heatmapTab;
    @FXML javafx.scene.layout.VBox topBox;
    @FXML javafx.scene.control.ToolBar toolbar;
    @FXML javafx.scene.layout.VBox bottomBox;
    @FXML javafx.scene.layout.HBox recordSlot;
    @FXML javafx.scene.control.Button openCaptureButton;
    @FXML StackPane detailSlot;
    @FXML StackPane alarmSlot;
    @FXML StackPane heatmapSlot;
    @FXML StatusBar statusBar;

    final WallView wall = new WallView();
    final SourceTable table = new SourceTable();
    final PulseStats pulseNanos = new PulseStats(4096);
    final PulseStats frameGapNanos = new PulseStats(4096);
    /** The part of a pulse's work spent in the views (wall and table), and in the rest (status bar, listeners). */
    final PulseStats viewNanos = new PulseStats(4096);
    final PulseStats restNanos = new PulseStats(4096);
    final SlowestPart slowestPart = new SlowestPart();
    final PulseStats arrivalToPulseMillis = new PulseStats(65536);
    private MonitorWindow window;
    private Engine engine;
    private java.util.function.LongSupplier clock = System::currentTimeMillis;
    private String replayName;
    private StatusBarPresenter status;
    private SourceFilter filter = SourceFilter.ALL;
    private JudgeConfig judgeConfig = JudgeConfig.defaults();
    /** Judges the live engine on its own thread for the window's life (live alarms are judged during a replay too). */
    private JudgeRunner liveJudging;
    /** The judging of the engine shown: the live one, or a replay's. */
    private JudgeRunner judging;
    /** The wall's, the table's and the heatmap's models, built off the FX thread. */
    private ViewModels models;
    private AnimationTimer timer;
    private long lastVersionMeasured;
    private long lastFrameNanos;
    private Runnable onFirstFrame;
    private final java.util.List<NamedListener> pulseListeners = new java.util.ArrayList<>();
    /** The pulse's fault boundary (see {@link DisplayFaults}); made in {@link #init}. */
    private DisplayFaults faults;

    /** A pulse listener and the name its faults are said by ("episode banner"). */
    private record NamedListener(String name, MonitorWindow.PulseListener listener) {
    }
    final javafx.beans.property.ObjectProperty<String> selectedSrc =
            new javafx.beans.property.SimpleObjectProperty<>();
    private boolean syncingSrc;
    private int framesSinceShown;
    /**
     * How long after the first pulse the hidden table joins the scene and warms up ({@link SourceTable#warmUp}), so
     * that the operator's first switch to the table costs no more than the next ones (the first one cost the FX
     * thread about a second, and the JIT as much again, under a flood).
     */
    static final long TABLE_WARM_UP_NANOS = 1_000_000_000L;
    private long firstPulseNanos = Long.MIN_VALUE;
    private boolean tableWarmUpStarted;

    void init(MonitorWindow w, Engine e, org.gapwatch.fault.ErrorLog errorLog) {
        window = w;
        engine = e;
        faults = new DisplayFaults(errorLog);
        liveJudging = new JudgeRunner(new Judge(judgeConfig), e::snapshot, System::currentTimeMillis, "judge-live")
                .start();
        judging = liveJudging;
        // The view-models thread has its own boundary (a LoopRunner); its errors are said as the display's.
        org.gapwatch.fault.Faults modelFaults = new org.gapwatch.fault.Faults(errorLog);
        faults.watch("view models", modelFaults::errors);
        models = new ViewModels(e::snapshot, liveJudging::latest, System::currentTimeMillis, modelFaults).start();
        detailSlot.getChildren().add(placeholder("Select a source on the wall or in the table"));
        alarmSlot.getChildren().add(placeholder("Alarm list: ui.alarm.AlarmListView goes here"));
        heatmapSlot.getChildren().add(placeholder("Loss heatmap: ui.heatmap.HeatmapView goes here"));
        status = new StatusBarPresenter(statusBar);
        wall.setId("wall");
        table.setId("table");
        // The table joins the scene only when first shown: a wide TableView's first CSS pass is costly at start.
        viewStack.getChildren().add(wall);
        table.setVisible(false);
        tileSize.getItems().setAll(TILE_SIZES);
        tileSize.getSelectionModel().select(0);
        tileSize.valueProperty().addListener((o, a, b) -> {
            wall.setTileWidth(TILE_WIDTHS[Math.max(0, TILE_SIZES.indexOf(b))]);
            window.settingsChanged();
        });
        filterField.textProperty().addListener((o, a, b) -> refilter());
        problemsOnly.selectedProperty().addListener((o, a, b) -> refilter());
        viewGroup.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one of the two is always on
                return;
            }
            showTable(b == tableButton);
        });
        dockButton.selectedProperty().addListener((o, a, b) -> showDock(b));
        wall.selectedIdProperty().addListener((o, a, b) -> selected(b.intValue()));
        table.tableView().getColumns().forEach(c -> c.visibleProperty().addListener((o, a, b) -> window.settingsChanged()));
        table.selectedIdProperty().addListener((o, a, b) -> selected(b.intValue()));
        selectedSrc.addListener((o, a, b) -> selectSrc(b));
    }

    private static Label placeholder(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("slot-placeholder");
        l.setWrapText(true);
        return l;
    }

    // ---- the pulse ----

    void start(Runnable firstFrame) {
        onFirstFrame = firstFrame;
        timer = new AnimationTimer() {
            @Override
            public void handle(long nowNanos) {
                pulse(nowNanos);
            }
        };
        timer.start();
    }

    void stop() {
        if (timer != null) {
            timer.stop();
        }
        if (liveJudging != null) {
            liveJudging.close();
        }
        if (models != null) {
            models.close();
        }
    }

    private void pulse(long nowNanos) {
        long t0 = System.nanoTime();
        if (onFirstFrame != null && ++framesSinceShown >= 2) {
            // The previous pulse laid out and rendered the first frame.
            Runnable r = onFirstFrame;
            onFirstFrame = null;
            faults.run("start-up", r);
        }
        if (firstPulseNanos == Long.MIN_VALUE) {
            firstPulseNanos = nowNanos;
        }
        if (!tableWarmUpStarted && nowNanos - firstPulseNanos >= TABLE_WARM_UP_NANOS) {
            tableWarmUpStarted = true;
            faults.run("table warm-up", this::warmUpTable);
        }
        long ts0 = System.nanoTime();
        slowestPart.add("pulse start (start-up)", ts0 - t0);
        TrackerSnapshot snap = engine.snapshot();
        org.gapwatch.engine.LatencyProbe p = probe;
        Judgement judged = judging.latest();
        if (p != null) {
            p.shown(snap.version());
            p.aged(org.gapwatch.engine.LatencyProbe.Age.JUDGEMENT, judged.snapshot().version());
            p.aged(org.gapwatch.engine.LatencyProbe.Age.WALL_MODEL, models.wall().judgement().snapshot().version());
        }
        long now = clock.getAsLong();
        // Each part inside the fault boundary: one that throws is counted and said, the others still run.
        long tv = System.nanoTime();
        slowestPart.add("pulse start (snapshot, judgement, probe)", tv - ts0);
        try {
            wall.setBlinking(blinking.get(), (nowNanos / 500_000_000L) % 2 == 0);
            // Ask for the models wanted now (null: a hidden view wants none), draw the newest ones there are.
            models.wantWall(wall.isVisible() ? wall.request(filter) : null);
            if (wall.isVisible()) {
                wall.update(snap, judged, models.wall(), now);
            }
        } catch (Throwable t) {
            faults.failed("wall", t);
        }
        try {
            models.wantTable(table.request(filter));
            table.update(snap, judged, models.table(), now);
        } catch (Throwable t) {
            faults.failed("table", t);
        }
        try {
            if (pendingSrc != null && models.index().idOf(pendingSrc) >= 0) {
                String src = pendingSrc;
                pendingSrc = null;
                selectSrc(src);
            }
        } catch (Throwable t) {
            faults.failed("selection", t);
        }
        long tr = System.nanoTime();
        viewNanos.add(tr - tv);
        slowestPart.add(wall.isVisible() ? "wall" : "table", tr - tv);
        try {
            status.update(snap, judged, now, replayName == null ? window.feed().status() : null);
        } catch (Throwable t) {
            faults.failed("status bar", t);
        }
        long tp = System.nanoTime();
        slowestPart.add("status bar", tp - tr);
        for (int i = 0; i < pulseListeners.size(); i++) {
            NamedListener l = pulseListeners.get(i);
            try {
                l.listener().pulse(snap, now);
            } catch (Throwable t) {
                faults.failed(l.name(), t);
            }
            long tl = System.nanoTime();
            slowestPart.add(l.name(), tl - tp);
            tp = tl;
        }
        try {
            if (snap.version() != lastVersionMeasured) {
                measureArrival(snap, now);
                lastVersionMeasured = snap.version();
            }
        } catch (Throwable t) {
            faults.failed("pulse statistics", t);
        }
        try {
            // Last, so that it says this pulse's faults too (the status bar's own among them).
            status.showDisplayFault(faults.text());
        } catch (Throwable t) {
            faults.failed("status bar", t);
        }
        long t1 = System.nanoTime();
        slowestPart.add("pulse end (statistics, faults)", t1 - tp);
        restNanos.add(t1 - tr);
        pulseNanos.add(t1 - t0);
        if (lastFrameNanos != 0) {
            frameGapNanos.add(nowNanos - lastFrameNanos);
        }
        lastFrameNanos = nowNanos;
    }

    /**
     * Arrival-to-pulse: for a sample of the sources with an update newer than the previous pulse showed, the time
     * from the arrival of their newest update to this pulse (which draws it). A view made again only because its
     * windows slid (once a second) brings no new arrival and is not counted.
     */
    private void measureArrival(TrackerSnapshot snap, long now) {
        int n = snap.sourceCount();
        if (measuredArrival.length < n) {
            measuredArrival = java.util.Arrays.copyOf(measuredArrival, n);
        }
        for (int i = 0, step = Math.max(1, n / 64); i < n; i += step) {
            var v = snap.source(i);
            if (v.version() > lastVersionMeasured && v.lastArrivalMillis() != measuredArrival[i]) {
                measuredArrival[i] = v.lastArrivalMillis();
                arrivalToPulseMillis.add(now - v.lastArrivalMillis());
            }
        }
    }

    private long[] measuredArrival = new long[0];
    /** The bench's hop-by-hop latency instrument (see {@link org.gapwatch.engine.LatencyProbe}), or null. */
    private volatile org.gapwatch.engine.LatencyProbe probe;

    void probe(org.gapwatch.engine.LatencyProbe p) {
        probe = p;
    }

    // ---- actions ----

    private void refilter() {
        filter = new SourceFilter(filterField.getText(), problemsOnly.isSelected());
    }

    SourceFilter filter() {
        return filter;
    }

    void toggleView() {
        (wallButton.isSelected() ? tableButton : wallButton).setSelected(true);
    }

    void showTable(boolean on) {
        if (on && !viewStack.getChildren().contains(table)) {
            viewStack.getChildren().addFirst(table);
        }
        table.setVisible(on);
        wall.setVisible(!on);
        (on ? tableButton : wallButton).setSelected(true);
        (on ? table.tableView() : wall).requestFocus();
        window.settingsChanged();
    }

    /** Puts the hidden table into the scene and lets it warm up there (nothing if it is there already). */
    void warmUpTable() {
        if (!viewStack.getChildren().contains(table)) {
            viewStack.getChildren().addFirst(table);
            table.warmUp();
        }
    }

    boolean tableShown() {
        return table.isVisible();
    }

    void showDock(boolean on) {
        boolean shown = split.getItems().contains(dock);
        if (on && !shown) {
            split.getItems().add(dock);
            // Room for the detail's labels and the alarm list: about 620 px at the display scale, 28 % to 50 %.
            double w = split.getWidth() > 0 ? split.getWidth() : 1600;
            split.setDividerPositions(1 - Math.clamp(620 * displayScale / w, 0.28, 0.5));
        } else if (!on && shown) {
            split.getItems().remove(dock);
        }
        dockButton.setSelected(on);
    }

    /** The display scale times the zoom: the dock's default width grows with it as the text does. */
    void setDisplayScale(double scale) {
        displayScale = scale;
        table.setScale(scale);
    }

    private double displayScale = 1;

    void addPulseListener(String name, MonitorWindow.PulseListener l) {
        pulseListeners.add(new NamedListener(name, l));
    }

    /** The pulse's fault boundary: what failed, how often. */
    DisplayFaults displayFaults() {
        return faults;
    }

    /** Selects a source by name (from another component: alarm list, heatmap); null clears. A look-up, no scan. */
    private void selectSrc(String src) {
        if (syncingSrc) {
            return;
        }
        int id = models.index().idOf(src);
        TrackerSnapshot snap = engine.snapshot();
        if (id >= 0 && (id >= snap.sourceCount() || !snap.source(id).src().equals(src))) {
            id = -1; // an index not (yet) of this engine's sources: wait for one that has the source
        }
        selected(id);
        // Not indexed yet (another engine just shown, or a source this moment new): selected when it is.
        pendingSrc = id < 0 ? src : null;
    }

    /** A source selected by name before the index had it. */
    private String pendingSrc;

    /** The source selected by name that waits to be indexed, or null (for a test's message). */
    String pendingSelection() {
        return pendingSrc;
    }

    private void selected(int id) {
        // A source selected supersedes one waiting to be indexed; a view that lost its selection (its rows were
        // reset for another engine) does not cancel it. Clearing by name (null) does, in selectSrc.
        if (id >= 0) {
            pendingSrc = null;
        }
        wall.selectedIdProperty().set(id);
        table.selectedIdProperty().set(id);
        TrackerSnapshot snap = engine.snapshot();
        syncingSrc = true;
        try {
            selectedSrc.set(id >= 0 && id < snap.sourceCount() ? snap.source(id).src() : null);
        } finally {
            syncingSrc = false;
        }
        if (id >= 0) {
            // Picking an alarm in the Alarms tab selects its source without taking the list away.
            boolean onAlarms = split.getItems().contains(dock) && dock.getSelectionModel().getSelectedItem() == alarmTab;
            showDock(true);
            if (!onAlarms) {
                dock.getSelectionModel().select(detailTab);
            }
        }
    }

    /** Gives the keyboard to the view shown (the wall, or the table). */
    void focusView() {
        (tableShown() ? table.tableView() : wall).requestFocus();
    }

    void focusFilter() {
        filterField.requestFocus();
        filterField.selectAll();
    }

    @FXML
    void openSettings() {
        window.openSettings();
    }

    /** The judgement's settings, for the live engine and any replay; applied at their next judgement. */
    void setJudgeConfig(JudgeConfig c) {
        judgeConfig = c;
        liveJudging.judge().setConfig(c);
        judging.judge().setConfig(c);
    }

    JudgeConfig judgeConfig() {
        return judgeConfig;
    }

    JudgeRunner liveJudging() {
        return liveJudging;
    }

    /** The newest judgement of the engine shown. */
    Judgement judgement() {
        return judging.latest();
    }

    double tileWidthSetting() {
        return TILE_WIDTHS[Math.max(0, TILE_SIZES.indexOf(tileSize.getValue()))];
    }

    void setTileWidthSetting(double w) {
        int best = 0;
        for (int i = 0; i < TILE_WIDTHS.length; i++) {
            if (Math.abs(TILE_WIDTHS[i] - w) < Math.abs(TILE_WIDTHS[best] - w)) {
                best = i;
            }
        }
        tileSize.getSelectionModel().select(best);
    }

    static void replace(StackPane slot, javafx.scene.Node content) {
        slot.getChildren().setAll(content);
    }

    /** Sources whose tiles blink (unacknowledged alarms of the engine shown). */
    final javafx.beans.property.ObjectProperty<java.util.Set<String>> blinking =
            new javafx.beans.property.SimpleObjectProperty<>(java.util.Set.of());

    /**
     * Shows another engine (a replay's, or the live one again) in every view of this controller, at its clock;
     * {@code replay} names the capture for the status bar, null when live.
     */
    void setEngine(Engine e, java.util.function.LongSupplier viewClock, String replay, JudgeRunner judgedBy) {
        String keep = selectedSrc.get();
        engine = e;
        judging = judgedBy;
        clock = viewClock;
        replayName = replay;
        status.reset(replay);
        wall.selectedIdProperty().set(-1);
        table.selectedIdProperty().set(-1);
        models.switchTo(e::snapshot, judgedBy::latest, viewClock);
        table.reset();
        wall.reset();
        selectedSrc.set(null);
        selectedSrc.set(keep); // the same source again, by name, in the other engine if it has it
    }

    Engine engine() {
        return engine;
    }

    long now() {
        return clock.getAsLong();
    }

    /** The models of the views; the heatmap's rows come from there too. */
    ViewModels models() {
        return models;
    }

    @FXML
    void openCapture() {
        window.openCapture();
    }

    StatusBarPresenter status() {
        return status;
    }
}
