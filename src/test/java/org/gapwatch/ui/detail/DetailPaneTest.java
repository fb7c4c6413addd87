package org.gapwatch.ui.detail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.gapwatch.engine.Engine;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.Feed;
import org.gapwatch.testutil.Screenshots;
import org.gapwatch.testutil.WriterLoop;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class DetailPaneTest {
    private static final long T = 1_800_000_000_000L; // 08:00:00 UTC

    private final AtomicLong clock = new AtomicLong(T);
    private final Engine engine = new Engine(TrackerConfig.defaults());
    private WriterLoop writer;
    private DetailPane pane;
    private Scene scene;

    @Start
    void start(Stage stage) {
        pane = new DetailPane();
        pane.setClock(clock::get);
        pane.setZone(ZoneOffset.UTC);
        scene = new Scene(pane, 1280, 900);
        stage.setScene(scene);
        stage.show();
    }

    @BeforeEach
    void feed() throws InterruptedException {
        writer = new WriterLoop(engine, clock);
        writer.feed(f -> {
            // plant/a: seq 1..10 one a second from 07:59:40, without 4, 5 and 8; then 5 arrives late.
            for (int seq = 1; seq <= 10; seq++) {
                if (seq != 4 && seq != 5 && seq != 8) {
                    f.send(T - 20_000 + seq * 1000L,
                            "{\"src\":\"plant/a\",\"seq\":" + seq + ",\"value\":1.5,\"unit\":\"bar\","
                                    + "\"interval\":1000,\"session\":\"run-7\"}");
                }
            }
            f.send(T - 9_500, "{\"src\":\"plant/a\",\"seq\":5,\"value\":1.4,\"unit\":\"bar\",\"interval\":1000}");
            wave(f);
        });
        Await.onFx(() -> {
            pane.setEngine(engine);
            return null;
        });
    }

    /** plant/pump-7: a sine over 5 minutes at 2 Hz with three bursts of loss, for the screenshot. */
    private static void wave(Feed f) {
        long seq = 0;
        for (long t = T - 300_000; t < T; t += 500) {
            seq++;
            boolean burst = (t >= T - 240_000 && t < T - 236_000) || (t >= T - 130_000 && t < T - 129_000)
                    || (t >= T - 60_000 && t < T - 50_000);
            if (burst) {
                continue;
            }
            double v = 4.2 + 1.3 * Math.sin((t - T) / 20_000.0);
            f.send(t, "{\"src\":\"plant/pump-7\",\"seq\":" + seq + ",\"value\":" + v
                    + ",\"unit\":\"bar\",\"status\":\"warn\",\"text\":\"pressure high\",\"interval\":500}");
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        writer.close();
    }

    @Test
    void skippedSequenceNumbersShowAsExactGapRows() {
        Await.onFx(() -> {
            pane.setSource("plant/a");
            return null;
        });
        Await.fx("gap rows", () -> pane.gapRows().size() == 2);
        // Newest first. 8 was missing (seen when 9 came at 07:59:49, 7 had come at 07:59:47); 4..5 were missing
        // (seen when 6 came at 07:59:46, 3 had come at 07:59:43) and 5 came late.
        assertEquals(List.of(
                new GapRow(8, 8, 1, 1, 0, "07:59:49.000", "2.00 s", "", T - 11_000, 2_000),
                new GapRow(4, 5, 2, 1, 1, "07:59:46.000", "3.00 s", "", T - 14_000, 3_000)),
                Await.onFx(pane::gapRows));
        assertEquals("8", text("#detail-received"));
        assertEquals("2", text("#detail-lost"));
        assertEquals("1", text("#detail-late"));
        assertEquals("run-7", text("#detail-session"));
        assertEquals("1.00 s", text("#detail-interval"));
        assertEquals("1.5 bar", text("#detail-value"));
        assertEquals("1 … 10", text("#detail-sequence"));
    }

    /** Two probes polled: one answered with figures of plant/a, one does not answer (dashes and why, not zeros). */
    @Test
    void theProbesTableShowsEachProbeAndOneThatDoesNotAnswerAsSuch() {
        org.gapwatch.judge.RemoteView view = new org.gapwatch.judge.RemoteView(List.of(
                new org.gapwatch.judge.RemoteView.Probe("probe-a:9477", "http://probe-a:9477/metrics", T, T, null,
                        0, 0, java.util.Map.of("plant/a", new org.gapwatch.judge.RemoteView.Reading(10, 0, false,
                        T - 2000))),
                new org.gapwatch.judge.RemoteView.Probe("probe-b:9477", "http://probe-b:9477/metrics", T, T - 60_000,
                        "connection refused", -1, 0, java.util.Map.of("plant/a",
                        new org.gapwatch.judge.RemoteView.Reading(3, 7, false, T - 60_000)))));
        Await.onFx(() -> {
            pane.setRemoteViews(() -> view);
            pane.setSource("plant/a");
            return null;
        });
        assertEquals(List.of(new VantageRow("probe-a:9477", "10", "0", "07:59:58"),
                new VantageRow("probe-b:9477", "—", "—", "no answer: connection refused (last at 07:59:00)")),
                Await.onFx(pane::vantageRows));
        assertEquals(true, Await.onFx(() -> robotVisible("#detail-vantage")));
        Await.onFx(() -> Screenshots.write(scene, "detail-pane-probes"));
        // A source no probe has: each probe that answered says so.
        Await.onFx(() -> {
            pane.setSource("plant/pump-7");
            return null;
        });
        assertEquals("not received there", Await.onFx(pane::vantageRows).getFirst().lastSeen());
        // No probes polled: no table.
        Await.onFx(() -> {
            pane.setRemoteViews(() -> org.gapwatch.judge.RemoteView.NONE);
            return null;
        });
        assertEquals(false, Await.onFx(() -> robotVisible("#detail-vantage")));
    }

    private boolean robotVisible(String id) {
        return scene.lookup(id).isVisible();
    }

    @Test
    void resetCountersZeroesThemButKeepsTheGapList(FxRobot robot) {
        Await.onFx(() -> {
            pane.setSource("plant/a");
            return null;
        });
        Await.fx("counters", () -> "8".equals(text("#detail-received")));
        robot.clickOn("#detail-reset");
        Await.fx("reset", () -> "0".equals(text("#detail-received")));
        assertEquals("0", text("#detail-lost"));
        assertEquals(2, Await.onFx(pane::gapRows).size());
    }

    @Test
    void selectingAnotherSourceShowsItAtOnceAndScreenshot() {
        Await.onFx(() -> {
            pane.setSource("plant/a");
            return null;
        });
        Await.fx("plant/a", () -> pane.gapRows().size() == 2);
        Await.onFx(() -> {
            pane.setSource("plant/pump-7");
            return null;
        });
        Await.fx("pump gaps", () -> pane.gapRows().size() == 3);
        assertEquals(List.of(20L, 2L, 8L), Await.onFx(() -> pane.gapRows().stream().map(GapRow::count).toList()));
        Await.onFx(() -> Screenshots.write(scene, "detail-pane"));
        Await.onFx(() -> {
            pane.setSource("no/such");
            return null;
        });
        Await.fx("unknown", () -> "unknown source".equals(text("#detail-status")));
        assertEquals(List.of(), Await.onFx(pane::gapRows));
    }

    /**
     * A sACN universe (through the real decoder): the detail shows its 512 levels as a strip with the exact count
     * of slots that are not zero, bars where the levels are full and none where they are zero; a JSON source has no
     * strip. Screenshot (the 1920x1080 one is of the demo under xvfb).
     */
    @Test
    void aSacnSourceShowsItsLevelsAsAStripWithTheExactNonZeroCount() throws Exception {
        byte[] slots = new byte[512];
        int nonZero = 0;
        for (int i = 0; i < 512; i++) {
            int level = i % 7 == 0 ? 0 : (int) (127.5 + 127.5 * Math.sin(i / 40.0));
            level = i >= 256 && i < 320 ? 255 : i >= 400 && i < 440 ? 0 : level;
            slots[i] = (byte) level;
            nonZero += level != 0 ? 1 : 0;
        }
        int expected = nonZero;
        org.gapwatch.net.GroupSpec universe = org.gapwatch.net.GroupSpec.parse("sacn://7");
        writer.feed(f -> {
            f.engine().route(universe.subscription(), universe.destinations());
            byte[] b = new byte[638];
            for (int seq = 0; seq < 3; seq++) {
                int n = org.gapwatch.protocol.sacn.E131Writer.data(b, 1, 2, "console", 100, seq, 0, 7, slots, 512);
                f.engine().datagram(b, 0, n, Feed.SENDER, universe.destinations().getFirst(),
                        (T - 1000 + seq * 25L) * 1_000_000);
            }
        });
        Await.onFx(() -> {
            pane.setSource("sacn/7/console");
            return null;
        });
        Await.fx("level strip", () -> scene.lookup("#detail-levels").isVisible());
        assertEquals("Levels 1–512 · " + expected + " non-zero", text("#detail-levels-summary"));
        assertEquals(expected + " slots", text("#detail-value"));
        // The canvas: a bar at the bottom under slots 257-320 (full), none under 401-440 (zero).
        javafx.scene.image.WritableImage img = Await.onFx(() -> {
            javafx.scene.canvas.Canvas c = (javafx.scene.canvas.Canvas) scene.lookup("#detail-levels-canvas");
            return c.snapshot(null, null);
        });
        double each = img.getWidth() / 512;
        int barY = (int) (60 * 1.0); // within the 64-pixel bar area at scale 1
        javafx.scene.paint.Color full = img.getPixelReader().getColor((int) (288 * each), barY);
        javafx.scene.paint.Color zero = img.getPixelReader().getColor((int) (420 * each), barY);
        assertEquals(org.gapwatch.ui.Palette.DARK.text(), full, "a full slot's bar in the text colour");
        assertEquals(org.gapwatch.ui.Palette.DARK.tile(), zero, "no bar where the slots are zero");
        Await.onFx(() -> Screenshots.write(scene, "detail-pane-sacn-levels"));
        Await.onFx(() -> {
            pane.setSource("plant/a");
            return null;
        });
        Await.fx("plant/a", () -> pane.gapRows().size() == 2);
        assertEquals(false, Await.onFx(() -> scene.lookup("#detail-levels").isVisible()), "JSON: no strip");
    }

    private String text(String id) {
        return Await.onFx(() -> ((Label) scene.lookup(id)).getText());
    }
}
