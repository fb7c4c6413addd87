package org.gapwatch.ui.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.gapwatch.alarm.Alarm;
import org.gapwatch.alarm.AlarmCsv;
import org.gapwatch.alarm.AlarmKind;
import org.gapwatch.alarm.AlarmModel;
import org.gapwatch.alarm.AlarmState;
import org.gapwatch.alarm.Notice;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.Feed;
import org.gapwatch.testutil.Screenshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class AlarmListViewTest {
    private static final long T = 1_800_000_000_000L; // 08:00:00 UTC

    // The writer here is the test thread itself: it feeds and publishes, then the FX thread evaluates.
    private final Feed feed = new Feed();
    private final AlarmModel model = new AlarmModel();
    private final List<Notice> notices = new ArrayList<>();
    private final org.gapwatch.judge.Judge judge = new org.gapwatch.judge.Judge();
    // Judged where the monitor asks (the FX thread here; in the window a JudgeRunner thread), at the snapshot's time.
    private final AlarmMonitor monitor = new AlarmMonitor(() -> {
        var s = feed.engine().snapshot();
        return judge.judge(s, s.takenMillis());
    }, model, notices::add);
    private AlarmListView view;
    private Scene scene;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        view = new AlarmListView(model, () -> T);
        view.setZone(ZoneOffset.UTC);
        scene = new Scene(view, 1280, 360);
        stage.setScene(scene);
        stage.show();
    }

    private void raiseTwo() {
        feed.send(T - 5000, "{\"src\":\"plant/pump-7\",\"seq\":1,\"status\":\"fault\",\"text\":\"motor, overheated\","
                + "\"ttl\":600000}");
        feed.send(T - 4000, "{\"src\":\"lab/x\",\"seq\":1,\"ttl\":2000}");
        feed.publish(T);
        // The fault at once; the stale source once it was stale at three evaluations in a row (its on-delay).
        List<Alarm> raised = new java.util.ArrayList<>(Await.onFx(() -> monitor.tick(T)));
        raised.addAll(Await.onFx(() -> monitor.tick(T)));
        raised.addAll(Await.onFx(() -> monitor.tick(T)));
        assertEquals(2, raised.size());
    }

    @Test
    void acknowledgingOneAndThenAllChangesTheirStateAndTheBlinkingSet(FxRobot robot) {
        raiseTwo();
        List<Alarm> items = Await.onFx(view::items);
        assertEquals(List.of("lab/x", "plant/pump-7"), items.stream().map(Alarm::src).toList(), "newest first");
        assertEquals(List.of(AlarmKind.STALE, AlarmKind.STATUS), items.stream().map(Alarm::kind).toList());
        assertEquals("2 active, 2 unacknowledged · 2 alarms in 10 min", label("#alarm-summary"));
        assertEquals(Set.of("plant/pump-7", "lab/x"), model.unacknowledgedSources());
        assertEquals(List.of("stale: lab/x", "status: plant/pump-7"),
                notices.stream().map(Notice::title).sorted().toList());

        long pumpId = items.get(1).id();
        Await.onFx(() -> {
            view.select(pumpId);
            return null;
        });
        assertEquals("plant/pump-7", Await.onFx(() -> view.selectedSourceProperty().get()));
        robot.clickOn("#alarm-ack");
        Await.fx("acknowledged", () -> model.get(pumpId).acknowledged());
        Alarm pump = Await.onFx(() -> view.items().get(1));
        assertTrue(pump.acknowledged());
        assertEquals(AlarmState.ACTIVE_ACKNOWLEDGED, pump.state());
        assertEquals("2 active, 1 unacknowledged · 2 alarms in 10 min", label("#alarm-summary"));
        assertEquals(Set.of("lab/x"), Await.onFx(model::unacknowledgedSources));

        Await.onFx(() -> Screenshots.write(scene, "alarm-list"));
        robot.clickOn("#alarm-ack-all");
        Await.fx("all acknowledged", () -> model.unacknowledgedCount() == 0);
        assertEquals("2 active, 0 unacknowledged · 2 alarms in 10 min", label("#alarm-summary"));
        assertFalse(Await.onFx(() -> view.items().stream().anyMatch(a -> !a.acknowledged())));
    }

    @Test
    void shelvingTheSelectedRowForTheChosenTimeShelvesItUntilThen(FxRobot robot) {
        raiseTwo();
        long pumpId = Await.onFx(() -> view.items().get(1).id());
        Await.onFx(() -> {
            view.select(pumpId);
            return null;
        });
        robot.clickOn("#alarm-shelve");
        Await.fx("shelved", () -> model.get(pumpId).state() == AlarmState.SHELVED);
        assertEquals(T + 15 * 60_000, model.get(pumpId).shelvedUntil(), "the first choice: 15 min");
        assertEquals(Set.of("lab/x"), Await.onFx(model::unacknowledgedSources));
    }

    @Test
    void resolvedAlarmsStayListedAndExportAsCsv(@TempDir Path dir) throws Exception {
        raiseTwo();
        feed.send(T + 1000, "{\"src\":\"lab/x\",\"seq\":2,\"ttl\":2000}");
        feed.publish(T + 1000);
        Await.onFx(() -> monitor.tick(T + 1000));
        Await.fx("cleared", () -> view.items().get(0).state() == AlarmState.CLEARED_UNACKNOWLEDGED);
        assertEquals("1 active, 2 unacknowledged · 2 alarms in 10 min", label("#alarm-summary"));

        Path file = dir.resolve("alarms.csv");
        assertEquals(2, Await.onFx(() -> view.exportTo(file)));
        String csv = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(AlarmCsv.toCsv(model.log(), ZoneOffset.UTC), csv);
        assertEquals(AlarmCsv.HEADER + "\r\n"
                + "1,2027-01-15T08:00:00.000Z,2027-01-15T08:00:00.000Z,1,plant/pump-7,status,"
                + "\"active, unacknowledged\",no,,,no,\"fault: motor, overheated\",\r\n"
                + "2,2027-01-15T08:00:00.000Z,2027-01-15T08:00:00.000Z,1,lab/x,stale,\"cleared, unacknowledged\",no,"
                + "2027-01-15T08:00:01.000Z,,no,no update for 4.0 s (stale after 2.0 s),\r\n", csv);
    }

    /**
     * A model with {@code n} alarms (outside conditions: one point each, all active at {@code T}), shown in a list
     * the window's size; then one change of each kind: a row acknowledged in place, a new alarm on top (every row
     * moves down one). Returns the rows put in a slot on the FX thread per change: {acknowledged, new on top}.
     */
    private long[] rowsTouchedPerChange(int n) {
        return Await.onFx(() -> {
            AlarmModel many = new AlarmModel();
            for (int i = 0; i < n; i++) {
                many.setCondition("plant/unit-" + i, AlarmKind.RECEIVER, "receive loop " + i + " stopped");
            }
            many.evaluate(org.gapwatch.judge.Judgement.empty(), T);
            AlarmListView list = new AlarmListView(many, () -> T);
            list.setZone(ZoneOffset.UTC);
            stage.setScene(new Scene(list, 1280, 720));
            list.applyCss();
            list.layout();
            list.refresh();
            assertEquals(n, list.items().size());
            assertTrue(marked(list, 0), "the top row waits for acknowledgement: marked");
            list.takeRowsTouched();

            long newest = list.items().getFirst().id();
            assertTrue(many.acknowledge(newest));
            long acknowledged = list.takeRowsTouched();
            assertTrue(list.items().getFirst().acknowledged(), "the slot on screen shows the acknowledged row");
            list.layout();
            assertFalse(marked(list, 0), "its row's mark follows the alarm in the slot");
            assertTrue(marked(list, 1));

            many.setCondition("plant/new", AlarmKind.RECEIVER, "receive loop stopped");
            many.evaluate(org.gapwatch.judge.Judgement.empty(), T + 1000);
            long moved = list.takeRowsTouched();
            assertEquals("plant/new", list.items().getFirst().src());
            return new long[] {acknowledged, moved};
        });
    }

    /** Whether the row drawn at {@code index} has the unacknowledged mark. */
    private static boolean marked(AlarmListView list, int index) {
        return list.lookupAll(".table-row-cell").stream()
                .filter(r -> r instanceof javafx.scene.control.TableRow<?> row && row.getIndex() == index)
                .findFirst().orElseThrow().getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("unacknowledged"));
    }

    @Test
    void aChangeFillsOnlyTheRowsOnScreenWhateverTheNumberOfAlarms() {
        long[] small = rowsTouchedPerChange(1_000);
        long[] large = rowsTouchedPerChange(50_000);
        assertEquals(1, small[0], "an acknowledged row: its slot alone");
        assertTrue(small[1] > 1 && small[1] < 60, "a new row on top: the slots on screen, " + small[1]);
        assertEquals(small[0], large[0], "rows touched for an acknowledgement at 1,000 and 50,000 alarms");
        assertEquals(small[1], large[1], "rows touched for a new alarm at 1,000 and 50,000 alarms");
    }

    @Test
    void theSelectedAlarmStaysSelectedAsNewerOnesPushItDown(FxRobot robot) {
        raiseTwo();
        long pumpId = Await.onFx(() -> view.items().get(1).id());
        Await.onFx(() -> {
            view.select(pumpId);
            return null;
        });
        feed.send(T + 1000, "{\"src\":\"plant/valve-2\",\"seq\":1,\"status\":\"alarm\",\"ttl\":600000}");
        feed.publish(T + 1000);
        Await.onFx(() -> monitor.tick(T + 1000));
        assertEquals(List.of("plant/valve-2", "lab/x", "plant/pump-7"),
                Await.onFx(() -> view.items().stream().map(Alarm::src).toList()));
        assertEquals(2, (int) Await.onFx(() -> ((javafx.scene.control.TableView<?>) scene.lookup("#alarm-table"))
                .getSelectionModel().getSelectedIndex()), "the pump's row, one further down");
        assertFalse(Await.onFx(() -> scene.lookup("#alarm-ack").isDisabled()), "the pump is not acknowledged yet");
        robot.clickOn("#alarm-ack");
        Await.fx("the pump acknowledged", () -> model.get(pumpId).acknowledged());
    }

    private String label(String id) {
        return Await.onFx(() -> ((Label) scene.lookup(id)).getText());
    }
}
