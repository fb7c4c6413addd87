package org.gapwatch.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.gapwatch.testutil.Feed;
import org.junit.jupiter.api.Test;

class AlarmModelTest {
    private static final long T0 = 1_800_000_000_000L;

    private final Feed feed = new Feed();
    private final AlarmModel model = new AlarmModel();

    private List<Alarm> evaluate(long at) {
        return model.evaluate(feed.publish(T0 + at), T0 + at);
    }

    /** A loss alarm waits one evaluation (its on-delay): the first raises no loss alarm, the second does. */
    private List<Alarm> evaluateTwice(long at) {
        assertTrue(evaluate(at).stream().noneMatch(a -> a.kind() == AlarmKind.LOSS), "on-delay: not at once");
        return evaluate(at);
    }

    @Test
    void staleRaisesOncePerEpisodeResolvesAndRaisesAgain() {
        feed.send(T0, "{\"src\":\"plant/a\",\"seq\":1,\"value\":1,\"ttl\":2000}");
        assertEquals(List.of(), evaluate(1000));

        // Stale at 2.001 s; the alarm waits until it was stale at three evaluations in a row.
        assertEquals(List.of(), evaluate(2001));
        assertEquals(List.of(), evaluate(2501));
        List<Alarm> raised = evaluate(3001);
        assertEquals(List.of(new Alarm(1, T0 + 3001, "plant/a", AlarmKind.STALE,
                "no update for 3.0 s (stale after 2.0 s)", false, -1)), raised);
        assertEquals(List.of(), evaluate(3002), "same episode: not raised again");
        assertEquals(1, model.log().size());

        feed.send(T0 + 3500, "{\"src\":\"plant/a\",\"seq\":2,\"value\":1,\"ttl\":2000}");
        assertEquals(List.of(), evaluate(3500));
        assertEquals(List.of(new Alarm(1, T0 + 3001, "plant/a", AlarmKind.STALE,
                "no update for 3.0 s (stale after 2.0 s)", false, T0 + 3500)), model.log());
        assertEquals(AlarmState.RESOLVED, model.log().get(0).state());
        assertEquals(0, model.activeCount());

        evaluate(5600);
        evaluate(5800);
        List<Alarm> again = evaluate(6000);
        assertEquals(1, again.size());
        assertEquals(2, again.get(0).id());
        assertEquals(AlarmKind.STALE, again.get(0).kind());
        assertEquals(2, model.log().size());
        assertEquals(1, model.activeCount());
    }

    @Test
    void lossOverOnePercentInAMinuteRaisesAndClearsWhenTheMinuteIsClean() {
        String f = "{\"src\":\"plant/b\",\"seq\":%d,\"value\":2,\"ttl\":600000}";
        feed.send(T0 + 100, f.formatted(1)).send(T0 + 200, f.formatted(2)).send(T0 + 300, f.formatted(5));
        List<Alarm> raised = evaluateTwice(300);
        assertEquals(1, raised.size());
        assertEquals(AlarmKind.LOSS, raised.get(0).kind());
        assertEquals("40.0% lost in the last minute (2 of 5)", raised.get(0).detail());

        feed.send(T0 + 400, f.formatted(3));   // late: 1 of 5 still lost, 20%
        assertEquals(List.of(), evaluate(400));
        assertEquals(1, model.activeCount());

        feed.send(T0 + 70_000, f.formatted(6));
        assertEquals(List.of(), evaluate(70_000));
        assertEquals(0, model.activeCount());
        assertEquals(T0 + 70_000, model.log().get(0).resolvedMillis());
    }

    @Test
    void lossAtManySourcesAtOnceIsOneWidespreadAlarmNotOnePerSource() {
        String f = "{\"src\":\"s%02d\",\"seq\":%d,\"ttl\":600000}";
        for (int s = 0; s < 30; s++) {
            feed.send(T0 + 100, f.formatted(s, 1)).send(T0 + 200, f.formatted(s, 2));
        }
        assertEquals(List.of(), evaluate(200));
        // A storm: 12 of 30 sources (at least 10 and 25%) lose at once.
        for (int s = 0; s < 12; s++) {
            feed.send(T0 + 300, f.formatted(s, 5));
        }
        List<Alarm> raised = evaluate(300);
        assertEquals(1, raised.size());
        assertEquals(AlarmKind.WIDESPREAD_LOSS, raised.get(0).kind());
        assertEquals(AlarmModel.ALL_SOURCES, raised.get(0).src());
        assertTrue(raised.get(0).detail().contains("at 12 of 30 sources at once"), raised.get(0).detail());
        assertEquals(Set.of(AlarmModel.ALL_SOURCES), model.unacknowledgedSources(), "no tile blinks for it");
        // Once the storm has left the last minute, the episode ends...
        assertEquals(List.of(), evaluate(65_000));
        assertEquals(AlarmState.RESOLVED, model.get(raised.get(0).id()).state());
        // ...and a source that loses again afterwards is one publisher's problem: an alarm of its own.
        for (int s = 0; s < 30; s++) {
            feed.send(T0 + 70_000, f.formatted(s, s == 0 ? 9 : s < 12 ? 6 : 3));
        }
        List<Alarm> after = evaluateTwice(70_000);
        assertEquals(1, after.size());
        assertEquals(AlarmKind.LOSS, after.get(0).kind());
        assertEquals("s00", after.get(0).src());
        assertEquals(AlarmState.RESOLVED, model.get(raised.get(0).id()).state());
    }

    @Test
    void sourcesStillLosingFromTheStormAfterItEndsRaiseNothingOfTheirOwn() {
        String f = "{\"src\":\"s%02d\",\"seq\":%d,\"ttl\":600000}";
        for (int s = 0; s < 20; s++) {
            feed.send(T0 + 100, f.formatted(s, 1)).send(T0 + 300, f.formatted(s, 3)); // 1 of 3 lost: 33%
        }
        assertEquals(List.of(AlarmKind.WIDESPREAD_LOSS), evaluate(300).stream().map(Alarm::kind).toList());
        // Clean updates dilute the loss: 1 of 6 (17%) is still over the raise level, and still the storm's.
        for (int s = 0; s < 20; s++) {
            feed.send(T0 + 400, f.formatted(s, 4)).send(T0 + 500, f.formatted(s, 5)).send(T0 + 600, f.formatted(s, 6));
        }
        assertEquals(List.of(), evaluate(600));
        assertEquals(1, model.activeCount());
    }

    @Test
    void aStormRevealedSourceBySourceIsStillOneEpisode() {
        String f = "{\"src\":\"s%02d\",\"seq\":%d,\"ttl\":600000}";
        for (int s = 0; s < 20; s++) {
            feed.send(T0 + 100, f.formatted(s, 1));
        }
        // First second: only 4 sources have seen their gap yet (too few to call it widespread)...
        for (int s = 0; s < 4; s++) {
            feed.send(T0 + 1_000, f.formatted(s, 3));
        }
        assertEquals(List.of(), evaluate(1_000));
        // ...next second the rest have: one widespread alarm, and none of the first four alarm on their own.
        for (int s = 4; s < 20; s++) {
            feed.send(T0 + 2_000, f.formatted(s, 3));
        }
        assertEquals(List.of(AlarmKind.WIDESPREAD_LOSS), evaluate(2_000).stream().map(Alarm::kind).toList());
        assertEquals(1, model.activeCount());
    }

    @Test
    void aStormRampingUpIsOneEpisodeBeforeAnySourcePassesTheRaiseLevel() {
        model.setThresholds(AlarmThresholds.defaults().withLoss(0.05)); // raise over 5%, clear at 2.5%
        String f = "{\"src\":\"s%02d\",\"seq\":%d,\"ttl\":600000}";
        for (int s = 0; s < 20; s++) {
            for (int q = 1; q <= 30; q++) {
                feed.send(T0 + q * 10L, f.formatted(s, q));
            }
            feed.send(T0 + 400, f.formatted(s, 32)); // 1 of 32 lost: 3.1%, over the clearing level only
        }
        assertEquals(List.of(AlarmKind.WIDESPREAD_LOSS), evaluate(400).stream().map(Alarm::kind).toList());
        for (int s = 0; s < 20; s++) {
            feed.send(T0 + 500, f.formatted(s, 35)); // 3 of 35 lost: 8.6%, each over the raise level now
        }
        assertEquals(List.of(), evaluate(500));
        assertEquals(List.of(), evaluate(600), "not after the on-delay either: all part of the episode");
        assertEquals(1, model.activeCount());
    }

    @Test
    void aMomentOfStalenessEndedByTheNextDatagramRaisesNothing() {
        feed.send(T0, "{\"src\":\"f\",\"seq\":1,\"ttl\":1000}");
        assertEquals(List.of(), evaluate(1100));
        assertEquals(List.of(), evaluate(2100));
        feed.send(T0 + 2500, "{\"src\":\"f\",\"seq\":2,\"ttl\":1000}");
        assertEquals(List.of(), evaluate(3000));
        assertEquals(0, model.log().size());
    }

    @Test
    void lossAtNineSourcesIsStillNineAlarms() {
        String f = "{\"src\":\"s%02d\",\"seq\":%d,\"ttl\":600000}";
        for (int s = 0; s < 9; s++) {
            feed.send(T0 + 100, f.formatted(s, 1)).send(T0 + 300, f.formatted(s, 5));
        }
        List<Alarm> raised = evaluateTwice(300);
        assertEquals(9, raised.size());
        assertTrue(raised.stream().allMatch(a -> a.kind() == AlarmKind.LOSS));
    }

    @Test
    void lossAtExactlyTheThresholdDoesNotRaise() {
        // 1 lost of 100 expected (seq 1..100 without 50) = exactly 1%: not over.
        for (int seq = 1; seq <= 100; seq++) {
            if (seq != 50) {
                feed.send(T0 + seq * 10L, "{\"src\":\"s\",\"seq\":" + seq + ",\"ttl\":600000}");
            }
        }
        feed.publish(T0 + 1000);
        assertEquals(0.01, feed.engine().snapshot().source(0).lossFraction1m(), 1e-12);
        assertEquals(List.of(), evaluate(1000));
        model.setThresholds(AlarmThresholds.defaults().withLoss(0.005));
        assertEquals(1, evaluateTwice(1000).size());
    }

    @Test
    void statusAlarmAndFaultAreOneEpisodeUntilOk() {
        feed.send(T0, "{\"src\":\"p\",\"seq\":1,\"status\":\"alarm\",\"text\":\"pump trip\",\"ttl\":600000}");
        List<Alarm> raised = evaluate(0);
        assertEquals(1, raised.size());
        assertEquals(AlarmKind.STATUS, raised.get(0).kind());
        assertEquals("alarm: pump trip", raised.get(0).detail());

        feed.send(T0 + 10, "{\"src\":\"p\",\"seq\":2,\"status\":\"fault\",\"ttl\":600000}");
        assertEquals(List.of(), evaluate(10));
        feed.send(T0 + 20, "{\"src\":\"p\",\"seq\":3,\"status\":\"ok\",\"ttl\":600000}");
        assertEquals(List.of(), evaluate(20));
        assertEquals(List.of(new Alarm(1, T0, "p", AlarmKind.STATUS, "alarm: pump trip", false, T0 + 20)),
                model.log());
    }

    @Test
    void twoSendersForOneSourceRaiseAConflict() {
        feed.send(T0, "{\"src\":\"c\",\"seq\":1,\"ttl\":5000}");
        feed.send(T0 + 10, "{\"src\":\"c\",\"seq\":2,\"ttl\":5000}", new InetSocketAddress("10.0.0.2", 5000));
        List<Alarm> raised = evaluate(10);
        assertEquals(1, raised.size());
        assertEquals(AlarmKind.CONFLICT, raised.get(0).kind());
        assertEquals("claimed by 10.0.0.2:5000 and 10.0.0.1:5000", raised.get(0).detail());
        // The other sender silent for longer than the staleness time: conflict over.
        feed.send(T0 + 5_001, "{\"src\":\"c\",\"seq\":3,\"ttl\":5000}", new InetSocketAddress("10.0.0.2", 5000));
        assertEquals(List.of(), evaluate(5_001));
        assertEquals(0, model.activeCount());
    }

    @Test
    void acknowledgeOneThenAllAndTheSourcesToBlink() {
        feed.send(T0, "{\"src\":\"a\",\"seq\":1,\"status\":\"alarm\",\"ttl\":600000}");
        feed.send(T0, "{\"src\":\"b\",\"seq\":1,\"status\":\"fault\",\"ttl\":600000}");
        int[] changes = {0};
        model.addListener(() -> changes[0]++);
        List<Alarm> raised = evaluate(0);
        assertEquals(1, changes[0]);
        assertEquals(Set.of("a", "b"), model.unacknowledgedSources());
        assertEquals(2, model.unacknowledgedCount());

        assertTrue(model.acknowledge(raised.get(0).id()));
        assertFalse(model.acknowledge(raised.get(0).id()), "already acknowledged");
        assertEquals(2, changes[0]);
        assertEquals(Set.of("b"), model.unacknowledgedSources());
        assertTrue(model.get(raised.get(0).id()).acknowledged());
        assertEquals(AlarmState.ACTIVE, model.get(raised.get(0).id()).state());

        assertEquals(1, model.acknowledgeAll());
        assertEquals(Set.of(), model.unacknowledgedSources());
        // The acknowledged flag survives resolution.
        feed.send(T0 + 10, "{\"src\":\"a\",\"seq\":2,\"status\":\"ok\",\"ttl\":600000}");
        evaluate(10);
        Alarm a = model.get(raised.get(0).id());
        assertTrue(a.acknowledged());
        assertEquals(T0 + 10, a.resolvedMillis());
        assertEquals(1, model.clearResolvedAcknowledged());
        assertEquals(1, model.log().size());
    }

    @Test
    void unacknowledgedResolvedAlarmStillMarksItsSource() {
        feed.send(T0, "{\"src\":\"a\",\"seq\":1,\"status\":\"alarm\",\"ttl\":600000}");
        evaluate(0);
        feed.send(T0 + 10, "{\"src\":\"a\",\"seq\":2,\"status\":\"ok\",\"ttl\":600000}");
        evaluate(10);
        assertEquals(0, model.activeCount());
        assertEquals(Set.of("a"), model.unacknowledgedSources());
    }

    @Test
    void switchingAKindOffResolvesItsOpenAlarms() {
        feed.send(T0, "{\"src\":\"a\",\"seq\":1,\"status\":\"alarm\",\"ttl\":600000}");
        evaluate(0);
        model.setThresholds(new AlarmThresholds(0.01, 0.005, true, false, true));
        evaluate(1);
        assertEquals(0, model.activeCount());
        assertEquals(T0 + 1, model.log().get(0).resolvedMillis());
    }

    @Test
    void logKeepsActiveAlarmsAndDropsOldestResolvedBeyondCapacity() {
        AlarmModel small = new AlarmModel(AlarmThresholds.defaults(), 2);
        for (int i = 0; i < 3; i++) {
            feed.send(T0 + i * 10, "{\"src\":\"x\",\"seq\":" + (2 * i + 1) + ",\"status\":\"alarm\",\"ttl\":600000}");
            small.evaluate(feed.publish(T0 + i * 10), T0 + i * 10);
            feed.send(T0 + i * 10 + 5, "{\"src\":\"x\",\"seq\":" + (2 * i + 2) + ",\"status\":\"ok\",\"ttl\":600000}");
            small.evaluate(feed.publish(T0 + i * 10 + 5), T0 + i * 10 + 5);
        }
        assertEquals(List.of(2L, 3L), small.log().stream().map(Alarm::id).toList());
    }

    @Test
    void aReceiverLoopThatStallsThenStopsIsTwoEpisodesOfOneReceiverAlarmAndResolvesWhenWell() {
        assertEquals(List.of(), model.receiver(null, 1_000));
        long before = model.version();
        assertEquals(List.of(), model.receiver(null, 1_500));
        assertEquals(before, model.version(), "nothing changed, nobody told");

        List<Alarm> stalled = model.receiver("processing stalled: no progress for 2 s with 5 datagrams waiting", 2_000);
        assertEquals(1, stalled.size());
        assertEquals(AlarmKind.RECEIVER, stalled.getFirst().kind());
        assertEquals(AlarmModel.RECEIVER, stalled.getFirst().src());
        assertEquals(List.of(), model.receiver("processing stalled: no progress for 2 s with 5 datagrams waiting", 3_000));

        List<Alarm> stopped = model.receiver("processing stopped: disk on fire", 4_000);
        assertEquals("processing stopped: disk on fire", stopped.getFirst().detail());
        assertEquals(List.of(stopped.getFirst()), model.active());
        assertEquals(4_000, model.get(stalled.getFirst().id()).resolvedMillis());

        assertEquals(List.of(), model.receiver(null, 5_000));
        assertEquals(List.of(), model.active());
        assertEquals(2, model.unacknowledgedCount());
    }
}
