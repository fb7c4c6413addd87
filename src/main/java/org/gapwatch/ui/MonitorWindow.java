package org.gapwatch.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.gapwatch.engine.Engine;
import org.gapwatch.export.MetricsAddress;
import org.gapwatch.export.MetricsEndpoint;
import org.gapwatch.export.SnapshotCollector;
import org.gapwatch.export.SourceLabels;
import org.gapwatch.settings.Settings;
import org.gapwatch.settings.SettingsStore;
import org.gapwatch.ui.feed.Feed;

/**
 * The main window: loads MainWindow.fxml, applies the theme, zoom and keys, owns the feed, and applies settings live
 * (subscriptions, interface, thresholds, staleness, theme), saving them on a background thread.
 */
public final class MonitorWindow {
    private static final System.Logger LOG = System.getLogger(MonitorWindow.class.getName());
    private final Stage stage;
    private final Engine engine;
    private final Function<String, Feed> feedFactory;
    private final SettingsStore store;
    private final MainController ui;
    private final Scene scene;
    private final ExecutorService saver = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "settings-writer");
        t.setDaemon(true);
        return t;
    });
    private Feed feed;
    private final MonitorWiring wiring;
    /** /metrics of the live engine when the settings give an address (scrapes read its snapshot, never the FX thread). */
    private final SnapshotCollector collector;
    private final MetricsEndpoint metrics;
    private final org.gapwatch.remote.ProbePoller probes;
    private Settings settings;
    private boolean applying;
    /** Where the recent ring writes, once started; null before. */
    private java.nio.file.Path recentRoot;
    private boolean closed;

    /**
     * @param feedFactory makes a feed on the named interface (null: the system's choice)
     * @param store       where settings are saved, or null not to save them
     */
    public MonitorWindow(Stage stage, Engine engine, Function<String, Feed> feedFactory, Settings initial,
                         SettingsStore store) {
        this(stage, engine, feedFactory, initial, store, new org.gapwatch.fault.ErrorLog(
                org.gapwatch.fault.ErrorLog.defaultFile(), line -> LOG.log(System.Logger.Level.WARNING, line),
                java.time.InstantSource.system()));
    }

    /** @param errorLog where the display's and the view models' errors are logged (errors.log; tests: their own) */
    MonitorWindow(Stage stage, Engine engine, Function<String, Feed> feedFactory, Settings initial,
                  SettingsStore store, org.gapwatch.fault.ErrorLog errorLog) {
        this.stage = stage;
        this.engine = engine;
        this.feedFactory = feedFactory;
        this.store = store;
        this.settings = initial;
        FXMLLoader loader = new FXMLLoader(MonitorWindow.class.getResource("MainWindow.fxml"));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ui = loader.getController();
        ui.init(this, engine, errorLog);
        feed = openFeed(feedFactory, initial.networkInterface());
        for (String g : initial.groups()) {
            feed.join(g).whenComplete((ok, err) -> {
                if (err != null) {
                    LOG.log(System.Logger.Level.WARNING, message(err));
                }
            });
        }
        wiring = new MonitorWiring(this, ui, stage, engine, feed);
        wiring.setReplayConfig(this::replayConfig);
        // Probes elsewhere: polled off the FX thread; the live judgement consults them, the detail view shows them.
        probes = new org.gapwatch.remote.ProbePoller(initial.probes(), System::currentTimeMillis,
                org.gapwatch.fault.Faults.toDefaultLog(line -> LOG.log(System.Logger.Level.WARNING, line))).start();
        ui.liveJudging().consult(probes::latest);
        wiring.detail.setRemoteViews(probes::latest);
        collector = new SnapshotCollector(engine::snapshot, () -> ui.liveJudging().latest(),
                SnapshotCollector.DEFAULT_MAX_SOURCE_SERIES, SourceLabels.DEFAULT,
                SnapshotCollector.Thresholds.ofPercent(initial.lossWarnPercent(), initial.lossAlarmPercent()));
        metrics = new MetricsEndpoint(collector, null);
        if (initial.metricsAddress() != null) {
            try {
                metrics.moveTo(MetricsAddress.parse(initial.metricsAddress()));
                LOG.log(System.Logger.Level.INFO, "metrics on " + metrics.url());
            } catch (RuntimeException e) {
                // The monitor starts all the same; the settings dialog shows the address to correct.
                LOG.log(System.Logger.Level.WARNING, e.getMessage());
            }
        }
        scene = new Scene(root);
        scene.getStylesheets().add(css("gapwatch.css"));
        keys();
        applying = true;
        applySettings(initial);
        applying = false;
        stage.setScene(scene); // the title follows replay mode (see MonitorWiring)
        restoreBounds(initial.window());
        stage.setOnHidden(e -> close());
    }

    /**
     * The feed on the wanted interface; if that fails (an interface that is gone), one line on stderr and the
     * system's default; if that fails too, a window without a feed rather than no window.
     */
    private static Feed openFeed(Function<String, Feed> factory, String networkInterface) {
        try {
            return factory.apply(networkInterface);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, message(e) + (networkInterface != null
                    ? "; using the default interface" : ""));
        }
        if (networkInterface != null) {
            try {
                return factory.apply(null);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, message(e));
            }
        }
        return Feed.none();
    }

    private static String css(String name) {
        return MonitorWindow.class.getResource(name).toExternalForm();
    }

    public Stage stage() {
        return stage;
    }

    public Scene scene() {
        return scene;
    }

    MainController controller() {
        return ui;
    }

    Feed feed() {
        return feed;
    }

    public Settings settings() {
        return settings;
    }

    /** Pulse times (ns), frame intervals (ns) and arrival-to-pulse (ms) of this window. */
    public PulseStats pulseNanos() {
        return ui.pulseNanos;
    }

    /** The pulse's work in the wall and table (ns), and in the rest: status bar and pulse listeners (ns). */
    public PulseStats viewNanos() {
        return ui.viewNanos;
    }

    public PulseStats restNanos() {
        return ui.restNanos;
    }

    /** The longest single part of a pulse (for the bench). */
    public SlowestPart slowestPart() {
        return ui.slowestPart;
    }

    public PulseStats frameGapNanos() {
        return ui.frameGapNanos;
    }

    public PulseStats arrivalToPulseMillis() {
        return ui.arrivalToPulseMillis;
    }

    // ---- where the other components plug in ----

    /** Called on the FX thread once per pulse with the snapshot the window drew from. Must be cheap. */
    @FunctionalInterface
    public interface PulseListener {
        void pulse(org.gapwatch.track.TrackerSnapshot snapshot, long nowMillis);
    }

    /**
     * Runs {@code l} in the window's one pulse loop (no second AnimationTimer needed), inside the pulse's fault
     * boundary: an error in it is counted, logged once (errors.log) and said on the status bar as a display fault
     * in {@code name} ("episode banner"), and the rest of the pulse still runs.
     */
    public void addPulseListener(String name, PulseListener l) {
        ui.addPulseListener(name, l);
    }

    /**
     * The selected source's {@code src}, shared by wall, table and detail. Components set it to select (the wall
     * and table follow) and listen to it to follow the selection. Null: nothing selected.
     */
    public javafx.beans.property.ObjectProperty<String> selectedSourceProperty() {
        return ui.selectedSrc;
    }

    /** Puts {@code content} (e.g. {@code ui.detail.DetailPane}) into the dock's "Detail" tab, replacing the interim one. */
    public void setDetailContent(javafx.scene.Node content) {
        MainController.replace(ui.detailSlot, content);
    }

    /** Puts {@code content} (e.g. {@code ui.alarm.AlarmListView}) into the dock's "Alarms" tab. */
    public void setAlarmContent(javafx.scene.Node content) {
        MainController.replace(ui.alarmSlot, content);
    }

    /** Puts {@code content} (e.g. {@code ui.heatmap.HeatmapView}) into the dock's "Loss heatmap" tab. */
    public void setHeatmapContent(javafx.scene.Node content) {
        MainController.replace(ui.heatmapSlot, content);
    }

    /** The shared filter's current value (for components that list sources, e.g. the heatmap's rows). */
    public SourceFilter filter() {
        return ui.filter();
    }

    private org.gapwatch.track.TrackerConfig replayConfig() {
        return new org.gapwatch.track.TrackerConfig(org.gapwatch.track.TrackerConfig.DEFAULT_MAX_SOURCES,
                settings.defaultStaleMillis(), 1_000);
    }

    /**
     * Starts the always-on recent ring under {@code root} (the desktop app: {@code $XDG_STATE_HOME/gapwatch/recent})
     * with the settings' bounds; a change of them in the settings restarts it. Returns at once.
     */
    public void startRecentRing(java.nio.file.Path root) {
        recentRoot = root;
        wiring.startRecent(root, bounds(settings));
    }

    private static org.gapwatch.capture.RingBounds bounds(Settings s) {
        return org.gapwatch.capture.RingBounds.of(s.recent().minutes(), s.recent().mebibytes());
    }

    /** Asks for a capture (Ctrl+O) and replays it in this window; the live receiver keeps running. */
    public void openCapture() {
        try {
            wiring.openCapture(replayConfig());
        } catch (RuntimeException e) {
            SettingsDialog.error(stage, "Cannot replay the capture: " + message(e));
        }
    }

    /** Leaves a replay (Ctrl+L): every view shows the live engine again. */
    public void backToLive() {
        wiring.backToLive();
    }

    MonitorWiring wiring() {
        return wiring;
    }

    public void show(boolean fullscreen, Runnable onFirstFrame) {
        stage.setFullScreenExitHint("F11 leaves full screen");
        // A kiosk: Esc (which also clears a selection) must not leave full screen; F11 does (see keys()).
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        if (fullscreen) {
            // Also cover the screen by size, for kiosk displays without a window manager.
            Rectangle2D b = Screen.getPrimary().getBounds();
            stage.setX(b.getMinX());
            stage.setY(b.getMinY());
            stage.setWidth(b.getWidth());
            stage.setHeight(b.getHeight());
        }
        stage.setFullScreen(fullscreen);
        stage.show();
        ui.start(onFirstFrame);
        ui.focusView(); // arrow keys move the selection from the start, not a text cursor
    }

    private void keys() {
        var acc = scene.getAccelerators();
        // Function keys as a filter, so that no focused control (a table uses F2 to edit) can swallow them.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            switch (e.getCode()) {
                case F2 -> ui.toggleView();
                case F3 -> ui.showDock(!ui.split.getItems().contains(ui.dock));
                case F4 -> wiring.showTab(ui.alarmTab);
                case F11 -> stage.setFullScreen(!stage.isFullScreen());
                default -> {
                    return;
                }
            }
            e.consume();
        });
        acc.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), ui::focusFilter);
        acc.put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::openCapture);
        acc.put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), wiring::backToLive);
        acc.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), wiring::toggleRecord);
        acc.put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), wiring::acknowledgeSelected);
        acc.put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                wiring::acknowledgeEpisode);
        acc.put(new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                wiring::acknowledgeAll);
        acc.put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                wiring::exportAlarms);
        acc.put(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN), () -> wiring.showTab(ui.detailTab));
        acc.put(new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN), () -> wiring.showTab(ui.alarmTab));
        acc.put(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN),
                () -> wiring.showTab(ui.heatmapTab));
        acc.put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN),
                () -> ui.problemsOnly.setSelected(!ui.problemsOnly.isSelected()));
        acc.put(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN), this::openSettings);
        acc.put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN),
                () -> ui.historyButton.setSelected(!ui.historyButton.isSelected()));
        acc.put(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN), () -> zoom(1.0));
        acc.put(new KeyCodeCombination(KeyCode.NUMPAD0, KeyCombination.SHORTCUT_DOWN), () -> zoom(1.0));
        // Ctrl + and Ctrl - arrive as different key codes on different keyboards: match on the typed text too.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!e.isShortcutDown()) {
                return;
            }
            KeyCode c = e.getCode();
            if (c == KeyCode.PLUS || c == KeyCode.EQUALS || c == KeyCode.ADD) {
                zoom(settings.zoom() * 1.1);
                e.consume();
            } else if (c == KeyCode.MINUS || c == KeyCode.SUBTRACT) {
                zoom(settings.zoom() / 1.1);
                e.consume();
            }
        });
    }

    /**
     * How much larger than at 1920x1080 everything is drawn: the screen's size over 1920x1080 (2 on a 3840x2160
     * screen, never below 1), or {@code -Dgapwatch.displayScale=F}. The zoom setting (Ctrl + / Ctrl -) multiplies it.
     */
    static double displayScale() {
        String forced = System.getProperty("gapwatch.displayScale");
        if (forced != null) {
            try {
                return Math.clamp(Double.parseDouble(forced), 0.5, 4);
            } catch (NumberFormatException e) {
                LOG.log(System.Logger.Level.WARNING, "gapwatch.displayScale is not a number: " + forced);
            }
        }
        Rectangle2D b = Screen.getPrimary().getBounds();
        return Math.clamp(Math.min(b.getWidth() / 1920, b.getHeight() / 1080), 1, 4);
    }

    void zoom(double z) {
        double clamped = Math.clamp(z, 0.5, 3.0);
        update(settings.withZoom(clamped));
    }

    /** Applies {@code s} to the running window and saves it. */
    public void update(Settings s) {
        applySettings(s);
        save();
    }

    private void applySettings(Settings s) {
        // First, so that an address that cannot be served leaves every setting as it was.
        if (!java.util.Objects.equals(settings.metricsAddress(), s.metricsAddress())) {
            metrics.moveTo(s.metricsAddress() == null ? null : MetricsAddress.parse(s.metricsAddress()));
        }
        collector.configure(SnapshotCollector.DEFAULT_MAX_SOURCE_SERIES,
                SnapshotCollector.Thresholds.ofPercent(s.lossWarnPercent(), s.lossAlarmPercent()));
        Settings old = settings;
        settings = s;
        if (!old.probes().equals(s.probes())) {
            probes.setProbes(s.probes());
        }
        Application.setUserAgentStylesheet(Settings.LIGHT.equals(s.theme())
                ? new PrimerLight().getUserAgentStylesheetBSS() : new PrimerDark().getUserAgentStylesheetBSS());
        scene.getStylesheets().removeIf(u -> u.endsWith("theme-dark.css") || u.endsWith("theme-light.css"));
        scene.getStylesheets().add(css(Settings.LIGHT.equals(s.theme()) ? "theme-light.css" : "theme-dark.css"));
        ui.wall.setPalette(Palette.of(s.theme()));
        ui.table.setPalette(Palette.of(s.theme()));
        wiring.setTheme(s.theme());
        double scale = displayScale() * s.zoom();
        scene.getRoot().setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", 14 * scale));
        ui.wall.setZoom(scale);
        wiring.setScale(scale);
        ui.setDisplayScale(scale);
        ui.setJudgeConfig(org.gapwatch.judge.JudgeConfig.from(s));
        ui.setTileWidthSetting(s.tileWidth());
        ui.table.setHiddenColumns(s.hiddenColumns());
        if (Settings.TABLE.equals(s.view()) != ui.tableShown()) {
            ui.showTable(Settings.TABLE.equals(s.view()));
        }
        if (old.defaultStaleMillis() != s.defaultStaleMillis()) {
            long ms = s.defaultStaleMillis();
            engine.execute(() -> engine.trackerOnWriterThread().setDefaultStaleMillis(ms));
        }
        applySubscriptions(old, s);
        if (recentRoot != null && !old.recent().equals(s.recent())) {
            wiring.startRecent(recentRoot, bounds(s)); // a restart: the frozen moments and held segments stay
        }
    }

    private void applySubscriptions(Settings old, Settings s) {
        if (applying) {
            return; // the feed was opened with these
        }
        if (!java.util.Objects.equals(old.networkInterface(), s.networkInterface())) {
            report(feed.switchInterface(s.networkInterface()));
        }
        Set<String> before = new LinkedHashSet<>(old.groups());
        Set<String> after = new LinkedHashSet<>(s.groups());
        for (String g : before) {
            if (!after.contains(g)) {
                report(feed.leave(g));
            }
        }
        for (String g : after) {
            if (!before.contains(g)) {
                report(feed.join(g));
            }
        }
    }

    /** A failed join or leave is shown to the user (later, on the FX thread), never thrown at them. */
    private void report(CompletableFuture<Void> f) {
        f.whenComplete((ok, err) -> {
            if (err != null) {
                javafx.application.Platform.runLater(() -> SettingsDialog.error(stage, message(err)));
            }
        });
    }

    private static String message(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }

    /** Called by the controller when the user changed something that is remembered. */
    void settingsChanged() {
        if (applying || ui == null || settings == null) {
            return;
        }
        settings = settings.withView(ui.tableShown() ? Settings.TABLE : Settings.WALL)
                .withTileWidth(ui.tileWidthSetting());
        save();
    }

    private void save() {
        if (store == null) {
            return;
        }
        Settings s = settings.withHiddenColumns(ui.table.hiddenColumns()).withWindow(bounds());
        saver.execute(() -> {
            try {
                store.save(s);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot save settings to " + store.file() + ": " + e.getMessage());
            }
        });
    }

    private Settings.WindowBounds bounds() {
        return stage.getWidth() > 0 && !stage.isFullScreen()
                ? new Settings.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized())
                : settings.window();
    }

    private void restoreBounds(Settings.WindowBounds b) {
        if (b == null || !b.usable()
                || Screen.getScreensForRectangle(new Rectangle2D(b.x(), b.y(), b.width(), b.height())).isEmpty()) {
            Rectangle2D vb = Screen.getPrimary().getVisualBounds();
            stage.setWidth(Math.min(1600, vb.getWidth()));
            stage.setHeight(Math.min(900, vb.getHeight()));
            stage.setMaximized(true); // first run: a control-room screen wants all of it
            return;
        }
        stage.setX(b.x());
        stage.setY(b.y());
        stage.setWidth(b.width());
        stage.setHeight(b.height());
        stage.setMaximized(b.maximized());
    }

    public void openSettings() {
        SettingsDialog d = new SettingsDialog(stage, settings, offers(engine.snapshot()));
        d.showAndWait().ifPresent(s -> {
            try {
                update(s);
            } catch (RuntimeException e) {
                SettingsDialog.error(stage, e.getMessage());
            }
        });
    }

    /** Subscriptions the sources on the network offer (sACN discovery's universes), each once, not yet joined. */
    static List<String> offers(org.gapwatch.track.TrackerSnapshot snap) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (org.gapwatch.track.SourceView v : snap.sources()) {
            if (org.gapwatch.protocol.Protocols.known(v.protocol())) {
                String o = org.gapwatch.protocol.Protocols.get(v.protocol()).offer(v.src(), v.text());
                if (o != null) {
                    out.add(o);
                }
            }
        }
        return List.copyOf(out);
    }

    /** Applies a subscription change right away (used by the settings dialog and tests). */
    public void setGroups(List<String> groups) {
        update(settings.withGroups(new ArrayList<>(groups)));
    }

    /** Stops the pulse, closes the feed and saves. Also run when the window is hidden. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (store != null) {
            settings = settings.withHiddenColumns(ui.table.hiddenColumns());
        }
        save();
        ui.stop();
        wiring.close();
        metrics.close();
        probes.close();
        saver.shutdown();
        try {
            // The JVM exits right after the window closes: let the last save reach the disk first.
            saver.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        feed.close();
    }
}
