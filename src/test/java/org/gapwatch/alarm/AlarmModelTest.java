package org.gapwatch.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.JudgeConfig;
import org.gapwatch.judge.LossWindow;
import org.gapwatch.judge.ThresholdRule;
import org.gapwatch.judge.Thresholds;
import org.gapwatch.testutil.Feed;
import org.junit.jupiter.api.Test;

/** ISA-18.2 alarm handling on the judgement: one row per point, its states, chattering, shelving, episodes, flood. */
class AlarmModelTest {
    private static final long T0 = 1_800_000_000_000L;
    private static final String STATUS = "{\"src\":\"plant/a\",\"seq\":%d,\"status\":\"%s\",\"ttl\":600000}";

    private final Feed feed = new Feed();
    private final Judge judge = new Judge();
    private final AlarmModel model = new AlarmModel();

    private List<Alarm> evaluate(long at) {
        return model.evaluate(judge.judge(feed.publish(T0 + at), T0 + at), T0 + at);
    }

    private AlarmState state(String src, AlarmKind kind) {
        Alarm a = model.point(src, kind);
        return a == null ? null : a.state();
    }

    @Test
    void aStalePointGoesActiveLatchedNormalAndActiveAgainInOneRow() {
        feed.send(T0, "{\"src\":\"plant/a\",\"seq\":1,\"value\":1,\"ttl\":2000}");
        assertEquals(List.of(), evaluate(1000));
        // Stale from 2.001 s; the alarm waits until it was stale at three evaluations in a row.
        assertEquals(List.of(), evaluate(2001));
        assertEquals(List.of(), evaluate(2501));
        List<Alarm> raised = evaluate(3001);
        assertEquals(List.of(new Alarm(1, "plant/a", AlarmKind.STALE, T0 + 3001, T0 + 3001, 1, true, false, -1, -1,
                false, false, "no update for 3.0 s (stale after 2.0 s)", "")), raised);
        assertEquals(AlarmState.ACTIVE_UNACKNOWLEDGED, state("plant/a", AlarmKind.STALE));

        feed.send(T0 + 3500, "{\"src\":\"plant/a\",\"seq\":2,\"value\":1,\"ttl\":2000}");
        assertEquals(List.of(), evaluate(3500));
        assertEquals(AlarmState.CLEARED_UNACKNOWLEDGED, state("plant/a", AlarmKind.STALE), "latched");
        assertEquals(T0 + 3500, model.point("plant/a", AlarmKind.STALE).clearedMillis());
        assertEquals(1, model.unacknowledgedCount());
        assertTrue(model.acknowledge(1));
        assertEquals(AlarmState.NORMAL, state("plant/a", AlarmKind.STALE));
        assertEquals(0, model.unacknowledgedCount());

        evaluate(5600);
        evaluate(5800);
        List<Alarm> again = evaluate(6000);
        assertEquals(1, again.size());
        Alarm row = again.get(0);
        assertEquals(1, row.id(), "the same point, the same row");
        assertEquals(2, row.count());
        assertEquals(T0 + 3001, row.firstMillis());
        assertEquals(T0 + 6000, row.lastMillis());
        assertEquals(AlarmState.ACTIVE_UNACKNOWLEDGED, row.state());
        assertEquals(1, model.log().size());
    }

    @Test
    void acknowledgedWhileActiveThenClearedIsNormal() {
        feed.send(T0, STATUS.formatted(1, "alarm"));
        assertEquals(1, evaluate(0).size());
        assertTrue(model.acknowledge(1));
        assertEquals(AlarmState.ACTIVE_ACKNOWLEDGED, state("plant/a", AlarmKind.STATUS));
        assertEquals(0, model.unacknowledgedCount());
        assertEquals(1, model.activeCount());
        feed.send(T0 + 1000, STATUS.formatted(2, "ok"));
        evaluate(1000);
        assertEquals(AlarmState.NORMAL, state("plant/a", AlarmKind.STATUS));
        assertEquals(0, model.activeCount());
        assertFalse(model.acknowledge(1), "nothing left to acknowledge");
    }

    @Test
    void aPointThatAlarmsThreeTimesInAMinuteIsChatteringAndNotifiesOnceAsSuch() {
        int[] notified = new int[6];
        for (int k = 0; k < 6; k++) {
            feed.send(T0 + k * 4000L, STATUS.formatted(2 * k + 1, "alarm"));
            notified[k] = evaluate(k * 4000L).size();
            feed.send(T0 + k * 4000L + 2000, STATUS.formatted(2 * k + 2, "ok"));
            evaluate(k * 4000L + 2000);
        }
        // 1st and 2nd notify; the 3rd makes it chattering and notifies that once; the 4th to 6th are quiet.
        assertEquals("[1, 1, 1, 0, 0, 0]", java.util.Arrays.toString(notified));
        Alarm row = model.point("plant/a", AlarmKind.STATUS);
        assertTrue(row.chattering());
        assertEquals(6, row.count());
        assertEquals(1, model.log().size(), "one row, not one per occurrence");
        // A minute without activations ends the chattering mark.
        evaluate(22_000 + AlarmModel.CHATTER_MILLIS);
        assertFalse(model.point("plant/a", AlarmKind.STATUS).chattering());
    }

    @Test
    void aShelvedPointRaisesNothingUntilItsExpiry() {
        feed.send(T0, STATUS.formatted(1, "alarm"));
        evaluate(0);
        assertFalse(model.shelve(1, T0 - 1), "an expiry in the past is refused");
        assertTrue(model.shelve(1, T0 + 60_000));
        assertEquals(AlarmState.SHELVED, state("plant/a", AlarmKind.STATUS));
        assertEquals(0, model.unacknowledgedCount(), "a shelved point waits for nobody");
        feed.send(T0 + 1000, STATUS.formatted(2, "ok"));
        evaluate(1000);
        feed.send(T0 + 2000, STATUS.formatted(3, "fault"));
        assertEquals(List.of(), evaluate(2000), "shelved: activates, notifies nothing");
        assertEquals(AlarmState.SHELVED, state("plant/a", AlarmKind.STATUS));
        assertEquals(2, model.point("plant/a", AlarmKind.STATUS).count());
        evaluate(60_000);
        assertEquals(AlarmState.ACTIVE_UNACKNOWLEDGED, state("plant/a", AlarmKind.STATUS), "back off the shelf");
        assertEquals(-1, model.point("plant/a", AlarmKind.STATUS).shelvedUntil());
    }

    @Test
    void lossAtManySourcesIsOneEpisodeAlarmAndTheirOwnLossPointsAreSuppressed() {
        String f = "{\"src\":\"s%02d\",\"seq\":%d,\"ttl\":600000}";
        for (int s = 0; s < 12; s++) {
            InetSocketAddress sender = new InetSocketAddress("10.0.0." + (1 + s % 3), 5000);
            feed.send(T0 + 100, f.formatted(s, 1), sender).send(T0 + 300, f.formatted(s, 3), sender); // 1 of 3 lost
        }
        List<Alarm> first = evaluate(300);
        assertEquals(List.of(AlarmKind.EPISODE), first.stream().map(Alarm::kind).toList(), "one notice");
        assertEquals(AlarmModel.EPISODE_SOURCE, first.get(0).src());
        assertTrue(first.get(0).detail().startsWith("12 sources, 12 lost; cause "), first.get(0).detail());
        assertEquals(List.of(), evaluate(1300), "the sources' own loss points activate suppressed, silently");
        for (int s = 0; s < 12; s++) {
            assertEquals(AlarmState.SUPPRESSED, state("s%02d".formatted(s), AlarmKind.LOSS));
        }
        assertEquals(1, model.unacknowledgedCount(), "only the episode waits for acknowledgement");
        // The episode ends 10 s after the last loss: its point is latched until acknowledged.
        evaluate(10_300);
        assertEquals(AlarmState.CLEARED_UNACKNOWLEDGED, state(AlarmModel.EPISODE_SOURCE, AlarmKind.EPISODE));
    }

    @Test
    void loneLossAtOneSourceIsItsOwnAlarmAfterTheOnDelay() {
        feed.send(T0 + 100, "{\"src\":\"p\",\"seq\":1}").send(T0 + 200, "{\"src\":\"p\",\"seq\":3}");
        assertEquals(List.of(), evaluate(200), "on-delay");
        List<Alarm> raised = evaluate(1200);
        assertEquals(List.of(AlarmKind.LOSS), raised.stream().map(Alarm::kind).toList());
        assertEquals("33.3% lost in the last 1 min (1 of 3)", raised.get(0).detail());
        assertNull(model.point(AlarmModel.EPISODE_SOURCE, AlarmKind.EPISODE), "one source: no episode alarm");
    }

    @Test
    void moreThanTenAlarmsInTenMinutesIsAFlood() {
        for (int k = 0; k < 11; k++) {
            feed.send(T0 + k * 30_000L, STATUS.formatted(2 * k + 1, "alarm"));
            evaluate(k * 30_000L);
            feed.send(T0 + k * 30_000L + 1000, STATUS.formatted(2 * k + 2, "ok"));
            evaluate(k * 30_000L + 1000);
            assertEquals(k + 1, model.alarmsPerTenMinutes());
            assertEquals(k + 1 > AlarmModel.FLOOD_BENCHMARK, model.flood());
        }
        evaluate(300_000 + AlarmModel.FLOOD_WINDOW_MILLIS);
        assertEquals(0, model.alarmsPerTenMinutes());
        assertFalse(model.flood());
    }

    @Test
    void guidanceOfTheFirstMatchingRuleIsShownWithTheAlarm() {
        judge.setConfig(new JudgeConfig(Thresholds.defaults(), List.of(
                new ThresholdRule("plant/**", Thresholds.ofPercent(0.5, 2, LossWindow.ONE_MINUTE),
                        "Call the plant desk, ext. 4711"),
                new ThresholdRule("lab", Thresholds.defaults(), "Lab: next working day")), 10_000));
        feed.send(T0, STATUS.formatted(1, "fault"));
        feed.send(T0, "{\"src\":\"lab/x\",\"seq\":1,\"status\":\"alarm\",\"ttl\":600000}");
        evaluate(0);
        assertEquals("Call the plant desk, ext. 4711", model.point("plant/a", AlarmKind.STATUS).guidance());
        assertEquals("Lab: next working day", model.point("lab/x", AlarmKind.STATUS).guidance());
    }

    @Test
    void aConditionFromOutsideTheJudgementIsAPointLikeAnyOther() {
        model.setCondition("(receiver)", AlarmKind.RECEIVER, "processing stalled for 2 s");
        assertEquals(1, evaluate(0).size());
        assertEquals(AlarmState.ACTIVE_UNACKNOWLEDGED, state("(receiver)", AlarmKind.RECEIVER));
        model.setCondition("(receiver)", AlarmKind.RECEIVER, null);
        evaluate(1000);
        assertEquals(AlarmState.CLEARED_UNACKNOWLEDGED, state("(receiver)", AlarmKind.RECEIVER));
    }
}
