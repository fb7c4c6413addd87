package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.stage.Stage;
import org.gapwatch.alarm.Alarm;
import org.gapwatch.alarm.AlarmKind;
import org.gapwatch.alarm.AlarmModel;
import org.gapwatch.engine.Engine;
import org.gapwatch.fault.ErrorLog;
import org.gapwatch.settings.Settings;
import org.gapwatch.testutil.Await;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.ui.feed.Feed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window's pulse runs each part inside a fault boundary: a pulse listener that throws on every pulse is counted
 * exactly, logged once, said on the status bar and as an alarm point, and the parts after it still run.
 */
@ExtendWith(ApplicationExtension.class)
class DisplayFaultsTest {
    @TempDir
    Path dir;
    private Stage stage;
    private MonitorWindow window;
    private final List<String> echoed = new ArrayList<>();

    @Start
    void start(Stage primary) {
        stage = new Stage();
    }

    @AfterEach
    void stop() {
        TestWindows.close(window);
    }

    @Test
    void aListenerThatThrowsEveryPulseIsCountedLoggedOnceAndSaidWhileTheOthersRun() throws Exception {
        Path file = dir.resolve("errors.log");
        ErrorLog log = new ErrorLog(file, line -> {
            synchronized (echoed) {
                echoed.add(line);
            }
        }, java.time.InstantSource.system());
        Engine engine = new Engine(TrackerConfig.defaults());
        AtomicLong thrown = new AtomicLong();
        AtomicLong before = new AtomicLong();
        AtomicLong after = new AtomicLong();
        window = Await.onFx(() -> {
            MonitorWindow m = new MonitorWindow(stage, engine, iface -> Feed.none(),
                    Settings.defaults().withGroups(List.of()), null, log);
            m.addPulseListener("counter before", (snap, now) -> before.incrementAndGet());
            m.addPulseListener("broken part", (snap, now) -> {
                thrown.incrementAndGet();
                throw new java.util.NoSuchElementException("no source has lost yet");
            });
            m.addPulseListener("counter after", (snap, now) -> after.incrementAndGet());
            stage.setWidth(1000);
            stage.setHeight(800);
            m.show(false, null);
            return m;
        });
        // Past the 100 exceptions after which JavaFX stops saying anything about an AnimationTimer.
        Await.fx("150 pulses", () -> thrown.get() >= 150);
        long[] seen = Await.onFx(() -> new long[] {thrown.get(), before.get(), after.get(),
                ui().displayFaults().count("broken part")});
        String text = Await.onFx(() -> ui().status().displayFaultLabel().getText());
        boolean shown = Await.onFx(() -> ui().status().displayFaultLabel().isVisible());
        assertEquals(seen[0], seen[3], "each throw counted once");
        assertEquals(seen[0], seen[1], "the listener before it ran every pulse");
        assertEquals(seen[0], seen[2], "the listener after it ran every pulse");
        assertEquals("⚠ display fault in broken part ×" + seen[0] + " — see errors.log", text);
        assertTrue(shown, "the status bar shows it");
        Await.onFx(() -> org.gapwatch.testutil.Screenshots.write(window.scene(), "display-fault"));
        assertTrue(Await.onFx(() -> ui().status().displayFaultLabel().getStyleClass().contains("alarm")),
                "in the alarm colour");
        // The views went on too: the pulse measured itself every time.
        assertTrue(Await.onFx(() -> window.pulseNanos().count()) >= seen[0], "every pulse ran to its end");

        String logged = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(1, count(logged, "gapwatch: error in display (broken part): NoSuchElementException: no source"
                + " has lost yet"), logged);
        assertEquals(1, count(logged, "java.util.NoSuchElementException: no source has lost yet"), "one trace");
        synchronized (echoed) {
            assertEquals(1, echoed.stream().filter(l -> l.contains("display (broken part)")).count(), echoed.toString());
        }

        Alarm point = Await.value("the display's alarm point", () -> Await.onFx(() ->
                window.wiring().liveAlarmModel().point(AlarmModel.DISPLAY, AlarmKind.DISPLAY)));
        assertNotNull(point);
        assertTrue(point.active(), "active");
        assertEquals("display fault in broken part — see errors.log", point.detail());
    }

    @Test
    void theViewModelsThreadsErrorsAndSeveralPartsAreSaidTogether() {
        List<String> lines = new ArrayList<>();
        DisplayFaults faults = new DisplayFaults(ErrorLog.echoOnly(lines::add));
        java.util.concurrent.atomic.AtomicLong modelErrors = new java.util.concurrent.atomic.AtomicLong();
        faults.watch("view models", modelErrors::get);
        assertEquals(null, faults.text(), "nothing failed: nothing said");
        assertTrue(faults.run("wall", () -> { }));
        for (int i = 0; i < 3; i++) {
            assertEquals(false, faults.run("heatmap", () -> {
                throw new IllegalStateException("no rows");
            }));
        }
        modelErrors.set(2); // counted (and logged) by the view-models thread's own LoopRunner
        assertEquals("display fault in heatmap ×3, view models ×2 — see errors.log", faults.text());
        assertEquals("display fault in heatmap, view models — see errors.log", faults.problem());
        assertEquals(3, faults.count("heatmap"));
        assertEquals(0, faults.count("wall"));
        assertEquals(1, lines.size(), "one distinct trace, logged once: " + lines);
        assertEquals("gapwatch: error in display (heatmap): IllegalStateException: no rows", lines.getFirst());
    }

    private MainController ui() {
        return window.controller();
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
