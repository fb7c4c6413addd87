package org.gapwatch.ui;

import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.gapwatch.demo.DemoPublisher;
import org.gapwatch.engine.Engine;
import org.gapwatch.settings.Settings;
import org.gapwatch.settings.SettingsStore;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.ui.feed.ReceiverFeed;

/** Starts the desktop monitor: settings from the user's file, overridden by the command line. */
public final class DesktopLauncher {
    private static final System.Logger LOG = System.getLogger(DesktopLauncher.class.getName());
    private static volatile UiOptions options;
    /** Where the results of --smoke-test and --bench-ui go: the command's own output. */
    private static volatile PrintWriter out = new PrintWriter(Writer.nullWriter());

    private DesktopLauncher() {
    }

    public static void launch(UiOptions uiOptions, PrintWriter commandOutput) {
        options = uiOptions;
        out = commandOutput;
        new Thread(() -> Application.launch(App.class), "fx-launcher").start();
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** Saved settings with the command line's choices on top. */
    static Settings effectiveSettings(Settings saved, UiOptions o) {
        Settings s = saved;
        if (o.demo()) {
            s = s.withGroups(DemoPublisher.GROUPS).withNetworkInterface("lo");
        }
        if (o.benchSeconds() > 0) {
            s = s.withGroups(List.of(UiBench.GROUP)).withNetworkInterface("lo").withView(Settings.WALL);
        }
        if (o.groups() != null && !o.groups().isEmpty()) {
            s = s.withGroups(new ArrayList<>(o.groups()));
        }
        if (o.networkInterface() != null) {
            s = s.withNetworkInterface(o.networkInterface());
        }
        return s;
    }

    public static final class App extends Application {
        private DemoPublisher demo;

        @Override
        public void start(Stage stage) {
            long entered = sinceJvmStart();
            UiOptions o = options != null ? options
                    : new UiOptions(List.of(), null, false, false, TrackerConfig.DEFAULT_MAX_SOURCES, false);
            SettingsStore store = SettingsStore.forUser();
            Settings saved = store.load(problem -> LOG.log(System.Logger.Level.WARNING, problem));
            Settings s = effectiveSettings(saved, o);
            Engine engine = new Engine(new TrackerConfig(o.maxSources(), s.defaultStaleMillis(), 1_000));
            engine.setResources(org.gapwatch.files.MappingFiles::read);
            if (o.demo()) {
                try {
                    demo = new DemoPublisher(System.nanoTime()).start();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "cannot start the demo publisher: " + e.getMessage());
                }
            }
            // The command line's groups are for this run: they are not written back over the saved ones.
            boolean saveAllowed = !o.demo() && o.benchSeconds() == 0 && (o.groups() == null || o.groups().isEmpty())
                    && o.networkInterface() == null && !o.smokeTest();
            MonitorWindow w = new MonitorWindow(stage, engine, iface -> new ReceiverFeed(engine, iface), s,
                    saveAllowed ? store : null);
            if (!o.smokeTest() && o.benchSeconds() == 0) {
                w.startRecentRing(org.gapwatch.capture.RecentRecording.defaultRoot()); // always on in the monitor
            }
            long built = sinceJvmStart();
            if (o.benchSeconds() > 0) {
                new UiBench(w, engine, o.benchSources(), o.benchRate(), o.benchSeconds(), o.benchWarmupSeconds(),
                        out).start();
            }
            w.show(o.fullscreen(), () -> {
                if (o.smokeTest()) {
                    out.println("gapwatch: first frame after " + sinceJvmStart() + " ms (FX start at "
                            + entered + " ms, window built at " + built + " ms)");
                    out.flush();
                    Platform.exit();
                    System.exit(0);
                }
            });
        }

        @Override
        public void stop() {
            if (demo != null) {
                demo.close();
            }
            Platform.runLater(() -> { });
            System.exit(0);
        }
    }
}
