package org.gapwatch.ui.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.gapwatch.capture.CaptureFilter;
import org.gapwatch.capture.PcapWriter;
import org.gapwatch.capture.Replayer;
import org.gapwatch.engine.Engine;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.Screenshots;
import org.gapwatch.track.Totals;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ReplayBarTest {
    static final InetSocketAddress SENDER = new InetSocketAddress("10.0.0.7", 40000);
    static final InetSocketAddress GROUP = new InetSocketAddress("239.255.3.3", 5000);
    /** 2026-11-27 03:12:05 UTC. */
    static final long T0 = Instant.parse("2026-11-27T03:12:05Z").getEpochSecond() * 1_000_000_000L;
    static final long STEP = 100_000_000L;

    record Datagram(long nanos, byte[] payload) {
    }

    /**
     * Two sources alternating every 100 ms for 60 s, seq 1..300 each; plant/b never sends 10, 20 ... 300: 29 gaps
     * (300 is the end, not a gap), 570 datagrams, the last at 03:13:04.800.
     */
    static List<Datagram> stream() {
        List<Datagram> out = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String src = i % 2 == 0 ? "plant/a" : "plant/b";
            int seq = i / 2 + 1;
            if (src.equals("plant/b") && seq % 10 == 0) {
                continue;
            }
            String json = "{\"src\":\"" + src + "\",\"seq\":" + seq + ",\"value\":" + seq + "}";
            out.add(new Datagram(T0 + i * STEP, json.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    static Totals live(List<Datagram> ds) {
        Engine e = new Engine(TrackerConfig.defaults());
        for (Datagram d : ds) {
            e.datagram(d.payload(), 0, d.payload().length, SENDER, d.nanos() / 1_000_000);
        }
        return e.trackerOnWriterThread().totals();
    }

    @TempDir
    Path dir;

    private final List<Datagram> stream = stream();
    private final Engine engine = new Engine(TrackerConfig.defaults());
    private final ReplayMode mode = new ReplayMode();
    private ReplayBar bar;
    private VBox root;
    private Scene scene;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Label views = new Label("(the views draw from the replay engine here)");
        views.setStyle("-fx-text-fill: #888; -fx-font-size: 18px; -fx-padding: 40;");
        VBox.setVgrow(views, Priority.ALWAYS);
        root = new VBox(new ReplayBanner(mode), views);
        root.setStyle("-fx-background-color: #1e1e1e;");
        scene = new Scene(root, 1600, 300);
        stage.titleProperty().bind(mode.windowTitle("Gapwatch"));
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void closeBar() {
        if (bar != null) {
            Await.onFx(() -> {
                bar.close();
                return null;
            });
        }
    }

    private Path capture() throws IOException {
        Path file = dir.resolve("replay.pcap");
        try (PcapWriter w = new PcapWriter(file, msg -> { throw new AssertionError(msg); })) {
            for (Datagram d : stream) {
                w.datagram(d.payload(), 0, d.payload().length, SENDER, GROUP, d.nanos());
            }
        }
        return file;
    }

    private void open(Path file, double speed, boolean paused) {
        Await.onFx(() -> {
            bar = new ReplayBar(file, engine, mode, CaptureFilter.multicast(), speed, paused);
            bar.setZone(ZoneOffset.UTC);
            root.getChildren().add(bar);
            return null;
        });
    }

    private Replayer.State state() {
        return Await.onFx(() -> bar.progressProperty().get().state());
    }

    private void awaitState(Replayer.State s) {
        Await.fx("state " + s, () -> bar.progressProperty().get().state() == s);
    }

    private String text(String id) {
        return Await.onFx(() -> ((Label) scene.lookup(id)).getText());
    }

    private String buttonText(String id) {
        return Await.onFx(() -> ((Button) scene.lookup(id)).getText());
    }

    @Test
    void asFastAsPossibleEndsWithTheExactTotalsAndSaysReplayEverywhere() throws Exception {
        assertFalse(Await.onFx(() -> scene.lookup("#replay-banner").isVisible()));
        assertEquals("Gapwatch", Await.onFx(stage::getTitle));
        open(capture(), Replayer.AS_FAST_AS_POSSIBLE, false);
        awaitState(Replayer.State.FINISHED);

        Totals t = engine.snapshot().totals();
        assertEquals(570, t.received());
        assertEquals(29, t.lost());
        assertEquals(live(stream), t);
        assertEquals("570 / 570 datagrams", text("#replay-fed"));
        assertEquals("FINISHED", text("#replay-state"));
        assertEquals("2026-11-27 03:13:04.800", text("#replay-position"));
        assertEquals("2026-11-27 03:12:05", text("#replay-start"));
        assertEquals("2026-11-27 03:13:04", text("#replay-end"));
        assertEquals("▶ Again", buttonText("#replay-play"));
        assertEquals(59_800.0, Await.onFx(() -> ((Slider) scene.lookup("#replay-slider")).getValue()));

        assertTrue(Await.onFx(() -> scene.lookup("#replay-banner").isVisible()));
        assertEquals("REPLAY — replay.pcap — 2026-11-27 03:13:04 — FINISHED", text("#replay-banner"));
        assertEquals("REPLAY — replay.pcap — Gapwatch", Await.onFx(stage::getTitle));
        assertTrue(Await.onFx(() -> mode.isReplaying() && bar.replayingProperty().get()));
        Await.onFx(() -> Screenshots.write(scene, "replay-bar-finished"));

        Await.onFx(() -> {
            bar.close();
            return null;
        });
        assertFalse(Await.onFx(() -> scene.lookup("#replay-banner").isVisible()));
        assertEquals("Gapwatch", Await.onFx(stage::getTitle));
        assertFalse(Await.onFx(() -> mode.isReplaying() || bar.replayingProperty().get()));
        assertNull(Await.onFx(() -> mode.bar()));
        assertEquals(Replayer.State.CLOSED, state());
        assertEquals("CLOSED", text("#replay-state"));
    }

    @Test
    void pauseAndPlayToggleTheReplay(FxRobot robot) throws Exception {
        open(capture(), 1, false);
        awaitState(Replayer.State.PLAYING);
        assertEquals("PLAYING 1×", text("#replay-state"));
        assertTrue(text("#replay-banner").matches("REPLAY — replay\\.pcap — 2026-11-27 03:12:0\\d"),
                text("#replay-banner"));
        assertEquals("❚❚ Pause", buttonText("#replay-play"));
        Await.onFx(() -> Screenshots.write(scene, "replay-bar-playing"));

        robot.clickOn("#replay-play");
        awaitState(Replayer.State.PAUSED);
        Await.fx("PAUSED shown", () -> "PAUSED".equals(((Label) scene.lookup("#replay-state")).getText()));
        assertEquals("▶ Play", buttonText("#replay-play"));
        long fed = Await.onFx(() -> bar.progressProperty().get().fed());
        long position = Await.onFx(() -> bar.progressProperty().get().positionNanos());
        Await.onFx(() -> Screenshots.write(scene, "replay-bar-paused"));

        robot.clickOn("#replay-play");
        awaitState(Replayer.State.PLAYING);
        assertEquals("❚❚ Pause", buttonText("#replay-play"));
        Await.fx("the clock moves on", () -> bar.progressProperty().get().positionNanos() > position);
        assertTrue(Await.onFx(() -> bar.progressProperty().get().fed()) >= fed);
    }

    @Test
    void seekingBackwardsStartsAfreshAndPlaysToTheSameEnd(FxRobot robot) throws Exception {
        open(capture(), Replayer.AS_FAST_AS_POSSIBLE, false);
        awaitState(Replayer.State.FINISHED);
        Totals end = engine.snapshot().totals();
        assertEquals(live(stream), end);

        Await.onFx(() -> {
            bar.pause();
            ((Slider) scene.lookup("#replay-slider")).setValue(30_000); // 03:12:35
            return null;
        });
        awaitState(Replayer.State.PAUSED);
        List<Datagram> prefix = stream.stream().filter(d -> d.nanos() <= T0 + 30_000_000_000L).toList();
        assertEquals(prefix.size(), Await.onFx(() -> bar.progressProperty().get().fed()));
        assertEquals(T0 + 30_000_000_000L, Await.onFx(() -> bar.progressProperty().get().positionNanos()));
        Await.fx("prefix totals", () -> engine.snapshot().totals().received() == 286);
        assertEquals(live(prefix), engine.snapshot().totals());
        assertEquals(14, engine.snapshot().totals().lost()); // plant/b: 10, 20 ... 140
        Await.fx("position shown", () -> "2026-11-27 03:12:35.000".equals(
                ((Label) scene.lookup("#replay-position")).getText()));
        assertEquals("PAUSED", text("#replay-state"));
        assertEquals("REPLAY — replay.pcap — 2026-11-27 03:12:35 — PAUSED", text("#replay-banner"));

        robot.clickOn("#replay-play");
        awaitState(Replayer.State.FINISHED);
        assertEquals(end, engine.snapshot().totals());
        assertEquals("570 / 570 datagrams", text("#replay-fed"));

        // Again: from the start once more, to the same end.
        var finished = engine.snapshot();
        robot.clickOn("#replay-play");
        // At the end nothing new is published; a new snapshot at the end means it was played again.
        Await.fx("replayed from the start", () -> bar.progressProperty().get().state() == Replayer.State.FINISHED
                && engine.snapshot() != finished && engine.snapshot().version() > finished.version());
        assertEquals(end, engine.snapshot().totals());
    }

    @Test
    void draggingTheSliderBackMovesTheReplayBack(FxRobot robot) throws Exception {
        open(capture(), Replayer.AS_FAST_AS_POSSIBLE, false);
        awaitState(Replayer.State.FINISHED);
        Await.onFx(() -> {
            bar.pause();
            return null;
        });
        // The thumb exists once the slider's skin is made, on a layout pass that may still be pending.
        Await.fx("slider thumb", () -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return scene.lookup("#replay-slider").lookup(".thumb") != null;
        });
        robot.drag("#replay-slider .thumb", javafx.scene.input.MouseButton.PRIMARY).moveBy(-400, 0)
                .release(javafx.scene.input.MouseButton.PRIMARY);
        Await.fx("paused before the end", () -> bar.progressProperty().get().state() == Replayer.State.PAUSED);
        long position = Await.onFx(() -> bar.progressProperty().get().positionNanos());
        assertTrue(position < T0 + 59_800_000_000L && position > T0, "position " + position);
        long expected = stream.stream().filter(d -> d.nanos() <= position).count();
        assertEquals(expected, Await.onFx(() -> bar.progressProperty().get().fed()));
    }

    @Test
    void aFileThatIsNoCaptureFailsWithOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.pcap"), "these are no packets, just text");
        open(file, 1, false);
        awaitState(Replayer.State.FAILED);
        String s = text("#replay-state");
        assertEquals("FAILED: notes.pcap is not a pcap or pcapng capture (starts with 0x74686573)", s);
        assertTrue(Await.onFx(() -> scene.lookup("#replay-slider").isDisabled()));
        assertTrue(Await.onFx(() -> scene.lookup("#replay-play").isDisabled()));
        assertEquals("▶ Play", buttonText("#replay-play"));
        assertEquals("REPLAY — notes.pcap — FAILED", text("#replay-banner"));
        Await.onFx(() -> Screenshots.write(scene, "replay-bar-failed"));
    }

    @Test
    void openingASecondCaptureClosesTheFirstAndTheBannerNamesTheSecond() throws Exception {
        Path first = capture();
        Path second = Files.copy(first, dir.resolve("second.pcap"));
        open(first, 1, true);
        awaitState(Replayer.State.PAUSED);
        ReplayBar firstBar = bar;
        Engine other = new Engine(TrackerConfig.defaults());
        Await.onFx(() -> {
            bar = new ReplayBar(second, other, mode, CaptureFilter.multicast(), Replayer.AS_FAST_AS_POSSIBLE, false);
            bar.setZone(ZoneOffset.UTC);
            root.getChildren().remove(firstBar);
            root.getChildren().add(bar);
            return null;
        });
        assertFalse(Await.onFx(() -> firstBar.replayingProperty().get()));
        assertEquals(Replayer.State.CLOSED, Await.onFx(() -> firstBar.progressProperty().get().state()));
        awaitState(Replayer.State.FINISHED);
        assertTrue(Await.onFx(() -> mode.isReplaying() && mode.bar() == bar));
        assertEquals("REPLAY — second.pcap — 2026-11-27 03:13:04 — FINISHED", text("#replay-banner"));
        assertEquals(live(stream), other.snapshot().totals());
        assertEquals(0, engine.snapshot().totals().received(), "the first engine was never played");
    }
}
