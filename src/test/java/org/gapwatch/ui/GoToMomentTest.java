package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.gapwatch.engine.Engine;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Publisher;
import org.gapwatch.settings.Settings;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.Screenshots;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.ui.detail.GapRow;
import org.gapwatch.ui.feed.ReceiverFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Go to the moment" in the window against a real loopback stream (Publisher on lo, TTL 0): the recent ring records
 * what the window's receiver takes in; a gap row's "Go to the moment" (its menu, or a double-click) opens that moment in replay with the source
 * selected, whose detail shows the gap's exact first and last missing numbers; a moment older than the ring opens
 * nothing and says so in one line.
 */
@ExtendWith(ApplicationExtension.class)
class GoToMomentTest {
    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() % 200) * 10);
    private static final String SRC = "plant/ring/pump-1";

    private Engine engine;
    private MonitorWindow window;
    private String group;
    private Publisher publisher;
    @TempDir
    Path dir;

    @Start
    void start(Stage primary) {
        Stage stage = new Stage();
        int n = NEXT.getAndIncrement();
        group = "239.255.94." + (1 + n % 250) + ":" + (49_000 + n % 2000);
        engine = new Engine(TrackerConfig.defaults());
        Settings s = Settings.defaults().withGroups(List.of(group)).withNetworkInterface("lo");
        window = new MonitorWindow(stage, engine, iface -> new ReceiverFeed(engine, iface), s, null);
        window.startRecentRing(dir);
        stage.setWidth(1366);
        stage.setHeight(768);
        window.show(false, null);
        publisher = new Publisher(GroupSpec.parse(group), "lo", 0);
    }

    @AfterEach
    void stop() throws Exception {
        publisher.close();
        WaitForAsyncUtils.asyncFx(() -> {
            window.stage().close();
            window.close();
            javafx.application.Application.setUserAgentStylesheet(null);
        }).get();
    }

    @Test
    void aGapRowsGoToTheMomentReplaysItWithTheSourceSelectedAndTheExactGap(FxRobot robot) throws Exception {
        Await.fx("joined", () -> window.feed().status().groups().contains(group));
        assertTrue(fx(() -> window.wiring().recent.ring()).awaitOpened(Duration.ofSeconds(10)), "ring recording");
        for (long seq = 1; seq <= 150; seq++) {
            if (seq < 101 || seq > 110) {
                byte[] b = json(seq);
                assertTrue(publisher.send(b, 0, b.length));
            }
        }
        Await.fx("all 140 arrived", () -> source() != null && source().received() == 140);
        fx(() -> {
            window.selectedSourceProperty().set(SRC);
            window.wiring().showTab(window.controller().detailTab);
            return null;
        });
        Await.fx("the live gap row", () -> detail().gapRows().size() == 1);
        GapRow live = fx(() -> detail().gapRows().getFirst());
        assertEquals(List.of(101L, 110L, 10L), List.of(live.first(), live.last(), live.count()));

        // Older than the ring: one line, nothing opens.
        fx(() -> {
            window.wiring().goToMoment(SRC, live.detectedMillis() - 3_600_000,
                    Duration.ofSeconds(30), Duration.ofSeconds(30));
            return null;
        });
        String line = Await.fxValue("the one line", () -> {
            String m = window.wiring().recent.messageProperty().get();
            return m.isEmpty() ? null : m;
        });
        assertTrue(line.contains("is older than the recent ring holds: it reaches back to "), line);
        assertTrue(line.endsWith("back). Nothing opened."), line);
        assertFalse(fx(() -> window.wiring().mode.isReplaying()));

        Node row = Await.fxValue("the gap row on screen", () -> detail().lookupAll(".table-row-cell").stream()
                .filter(r -> r instanceof TableRow<?> t && t.getItem() != null).findFirst().orElse(null));
        javafx.scene.control.MenuItem go = fx(() -> ((TableRow<?>) row).getContextMenu().getItems().getFirst());
        assertEquals("gap-go-to-moment", go.getId());
        assertEquals("Go to the moment (replay)", go.getText());
        // The row's own menu item (the headless platform makes no double-clicks: its multi-click time is 0).
        fx(() -> {
            go.fire();
            return null;
        });

        Await.until(() -> "replay mode; the ring says: " + window.wiring().recent.messageProperty().get(),
                () -> fx(() -> window.wiring().mode.isReplaying()));
        Path file = fx(() -> window.wiring().mode.fileProperty().get());
        assertTrue(file.getFileName().toString().startsWith("moment-"), file.toString());
        assertTrue(file.startsWith(dir), "frozen beside the ring");
        assertTrue(Files.size(file) > 0);
        // Selected once the replay's engine has the source (the live selection goes with the live engine's views).
        Await.until(() -> "the source is selected (" + Await.onFx(() -> "selected "
                        + window.selectedSourceProperty().get() + ", waiting to be indexed "
                        + window.controller().pendingSelection() + ", replay at "
                        + window.wiring().replayBar().progressProperty().get()) + ")",
                () -> fx(() -> SRC.equals(window.selectedSourceProperty().get())));
        assertTrue(fx(() -> window.controller().detailTab.isSelected()));
        assertTrue(fx(() -> window.wiring().frozenMoment() != null), "Save moment as… offered");
        // The replay plays into the moment: the detail, now on the replay's engine, shows the gap as live did.
        Await.fx("the replayed gap row", () -> detail().gapRows().size() == 1
                && detail().gapRows().getFirst().first() == 101);
        GapRow replayed = fx(() -> detail().gapRows().getFirst());
        assertEquals(List.of(101L, 110L, 10L, 10L, live.detectedMillis()), List.of(replayed.first(),
                replayed.last(), replayed.count(), replayed.lost(), replayed.detectedMillis()));
        assertNotNull(fx(() -> window.wiring().replayEngine()));
        fx(() -> Screenshots.write(window.scene(), "go-to-moment-1366"));
    }

    /** Settings change the ring's bounds while a frozen moment replays: it stays, and a seek back to its start works. */
    @Test
    void newRingBoundsInSettingsKeepTheFrozenMomentBeingReplayed() throws Exception {
        Await.fx("joined", () -> window.feed().status().groups().contains(group));
        org.gapwatch.capture.RecentRecording first = fx(() -> window.wiring().recent.ring());
        assertTrue(first.awaitOpened(Duration.ofSeconds(10)), "ring recording");
        for (long seq = 1; seq <= 50; seq++) {
            byte[] b = json(seq);
            assertTrue(publisher.send(b, 0, b.length));
        }
        Await.fx("all 50 arrived", () -> source() != null && source().received() == 50);
        long moment = System.currentTimeMillis();
        fx(() -> {
            window.wiring().goToMoment(SRC, moment, Duration.ofSeconds(30), Duration.ofSeconds(30));
            return null;
        });
        Await.until(() -> "replay mode; the ring says: " + window.wiring().recent.messageProperty().get(),
                () -> fx(() -> window.wiring().mode.isReplaying()));
        Path file = fx(() -> window.wiring().frozenMoment());
        org.gapwatch.ui.capture.ReplayBar bar = fx(() -> window.wiring().replayBar());
        Await.fx("played to the end", () -> bar.progressProperty().get() != null
                && bar.progressProperty().get().state() == org.gapwatch.capture.Replayer.State.FINISHED);

        fx(() -> {
            window.update(window.settings().withRecent(new Settings.Recent(4, 128)));
            return null;
        });
        org.gapwatch.capture.RecentRecording second = fx(() -> window.wiring().recent.ring());
        assertTrue(second != first && second.bounds().equals(org.gapwatch.capture.RingBounds.of(4, 128)),
                "restarted with the new bounds");
        assertTrue(second.awaitOpened(Duration.ofSeconds(10)), "the new ring records");
        assertTrue(Files.exists(file), "the frozen moment being replayed is kept");
        assertEquals(file, fx(() -> window.wiring().frozenMoment()), "still replaying it");

        long start = fx(() -> bar.progressProperty().get().startNanos());
        fx(() -> {
            bar.pause();
            bar.seek(start); // backwards: the file is opened again
            return null;
        });
        Await.fx("back at its start", () -> bar.progressProperty().get().state()
                == org.gapwatch.capture.Replayer.State.PAUSED && bar.progressProperty().get().positionNanos() == start);
        fx(() -> {
            bar.play();
            return null;
        });
        // The progress in the message: a run that once timed out here (full suite, 2026-12-04) said nothing more.
        Await.until(() -> "played again to the end; progress " + bar.progressProperty().get(), // read off FX: a message
                () -> fx(() -> bar.progressProperty().get().state() == org.gapwatch.capture.Replayer.State.FINISHED
                        && bar.progressProperty().get().fed() == 50));
        assertEquals(null, fx(() -> bar.progressProperty().get().error()));
    }

    private static byte[] json(long seq) {
        return ("{\"v\":1,\"src\":\"" + SRC + "\",\"seq\":" + seq + ",\"value\":" + (40 + seq)
                + ",\"unit\":\"°C\",\"status\":\"ok\",\"interval\":60000}").getBytes(StandardCharsets.UTF_8);
    }

    private org.gapwatch.ui.detail.DetailPane detail() {
        return window.wiring().detail;
    }

    private SourceView source() {
        for (SourceView v : engine.snapshot().sources()) {
            if (v.src().equals(SRC)) {
                return v;
            }
        }
        return null;
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }
}
