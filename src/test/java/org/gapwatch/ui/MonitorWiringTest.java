package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.gapwatch.alarm.Alarm;
import org.gapwatch.capture.CaptureFilter;
import org.gapwatch.capture.CaptureReader;
import org.gapwatch.capture.PcapWriter;
import org.gapwatch.capture.Replayer;
import org.gapwatch.engine.Engine;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Publisher;
import org.gapwatch.settings.Settings;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.Screenshots;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.ui.capture.CaptureOpener;
import org.gapwatch.ui.feed.ReceiverFeed;
import org.gapwatch.ui.wall.WallView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The connected window against a real loopback stream (Publisher on lo, TTL 0; the window's receiver joins on lo):
 * detail, heatmap, alarms, record and replay working together.
 */
@ExtendWith(ApplicationExtension.class)
class MonitorWiringTest {
    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() % 200) * 10);

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
        group = "239.255.93." + (1 + n % 250) + ":" + (47_000 + n % 2000);
        engine = new Engine(TrackerConfig.defaults());
        Settings s = Settings.defaults().withGroups(List.of(group)).withNetworkInterface("lo");
        window = new MonitorWindow(stage, engine, iface -> new ReceiverFeed(engine, iface), s, null);
        stage.setWidth(1000);
        stage.setHeight(1000);
        window.show(false, null);
        stage.toFront();
        stage.requestFocus();
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

    // ---- tests ----

    @Test
    void selectingATileOpensDetailWithTheExactGapRows(FxRobot robot) throws Exception {
        awaitJoined();
        send("plant/gaps/pump-9", "ok", 0, 1, 2, 5, 6, 8, 9); // 3-4 and 7 missing
        Await.fx("seven arrived", () -> source("plant/gaps/pump-9") != null && source("plant/gaps/pump-9").received() == 7);
        int id = source("plant/gaps/pump-9").id();
        Await.fx("tile laid out", () -> wall().tileCentre(id) != null);
        clickAt(robot, fx(() -> wall().localToScreen(wall().tileCentre(id))));
        Await.fx("detail tab open", () -> ui().split.getItems().contains(ui().dock) && ui().detailTab.isSelected());
        Await.fx("detail shows the source", () -> "plant/gaps/pump-9".equals(detail().sourceProperty().get()));
        Await.fx("two gap rows", () -> detail().gapRows().size() == 2);
        assertEquals(List.of("7..7 lost 1", "3..4 lost 2"), fx(() -> detail().gapRows().stream()
                .map(r -> r.first() + ".." + r.last() + " lost " + r.lost()).toList()));
        Await.fx("detail counters follow the pulse", () -> "7".equals(text("#detail-received"))
                && "3".equals(text("#detail-lost")));
        shot("detail-tab");
    }

    @Test
    void clickingAHeatmapRowSelectsThatSource(FxRobot robot) throws Exception {
        awaitJoined();
        send("plant/line-1/pump-1", "ok", 0, 1, 2);
        send("plant/line-1/pump-2", "ok", 0, 2, 3); // one lost
        send("grid/feeder-1/meter-1", "ok", 0, 1);
        Await.fx("three sources", () -> engine.snapshot().sourceCount() == 3);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        Await.fx("heatmap tab open", () -> ui().heatmapTab.isSelected() && ui().split.getItems().contains(ui().dock));
        Await.fx("heatmap lists the three", () -> rowIndex("plant/line-1/pump-2") >= 0
                && rowIndex("plant/line-1/pump-1") >= 0 && rowIndex("grid/feeder-1/meter-1") >= 0);
        Await.fx("heatmap has counts", () -> window.wiring().heatmap.hasData());
        shot("heatmap-tab");
        int row = fx(() -> rowIndex("plant/line-1/pump-2"));
        Point2D p = Await.fxValue("row on screen", () -> window.wiring().heatmap.rowCenterOnScreen(row));
        clickAt(robot, p);
        Await.fx("the window selects it", () -> "plant/line-1/pump-2".equals(window.selectedSourceProperty().get()));
        int id = source("plant/line-1/pump-2").id();
        Await.fx("wall selects it", () -> wall().selectedIdProperty().get() == id);
        Await.fx("detail opens on it", () -> ui().detailTab.isSelected()
                && "plant/line-1/pump-2".equals(detail().sourceProperty().get()));

        // The filter box narrows the heatmap as it narrows the wall.
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        robot.clickOn("#filter").write("grid");
        Await.fx("heatmap shows only what the wall shows", () -> rowIndex("grid/feeder-1/meter-1") >= 0
                && rowIndex("plant/line-1/pump-1") < 0 && rowIndex("plant/line-1/pump-2") < 0);
    }

    @Test
    void aSourceInAlarmRaisesAnAlarmThatBlinksUntilAcknowledged(FxRobot robot) throws Exception {
        List<org.gapwatch.alarm.Notice> popped = new java.util.concurrent.CopyOnWriteArrayList<>();
        fx(() -> {
            window.wiring().setPopups(popped::add);
            return null;
        });
        awaitJoined();
        send("plant/line-1/pump-1", "ok", 0, 1);
        send("plant/line-1/pump-2", "alarm", 0, 1);
        send("plant/line-1/pump-3", "fault", 0, 1);
        Await.fx("three sources", () -> engine.snapshot().sourceCount() == 3);
        Await.fx("two alarms listed", () -> window.wiring().alarmList().items().size() == 2);
        List<Alarm> items = fx(() -> window.wiring().alarmList().items());
        assertEquals(java.util.Set.of("plant/line-1/pump-2", "plant/line-1/pump-3"),
                items.stream().map(Alarm::src).collect(java.util.stream.Collectors.toSet()));
        int id2 = source("plant/line-1/pump-2").id();
        Await.fx("pump-2 blinks", () -> wall().isBlinking("plant/line-1/pump-2")
                && wall().describeTile(id2) != null && wall().describeTile(id2).endsWith("| NEW ALARM"));
        assertFalse(fx(() -> wall().isBlinking("plant/line-1/pump-1")), "the fine source does not blink");
        assertEquals("Alarms 2 new · 2 active", fx(() -> window.wiring().alarmCount.getText()));
        Await.fx("two notices popped", () -> popped.size() == 2);
        shot("wall");

        robot.clickOn("#sb-alarms");
        Await.fx("alarms tab open", () -> ui().alarmTab.isSelected() && ui().split.getItems().contains(ui().dock));
        long alarmId = items.stream().filter(a -> a.src().equals("plant/line-1/pump-2")).findFirst().orElseThrow().id();
        fx(() -> {
            window.wiring().alarmList().select(alarmId);
            return null;
        });
        Await.fx("alarms tab stays open on selecting", () -> ui().alarmTab.isSelected());
        shot("alarms-tab");
        robot.clickOn("#alarm-ack");
        Await.fx("acknowledged pump-2 stops blinking", () -> !wall().isBlinking("plant/line-1/pump-2"));
        assertTrue(fx(() -> wall().isBlinking("plant/line-1/pump-3")), "pump-3 still blinks");
        Await.fx("count says one new", () -> window.wiring().alarmCount.getText().equals("Alarms 1 new · 2 active"));

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.A).release(KeyCode.SHIFT, KeyCode.CONTROL);
        Await.fx("acknowledge all clears every blink", () -> !wall().isBlinking("plant/line-1/pump-3")
                && window.wiring().alarmModel().unacknowledgedCount() == 0);
        assertEquals("Alarms 0 new · 2 active", fx(() -> window.wiring().alarmCount.getText()));

        Path csv = dir.resolve("alarms.csv");
        assertEquals(2, (int) fx(() -> window.wiring().alarmList().exportTo(csv)));
        assertEquals(3, Files.readAllLines(csv).size(), "header and two alarms");
    }

    @Test
    void aLossAboveTheSettingsAlarmLevelRaisesALossAlarm(FxRobot robot) throws Exception {
        fx(() -> {
            window.wiring().setPopups(n -> { });
            window.update(window.settings().withThresholds(1, 20));
            return null;
        });
        awaitJoined();
        send("plant/line-1/pump-1", "ok", 0, 1, 2, 3, 5, 6, 7, 8, 9, 10); // 1 of 11: 9 %, under 20 %
        send("plant/line-1/pump-2", "ok", 0, 3, 4, 5); // 2 of 6: 33 %
        Await.fx("both arrived", () -> source("plant/line-1/pump-2") != null && source("plant/line-1/pump-2").received() == 4
                && source("plant/line-1/pump-1") != null && source("plant/line-1/pump-1").received() == 10);
        Await.fx("a loss alarm for pump-2 only", () -> window.wiring().alarmList().items().size() == 1);
        assertEquals("plant/line-1/pump-2", fx(() -> window.wiring().alarmList().items().getFirst().src()));
        assertEquals(0.2, fx(() -> window.controller().judgeConfig().thresholds().lossAlarm()), 1e-9);
    }

    @Test
    void aCaptureReplaysInTheWindowAndBackToLiveReturns(FxRobot robot) throws Exception {
        awaitJoined();
        send("live/site-1/meter-1", "ok", 0, 1, 2);
        Await.fx("live source", () -> source("live/site-1/meter-1") != null && source("live/site-1/meter-1").received() == 3);
        Path capture = dir.resolve("night-shift.pcap");
        writeCapture(capture);
        fx(() -> {
            window.wiring().setCaptureOpener(new CaptureOpener(owner -> capture));
            return null;
        });
        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
        Await.fx("title says REPLAY", () -> window.stage().getTitle().equals("REPLAY — night-shift.pcap — Gapwatch"));
        Await.fx("banner shows", () -> robot.lookup("#replay-banner").query().isVisible()
                && ((Label) robot.lookup("#replay-banner").query()).getText().startsWith("REPLAY — night-shift.pcap"));
        fx(() -> {
            window.wiring().replayBar().setSpeed(Replayer.AS_FAST_AS_POSSIBLE);
            return null;
        });
        Engine replay = fx(() -> window.wiring().replayEngine());
        Await.fx("replay fed", () -> replay.snapshot().totals().datagrams() == 14);
        Await.fx("wall shows the capture's two sources", () -> ui().engine() == replay && wall().tileCount() == 2);
        SourceView m1 = find(replay, "plant/site-1/meter-1");
        assertEquals(9, m1.received());
        assertEquals(1, m1.lost());
        Await.fx("tile shows the capture's loss", () -> wall().describeTile(m1.id()) != null
                && wall().describeTile(m1.id()).contains("| LOST 1 |"));
        Await.fx("status bar counts the capture's sources", () -> ui().status().sourcesLabel().getText()
                .startsWith("2 sources"));
        Await.fx("status bar says REPLAY, not live figures", () -> ui().status().joinedLabel().getText()
                .startsWith("REPLAY of night-shift.pcap") && !ui().status().rateLabel().getText().contains("/s"));
        assertTrue(fx(() -> window.wiring().alarmModel() != window.wiring().liveAlarmModel()),
                "the replay has alarms of its own");
        shot("replay");
        robot.press(KeyCode.F2).release(KeyCode.F2);
        Await.fx("table shows the capture's counts", () -> ui().table.shownRows().stream()
                .anyMatch(r -> r.src().equals("plant/site-1/meter-1") && r.received() == 9 && r.lost() == 1)
                && ui().table.shownRows().size() == 2);
        robot.press(KeyCode.F2).release(KeyCode.F2);

        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL); // another capture takes over
        Await.fx("still one replay bar", () -> ui().bottomBox.getChildren().stream()
                .filter(n -> n instanceof org.gapwatch.ui.capture.ReplayBar).count() == 1);
        robot.clickOn("#back-to-live");
        Await.fx("title back to live", () -> window.stage().getTitle().equals("Gapwatch"));
        assertFalse(fx(() -> robot.lookup("#replay-banner").query().isVisible()));
        assertNull(fx(() -> window.wiring().replayBar()));
        Await.fx("wall shows the live source again", () -> ui().engine() == engine && wall().tileCount() == 1
                && wall().describeTile(source("live/site-1/meter-1").id()) != null);
        Await.fx("status bar back to live", () -> ui().status().sourcesLabel().getText().startsWith("1 sources")
                && ui().status().joinedLabel().getText().contains(group));
        assertEquals(3, source("live/site-1/meter-1").received(), "the live engine kept its counts");
        // Keyboard: Ctrl+O opens, Ctrl+L goes back.
        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
        Await.fx("replaying again", () -> window.stage().getTitle().startsWith("REPLAY"));
        robot.press(KeyCode.CONTROL).type(KeyCode.L).release(KeyCode.CONTROL);
        Await.fx("Ctrl+L back to live", () -> window.stage().getTitle().equals("Gapwatch") && ui().engine() == engine);
    }

    @Test
    void recordWritesEveryDatagramSent(FxRobot robot) throws Exception {
        awaitJoined();
        Path file = dir.resolve("rec.pcap");
        fx(() -> {
            window.wiring().record.setFileChoice((owner, suggested) -> file);
            return null;
        });
        robot.press(KeyCode.CONTROL).type(KeyCode.R).release(KeyCode.CONTROL);
        Await.fx("recording", () -> window.wiring().record.recordingProperty().get());
        int n = 37;
        long[] seqs = new long[n];
        for (int i = 0; i < n; i++) {
            seqs[i] = i;
        }
        send("rec/site-1/meter-1", "ok", seqs);
        Await.fx("engine got them all", () -> source("rec/site-1/meter-1") != null
                && source("rec/site-1/meter-1").received() == n);
        Await.fx("all written", () -> window.wiring().record.writtenProperty().get() == n);
        robot.press(KeyCode.CONTROL).type(KeyCode.R).release(KeyCode.CONTROL);
        Await.fx("stopped", () -> !window.wiring().record.recordingProperty().get());
        int read = 0;
        try (CaptureReader r = CaptureReader.open(file, CaptureFilter.multicast())) {
            while (r.next() != null) {
                read++;
            }
        }
        assertEquals(n, read);
    }

    @Test
    void tableScreenshot(FxRobot robot) throws Exception {
        awaitJoined();
        send("plant/line-1/pump-1", "ok", 0, 1, 2);
        send("plant/line-1/pump-2", "warn", 0, 2, 3);
        send("grid/feeder-1/meter-1", "alarm", 0, 1);
        Await.fx("three", () -> engine.snapshot().sourceCount() == 3);
        robot.press(KeyCode.F2).release(KeyCode.F2);
        Await.fx("table rows", () -> ui().tableShown() && ui().table.shownRows().size() == 3);
        shot("table");
    }

    // ---- helpers ----

    private void writeCapture(Path file) throws Exception {
        InetSocketAddress sender = new InetSocketAddress("10.0.0.5", 4000);
        InetSocketAddress dest = new InetSocketAddress("239.255.10.10", 5000);
        long t0 = System.currentTimeMillis() * 1_000_000L - 60_000_000_000L;
        int k = 0;
        try (PcapWriter w = new PcapWriter(file, msg -> { throw new AssertionError(msg); })) {
            for (long seq : new long[] {0, 1, 2, 3, 5, 6, 7, 8, 9}) { // 4 missing
                byte[] b = json("plant/site-1/meter-1", "ok", seq);
                w.datagram(b, 0, b.length, sender, dest, t0 + (k++) * 50_000_000L);
            }
            for (long seq = 0; seq < 5; seq++) {
                byte[] b = json("plant/site-1/meter-2", "ok", seq);
                w.datagram(b, 0, b.length, sender, dest, t0 + (k++) * 50_000_000L);
            }
        }
    }

    private static byte[] json(String src, String status, long seq) {
        return ("{\"v\":1,\"src\":\"" + src + "\",\"seq\":" + seq + ",\"value\":" + (40 + seq)
                + ",\"unit\":\"°C\",\"status\":\"" + status + "\",\"interval\":60000}").getBytes(StandardCharsets.UTF_8);
    }

    private void send(String src, String status, long... seqs) {
        for (long seq : seqs) {
            byte[] b = json(src, status, seq);
            assertTrue(publisher.send(b, 0, b.length));
        }
    }

    private MainController ui() {
        return window.controller();
    }

    private WallView wall() {
        return ui().wall;
    }

    private org.gapwatch.ui.detail.DetailPane detail() {
        return window.wiring().detail;
    }

    private int rowIndex(String src) {
        var h = window.wiring().heatmap;
        for (int i = 0; i < h.rowLabels().size(); i++) {
            if (src.equals(h.rowSource(i))) {
                return i;
            }
        }
        return -1;
    }

    private String text(String id) {
        return window.scene().lookup(id) instanceof Label l ? l.getText() : null;
    }

    private SourceView source(String src) {
        return find(engine, src);
    }

    private static SourceView find(Engine e, String src) {
        for (SourceView v : e.snapshot().sources()) {
            if (v.src().equals(src)) {
                return v;
            }
        }
        return null;
    }

    private void awaitJoined() throws Exception {
        Await.fx("joined", () -> window.feed().status().groups().contains(group));
    }

    private void clickAt(FxRobot robot, Point2D p) {
        robot.moveTo("#filter");
        robot.clickOn(p);
    }

    private void shot(String name) throws Exception {
        fx(() -> Screenshots.write(window.scene(), "wire-" + name));
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

}
