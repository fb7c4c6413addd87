package org.gapwatch.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.gapwatch.alarm.AlarmModel;
import org.gapwatch.alarm.Notice;
import org.gapwatch.capture.Replayer;
import org.gapwatch.engine.Engine;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.JudgeRunner;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;
import org.gapwatch.ui.alarm.AlarmListView;
import org.gapwatch.ui.alarm.AlarmMonitor;
import org.gapwatch.ui.alarm.EpisodeBanner;
import org.gapwatch.ui.capture.CaptureOpener;
import org.gapwatch.ui.capture.RecentControl;
import org.gapwatch.ui.capture.RecordControl;
import org.gapwatch.ui.capture.ReplayBanner;
import org.gapwatch.ui.capture.ReplayBar;
import org.gapwatch.ui.capture.ReplayMode;
import org.gapwatch.ui.detail.DetailPane;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.ui.feed.Feed;
import org.gapwatch.ui.feed.ReceiverFeed;
import org.gapwatch.ui.heatmap.HeatmapView;
import org.gapwatch.ui.heatmap.StatusHistoryBand;

/**
 * Connects the window's components: detail, heatmap and alarm list in the dock, blinking tiles and the alarm count,
 * the record button on the live receiver, and replay (a second engine every view switches to and back from).
 * Everything here runs on the FX thread, driven by the window's one pulse.
 */
final class MonitorWiring {

    private final MonitorWindow window;
    private final MainController ui;
    private final Stage stage;
    private final Engine liveEngine;
    final DetailPane detail = new DetailPane();
    final HeatmapView heatmap = new HeatmapView();
    /** The status-history strip under the wall (groups x time, loss episodes as bands); Ctrl+T or History. */
    final StatusHistoryBand history = new StatusHistoryBand();
    final RecordControl record = new RecordControl();
    /** The always-on recent ring and "go to the moment" (started by {@link #startRecent}). */
    final RecentControl recent = new RecentControl();
    final ReplayMode mode = new ReplayMode();
    final Button alarmCount = new Button();
    final EpisodeBanner banner = new EpisodeBanner();
    private final Alarms live;
    private Alarms replay;
    private Alarms shown;
    private final List<Notice> notices = new ArrayList<>();
    private Consumer<Notice> popups;
    private CaptureOpener opener = new CaptureOpener();
    private java.util.function.Supplier<TrackerConfig> replayConfig = TrackerConfig::defaults;
    /** The frozen moment being replayed (Save as… copies it), or null. */
    private Path frozen;
    private final javafx.beans.property.BooleanProperty frozenReplay =
            new javafx.beans.property.SimpleBooleanProperty(this, "frozenReplay");
    private java.util.function.BiFunction<javafx.stage.Window, Path, Path> saveChoice = MonitorWiring::saveDialog;
    private ReplayBar bar;
    private Engine replayEngine;
    private JudgeRunner replayJudging;

    private final Feed feed;

    /** One engine's alarms: its model, the 1 Hz evaluation and the list that shows them. */
    private record Alarms(AlarmModel model, AlarmMonitor monitor, AlarmListView list, LongSupplier clock) {
    }

    MonitorWiring(MonitorWindow window, MainController ui, Stage stage, Engine liveEngine, Feed feed) {
        this.feed = feed;
        this.window = window;
        this.ui = ui;
        this.stage = stage;
        this.liveEngine = liveEngine;
        // Notices go to the banner under the toolbar: anchored in the layout, it covers no tile and no control.
        popups = banner::notice;

        detail.setId("detail-pane");
        detail.setEngine(liveEngine);
        detail.sourceProperty().bindBidirectional(window.selectedSourceProperty());
        window.setDetailContent(detail);

        heatmap.setId("heatmap");
        heatmap.setEngine(liveEngine);
        heatmap.selectedSourceProperty().bindBidirectional(window.selectedSourceProperty());
        window.setHeatmapContent(heatmap);

        history.setId("status-history");
        history.setEngine(liveEngine);
        history.visibleProperty().bind(ui.historyButton.selectedProperty());
        history.managedProperty().bind(ui.historyButton.selectedProperty());
        // A click on a group's row filters the views to that group; a second click on it clears the filter.
        history.setOnGroupClicked(g -> ui.filterField.setText(
                ui.filterField.getText().equals(g + "/**") ? "" : g + "/**"));
        ui.bottomBox.getChildren().addFirst(history);

        live = alarms(ui.liveJudging(), System::currentTimeMillis, "");
        live.monitor().setReceiverProblem(() -> window.feed().status().loopProblem());
        live.monitor().setDisplayProblem(ui.displayFaults()::problem);
        show(live);
        alarmCount.setId("sb-alarms");
        alarmCount.getStyleClass().add("status-alarms");
        alarmCount.setMinWidth(Region.USE_PREF_SIZE);
        alarmCount.setTooltip(new Tooltip("Unacknowledged / active alarms; click or F4 for the list"));
        alarmCount.setOnAction(e -> showTab(ui.alarmTab));
        ui.status().addAlarmItem(alarmCount);
        showAlarmCount();

        record.setId("record");
        if (feed instanceof ReceiverFeed rf) {
            // The window keeps one receiver for its life (subscription and interface change on it), so this binding
            // holds; RecordControl would move a running recording along if a receiver were ever replaced.
            record.receiverProperty().set(rf.receiver());
        }
        ui.recordSlot.getChildren().addFirst(record);
        recent.setId("recent");
        ui.recordSlot.getChildren().add(1, recent);
        // "Go to the moment": a gap row, the episode banner, a cell of the history band or of the heatmap.
        // A gap's moment is its start, the last update before it: the replay must hold that one to see the gap.
        detail.setOnGoToMoment((src, row) -> {
            long span = Math.max(0, row.spanMillis());
            goToMoment(src, row.detectedMillis() - span, RecentControl.AROUND,
                    RecentControl.AROUND.plusMillis(span));
        });
        banner.setOnGoToMoment(e -> goToMoment(e.sources().isEmpty() ? null : e.sources().getFirst(),
                e.startMillis(), RecentControl.AROUND, RecentControl.AROUND));
        history.setOnGoToMoment((group, from, millis) -> goToMoment(null, from, RecentControl.AROUND,
                RecentControl.AROUND.plusMillis(millis)));
        heatmap.setOnGoToMoment((src, from, millis) -> goToMoment(src, from, RecentControl.AROUND,
                RecentControl.AROUND.plusMillis(millis)));

        ui.topBox.getChildren().addFirst(new ReplayBanner(mode));
        ui.topBox.getChildren().add(banner);
        ui.topBox.getChildren().add(recent.messageBar());
        // Back to LIVE leads the toolbar while replaying, and Open capture steps aside.
        Button back = new Button("⟲ Back to LIVE (Ctrl+L)");
        back.setId("back-to-live");
        back.getStyleClass().add("back-to-live");
        back.setOnAction(e -> backToLive());
        back.visibleProperty().bind(mode.replayingProperty());
        back.managedProperty().bind(mode.replayingProperty());
        ui.openCaptureButton.visibleProperty().bind(mode.replayingProperty().not());
        ui.openCaptureButton.managedProperty().bind(mode.replayingProperty().not());
        // Save as… keeps a frozen moment (its file lives with the ring's and goes at the next start).
        Button save = new Button("Save moment as…");
        save.setId("save-moment");
        save.setTooltip(new Tooltip("Copy the frozen moment being replayed to a pcap file of your choice"));
        save.setOnAction(e -> saveFrozenMoment());
        save.visibleProperty().bind(frozenReplay);
        save.managedProperty().bind(frozenReplay);
        ui.toolbar.getItems().addFirst(save);
        ui.toolbar.getItems().addFirst(back); // first: never pushed into the toolbar's overflow menu
        stage.titleProperty().bind(mode.windowTitle("Gapwatch"));

        pulseListeners();
    }

    private Alarms alarms(JudgeRunner judging, LongSupplier clock, String prefix) {
        AlarmModel model = new AlarmModel();
        Consumer<Notice> sink = n -> {
            Notice shownNotice = prefix.isEmpty() ? n
                    : new Notice(prefix + n.title(), n.text(), n.alarm(), n.suppressed());
            notices.add(shownNotice);
            popups.accept(shownNotice);
        };
        AlarmListView list = new AlarmListView(model, clock);
        list.setId(prefix.isEmpty() ? "alarm-list" : "replay-alarm-list");
        list.selectedSourceProperty().addListener((o, a, src) -> {
            if (src != null) {
                window.selectedSourceProperty().set(src);
            }
        });
        model.addListener(this::showAlarmCount);
        AlarmMonitor monitor = new AlarmMonitor(judging::latest, model, sink);
        // Evaluated on the judge's thread once a second (live alarms during a replay too: nothing live goes
        // unnoticed while looking back); the FX thread reads the published result.
        monitor.evaluateOn(judging, clock, javafx.application.Platform::runLater);
        return new Alarms(model, monitor, list, clock);
    }

    private void show(Alarms a) {
        shown = a;
        banner.setModel(a.model());
        window.setAlarmContent(a.list());
        ui.blinking.set(a.model().unacknowledgedSources());
        showAlarmCount();
    }

    private void showAlarmCount() {
        if (shown == null) {
            return;
        }
        AlarmModel m = shown.model();
        alarmCount.setText((mode.isReplaying() ? "Replay alarms " : "Alarms ") + m.unacknowledgedCount() + " new · "
                + m.activeCount() + " active" + (m.flood() ? " · FLOOD" : ""));
        alarmCount.setTooltip(new Tooltip("Unacknowledged / active alarms; click or F4 for the list"
                + (m.flood() ? ". FLOOD: " + m.alarmsPerTenMinutes() + " alarms in 10 min (ISA-18.2 benchmark "
                + AlarmModel.FLOOD_BENCHMARK + ")" : "")));
        alarmCount.getStyleClass().removeAll("has-alarms", "alarm-flood");
        if (m.unacknowledgedCount() > 0) {
            alarmCount.getStyleClass().add("has-alarms");
        }
        if (m.flood()) {
            alarmCount.getStyleClass().add("alarm-flood");
        }
    }

    // ---- the pulse ----

    /** The parts of the pulse, each in the pulse's fault boundary under its own name. */
    private void pulseListeners() {
        window.addPulseListener("alarm blinking", (snap, now) -> ui.blinking.set(shown.model().unacknowledgedSources()));
        window.addPulseListener("episode banner", (snap, now) -> {
            banner.update(ui.judgement(), now);
            ui.status().setDiagnosisShown(banner.shownEpisode() == null);
        });
        window.addPulseListener("detail", (snap, now) -> {
            int sel = ui.wall.selectedIdProperty().get();
            if (sel >= 0 && sel < snap.sourceCount()) {
                detail.update(snap.source(sel), ui.judgement().state(sel));
            }
        });
        window.addPulseListener("heatmap", this::heatRows);
        window.addPulseListener("history band", (snap, now) -> {
            if (history.isVisible()) {
                // References only: the band groups and sums in its engine query, at most once a second.
                history.setSources(ui.models().heatRows());
                history.setJudgement(ui.judgement());
            }
        });
    }

    private void heatRows(TrackerSnapshot snap, long now) {
        // The heatmap's rows (the wall's filter, in wall order, grouped and collapsed as chosen) are built off the
        // FX thread while it or the history band shows; here they are taken by reference.
        boolean heatShown = ui.heatmapTab.isSelected() && ui.split.getItems().contains(ui.dock);
        ui.models().wantHeatRows(heatShown || history.isVisible() ? ui.filter() : null);
        ui.models().wantHeatmap(heatShown ? heatmap.request() : null);
        if (heatShown) {
            heatmap.setModel(ui.models().heatmap());
        }
    }

    // ---- replay ----

    void setCaptureOpener(CaptureOpener o) {
        opener = o;
    }

    /** How a replay's engine is configured (the settings' staleness). */
    void setReplayConfig(java.util.function.Supplier<TrackerConfig> config) {
        replayConfig = config;
    }

    /** Starts (or restarts with new bounds) the recent ring under {@code root} on the live receiver. */
    void startRecent(Path root, org.gapwatch.capture.RingBounds bounds) {
        recent.start(root, bounds, feed instanceof ReceiverFeed rf ? rf.receiver() : null);
    }

    /** A replay opens this long before the moment, so that it plays into it. */
    static final long LEAD_MILLIS = 5_000;

    /**
     * Go to the moment: the recent ring freezes {@code before} ahead of it to {@code after} past it off the FX thread; then
     * the capture opens in replay, seeked to 5 s before the moment and playing, with {@code src} selected (its
     * detail shows the gap as live did). Nothing opens, and one line says why, when the ring does not reach back.
     */
    void goToMoment(String src, long momentMillis, java.time.Duration before, java.time.Duration after) {
        recent.goToMoment(momentMillis, before, after, m -> {
            ReplayBar b = openCaptureFile(m.file(), replayConfig.get());
            frozen = m.file();
            recent.replaying(frozen);
            frozenReplay.set(true);
            b.seek((momentMillis - LEAD_MILLIS) * 1_000_000L);
            if (src != null) {
                window.selectedSourceProperty().set(src);
                showTab(ui.detailTab);
            }
        });
    }

    /** The frozen moment replayed now, or null (a capture opened from a file is no frozen moment). */
    Path frozenMoment() {
        return bar == null ? null : frozen;
    }

    void setSaveChoice(java.util.function.BiFunction<javafx.stage.Window, Path, Path> choice) {
        saveChoice = choice;
    }

    /** Save as…: copies the frozen moment being replayed to a file the operator chooses (off the FX thread). */
    void saveFrozenMoment() {
        Path f = frozenMoment();
        if (f == null) {
            return;
        }
        Path target = saveChoice.apply(stage, f);
        if (target != null) {
            recent.saveCopy(f, target);
        }
    }

    private static Path saveDialog(javafx.stage.Window owner, Path frozenFile) {
        javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
        fc.setTitle("Save the frozen moment as");
        fc.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("pcap (*.pcap)", "*.pcap"));
        fc.setInitialDirectory(new java.io.File(System.getProperty("user.home")));
        fc.setInitialFileName(frozenFile.getFileName().toString());
        java.io.File f = fc.showSaveDialog(owner);
        return f == null ? null : f.toPath();
    }

    /** Asks for a capture and replays it; every view switches to the replay. Returns false when cancelled. */
    boolean openCapture(TrackerConfig config) {
        Path file = opener.choose(stage);
        if (file == null) {
            return false;
        }
        openCaptureFile(file, config);
        frozen = null;
        recent.replaying(null);
        frozenReplay.set(false);
        return true;
    }

    /** Replays {@code file}: every view switches to the replay. */
    ReplayBar openCaptureFile(Path file, TrackerConfig config) {
        ReplayBar old = bar;
        Engine engine = new Engine(config);
        engine.setResources(org.gapwatch.files.MappingFiles::read);
        // Datagrams of the subscribed groups replay with their protocols (RTP as RTP); all others as JSON v1.
        for (String g : feed.status().groups()) {
            GroupSpec s = GroupSpec.parse(g);
            if (!s.json()) {
                engine.route(s.subscription(), s.destinations());
            }
        }
        ReplayBar nb = new ReplayBar(file, engine, mode); // takes the mode over and closes the old bar
        nb.setId("replay-bar");
        nb.setMinWidth(0); // on a narrow window the bar clips rather than widen the window past the screen
        nb.setOnExit(this::backToLive);
        if (old != null) {
            ui.bottomBox.getChildren().remove(old);
        }
        bar = nb;
        replayEngine = engine;
        ui.bottomBox.getChildren().addFirst(nb);
        LongSupplier clock = () -> {
            Replayer.Progress p = nb.progressProperty().get();
            return p == null ? 0 : Math.floorDiv(Math.max(p.positionNanos(), p.startNanos()), 1_000_000L);
        };
        if (replayJudging != null) {
            replayJudging.close();
        }
        replayJudging = new JudgeRunner(new Judge(ui.judgeConfig()), engine::snapshot, clock, "judge-replay").start();
        replay = alarms(replayJudging, clock, "REPLAY — ");
        replay.monitor().setDisplayProblem(ui.displayFaults()::problem); // the display is the same in a replay
        switchTo(engine, replayJudging, clock, file.getFileName().toString());
        show(replay);
        return nb;
    }

    /** Leaves replay: closes the bar and switches every view back to the live engine. */
    void backToLive() {
        if (bar == null) {
            return;
        }
        ReplayBar b = bar;
        bar = null;
        frozen = null;
        recent.replaying(null);
        frozenReplay.set(false);
        replayEngine = null;
        b.close();
        ui.bottomBox.getChildren().remove(b);
        replay = null;
        switchTo(liveEngine, ui.liveJudging(), System::currentTimeMillis, null);
        replayJudging.close();
        replayJudging = null;
        show(live);
    }

    private void switchTo(Engine engine, JudgeRunner judging, LongSupplier clock, String replayName) {
        ui.setEngine(engine, clock, replayName, judging);
        heatmap.setClock(clock);
        heatmap.setEngine(engine);
        history.setClock(clock);
        history.setEngine(engine);
        detail.setClock(clock);
        detail.setReplaying(replayName != null);
        detail.setEngine(engine);
    }

    ReplayBar replayBar() {
        return bar;
    }

    Engine replayEngine() {
        return replayEngine;
    }

    // ---- alarms for keys and tests ----

    AlarmModel alarmModel() {
        return shown.model();
    }

    AlarmListView alarmList() {
        return shown.list();
    }

    AlarmModel liveAlarmModel() {
        return live.model();
    }

    /** Notices passed by the rate limit (shown in the banner), oldest first. */
    List<Notice> notices() {
        return List.copyOf(notices);
    }

    void setPopups(Consumer<Notice> p) {
        popups = p;
    }

    /** The canvases of the dock follow the theme as the wall does. */
    void setTheme(String theme) {
        detail.setPalette(Palette.of(theme));
        heatmap.setTheme(theme);
        history.setTheme(theme);
    }

    /** The dock's canvases grow with the display scale as the wall does. */
    void setScale(double scale) {
        heatmap.setScale(scale);
        history.setScale(scale);
        detail.setScale(scale);
    }

    void acknowledgeEpisode() {
        banner.acknowledgeEpisode();
    }

    void acknowledgeAll() {
        shown.model().acknowledgeAll();
    }

    void acknowledgeSelected() {
        if (shown.list().lookup("#alarm-ack") instanceof Button b && !b.isDisabled()) {
            b.fire();
        }
    }

    void exportAlarms() {
        if (shown.list().lookup("#alarm-export") instanceof Button b) {
            b.fire();
        }
    }

    void toggleRecord() {
        if (record.lookup("#record-button") instanceof Button b && !b.isDisabled()) {
            b.fire();
        }
    }

    void showTab(javafx.scene.control.Tab tab) {
        ui.showDock(true);
        ui.dock.getSelectionModel().select(tab);
    }

    void close() {
        backToLive();
        record.stop();
        recent.stop();
    }
}
