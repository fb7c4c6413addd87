package org.gapwatch.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.JudgeConfig;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.LossWindow;
import org.gapwatch.judge.ThresholdRule;
import org.gapwatch.judge.Thresholds;
import org.gapwatch.testutil.Feed;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Incremental alarm evaluation (only the sources of the judge's changed chunks, those waiting out an on-delay, and
 * the points whose shelf or chattering runs out) gives what the full evaluation of before gives ({@link
 * FullAlarmModel}, the old algorithm): the same rows, notices, counts and versions at every step of a random stream
 * with sources appearing, going stale, losing, alarming, in conflict and recovering, loss episodes, acknowledgements,
 * shelving, a condition from outside, the log trimmed, the engine replaced; and its work does not grow with the
 * number of sources.
 */
class IncrementalAlarmModelTest {
    private static final long T0 = 1_800_000_000_000L;
    private static final int SOURCES = 1_300; // six chunks, the last one partial
    private static final List<String> STATUS = List.of("ok", "ok", "ok", "ok", "ok", "warn", "alarm", "fault");
    private static final InetSocketAddress OTHER = new InetSocketAddress("10.0.0.2", 5000);

    @ParameterizedTest(name = "seed {0}, log of {1}")
    @CsvSource({"1, 10000", "2, 10000", "3, 60", "4, 200"})
    void incrementalEvaluationEqualsTheFullOneAtEveryStep(long seed, int capacity) {
        SplittableRandom rnd = new SplittableRandom(seed);
        JudgeConfig config = new JudgeConfig(Thresholds.ofPercent(1, 5, LossWindow.ONE_MINUTE), List.of(
                new ThresholdRule("g1/**", Thresholds.ofPercent(0.5, 2, LossWindow.ONE_MINUTE), "call g1")), 3_000);
        Judge judge = new Judge(config);
        Feed feed = new Feed();
        AlarmModel incremental = new AlarmModel(capacity);
        FullAlarmModel full = new FullAlarmModel(capacity);
        long[] seq = new long[SOURCES];
        int known = 100;
        long now = T0;
        int notices = 0;
        int episodesRaised = 0;
        int chattering = 0;
        int unshelvedByTime = 0;
        int partial = 0;
        EnumSet<AlarmState> statesSeen = EnumSet.noneOf(AlarmState.class);
        for (int step = 0; step < 500; step++) {
            if (step == 350) { // another engine: fewer sources, in another order (ids mean other sources)
                feed = new Feed();
                seq = new long[SOURCES];
                known = 300;
            }
            int judgements = rnd.nextInt(1, 5); // the judge runs more often than the alarms are evaluated
            Judgement j = null;
            for (int r = 0; r < judgements; r++) {
                now += rnd.nextInt(6) == 0 ? rnd.nextInt(1, 6_000) : rnd.nextInt(50, 400);
                known = Math.min(SOURCES, known + rnd.nextInt(0, 10));
                send(feed, rnd, seq, known, now, step, step >= 350);
                j = judge.judge(feed.publish(now), now);
            }
            long at = now;
            act(rnd, incremental, full, at, step);
            full.log().forEach(a -> statesSeen.add(a.state())); // a row normal now may be trimmed at evaluation
            if (rnd.nextInt(25) == 0) {
                String detail = rnd.nextBoolean() ? "processing stalled for 2 s" : null;
                incremental.setCondition(AlarmModel.RECEIVER, AlarmKind.RECEIVER, detail);
                full.setCondition(AlarmModel.RECEIVER, AlarmKind.RECEIVER, detail);
            }
            int shelvedBefore = (int) full.log().stream().filter(a -> a.shelvedUntil() >= 0).count();
            List<Alarm> expected = full.evaluate(j, at);
            List<Alarm> got = incremental.evaluate(j, at);
            String where = "step " + step + " (seed " + seed + ")";
            assertEquals(expected, got, "notices at " + where);
            assertSame(full, incremental, where);
            notices += expected.size();
            if (incremental.lookedAtInLastEvaluation() < j.sourceCount()) {
                partial++; // a full evaluation looks at each source twice (its state read, its points evaluated)
            }
            unshelvedByTime += shelvedBefore - (int) full.log().stream().filter(a -> a.shelvedUntil() >= 0).count();
            for (Alarm a : full.log()) {
                statesSeen.add(a.state());
                if (a.kind() == AlarmKind.EPISODE && a.active()) {
                    episodesRaised++;
                }
                if (a.chattering()) {
                    chattering++;
                }
            }
        }
        // The stream did exercise what it is meant to compare.
        assertTrue(notices > 50, "notices: " + notices);
        assertTrue(episodesRaised > 0, "no episode raised its alarm");
        assertTrue(chattering > 0, "no point chattered");
        assertTrue(unshelvedByTime > 0, "no shelf ran out");
        assertEquals(EnumSet.allOf(AlarmState.class), statesSeen);
        assertTrue(partial > 10, "evaluations that looked at half the sources or fewer: " + partial);
        long lastId = full.log().isEmpty() ? 0 : full.log().getLast().id();
        assertTrue(capacity > 1_000 || lastId > full.log().size() + 100, "rows dropped as the log was trimmed");
    }

    /**
     * Updates: busy sources flip status (chattering), some lose (gaps), some have a second sender, some go quiet.
     * Most go to two chunks that move every 50 steps, a few anywhere, so that most chunks stay as they were.
     */
    private static void send(Feed feed, SplittableRandom rnd, long[] seq, int known, long now, int step,
                             boolean reversed) {
        int updates = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(1, 60);
        int hot = (step / 50 * 2) % Math.max(1, known / 256);
        for (int u = 0; u < updates + 12; u++) {
            int n = u < 12 ? u : rnd.nextInt(40) == 0 ? rnd.nextInt(known)
                    : Math.min(known - 1, hot * 256 + rnd.nextInt(512));
            int id = reversed ? known - 1 - n : n;
            boolean lossy = id % 7 == 0 || id < 12;
            seq[id] += lossy && rnd.nextInt(6) == 0 ? rnd.nextInt(2, 5) : 1;
            String status = id < 6 ? (rnd.nextBoolean() ? "alarm" : "ok") : STATUS.get(rnd.nextInt(STATUS.size()));
            String ttl = id % 3 == 0 ? "1500" : id % 3 == 1 ? "8000" : "600000";
            InetSocketAddress sender = rnd.nextInt(60) == 0 ? OTHER : Feed.SENDER;
            feed.send(now - rnd.nextInt(30), "{\"src\":\"g" + (id % 4) + "/s" + id + "\",\"seq\":" + seq[id]
                    + ",\"status\":\"" + status + "\",\"ttl\":" + ttl + "}", sender);
        }
    }

    /** The same operator action on both, with the same answer. */
    private static void act(SplittableRandom rnd, AlarmModel incremental, FullAlarmModel full, long now, int step) {
        List<Alarm> log = full.log();
        int what = rnd.nextInt(20);
        if (log.isEmpty() || what >= 8) {
            return;
        }
        long id = rnd.nextInt(8) == 0 ? 999_999 : log.get(rnd.nextInt(log.size())).id();
        String where = "action " + what + " at step " + step;
        switch (what) {
            case 0, 1, 2 -> assertEquals(full.acknowledge(id), incremental.acknowledge(id), where);
            case 3 -> assertEquals(full.acknowledgeAll(), incremental.acknowledgeAll(), where);
            case 4, 5 -> {
                long until = now + (rnd.nextBoolean() ? rnd.nextInt(1, 3_000) : rnd.nextInt(3_000, 30_000));
                assertEquals(full.shelve(id, until), incremental.shelve(id, until), where);
            }
            case 6 -> assertEquals(full.unshelve(id), incremental.unshelve(id), where);
            default -> assertEquals(full.clearResolvedAcknowledged(), incremental.clearResolvedAcknowledged(), where);
        }
        assertSame(full, incremental, where);
    }

    private static void assertSame(FullAlarmModel full, AlarmModel incremental, String where) {
        assertEquals(full.log(), incremental.log(), "rows at " + where);
        assertEquals(full.version(), incremental.version(), "version at " + where);
        assertEquals(full.unacknowledgedSources(), incremental.unacknowledgedSources(), "unacknowledged at " + where);
        assertEquals(full.unacknowledgedSources().hashCode(), incremental.unacknowledgedSources().hashCode());
        assertEquals(full.unacknowledgedCount(), incremental.unacknowledgedCount(), "unacknowledged at " + where);
        assertEquals(full.activeCount(), incremental.activeCount(), "active at " + where);
        assertEquals(full.alarmsPerTenMinutes(), incremental.alarmsPerTenMinutes(), "rate at " + where);
        assertEquals(full.log().stream().filter(Alarm::active).toList(), incremental.active(), "active at " + where);
        assertEquals(full.alarmsPerTenMinutes() > AlarmModel.FLOOD_BENCHMARK, incremental.flood(), where);
        List<Alarm> log = full.log();
        // The list's order, kept from the result before where nothing moved: as sorting the rows afresh.
        List<Alarm> newestFirst = new java.util.ArrayList<>(log);
        newestFirst.sort(java.util.Comparator.comparingLong(Alarm::lastMillis).thenComparingLong(Alarm::id)
                .reversed());
        assertEquals(newestFirst, List.copyOf(incremental.newestFirst().list()), "list order at " + where);
        for (int i = 0; i < log.size(); i += 1 + log.size() / 16) { // a few: each look-up of a point is a pass
            Alarm a = log.get(i);
            assertEquals(a, incremental.point(a.src(), a.kind()), "point at " + where);
            assertEquals(a, incremental.get(a.id()), "row by id at " + where);
        }
        assertEquals(full.point("g0/s1", AlarmKind.CONFLICT), incremental.point("g0/s1", AlarmKind.CONFLICT));
        assertEquals(full.point(AlarmModel.EPISODE_SOURCE, AlarmKind.EPISODE),
                incremental.point(AlarmModel.EPISODE_SOURCE, AlarmKind.EPISODE));
    }

    @Test
    void anEvaluationLooksAtTheChangedChunksAloneHoweverManySources() {
        assertEquals(lookedAt(1_000), lookedAt(50_000));
        assertEquals(2 * 2 * TrackerSnapshot.CHUNK, lookedAt(50_000),
                "read two chunks' states, looked at their sources' points");
    }

    /**
     * {@code n} sources all alarming (their publisher says so), evaluated; then five of them in two chunks say ok:
     * what the next evaluation looks at.
     */
    private static int lookedAt(int n) {
        Feed feed = new Feed();
        Judge judge = new Judge();
        AlarmModel model = new AlarmModel();
        long now = T0;
        for (int id = 0; id < n; id++) {
            feed.send(now, "{\"src\":\"plant/s" + id + "\",\"seq\":1,\"status\":\"alarm\",\"ttl\":600000}");
        }
        assertEquals(n, model.evaluate(judge.judge(feed.publish(now), now), now).size());
        now += 1_000;
        model.evaluate(judge.judge(feed.publish(now), now), now); // nothing changed
        assertEquals(0, model.lookedAtInLastEvaluation(), "nothing changed, nothing looked at");
        now += 1_000;
        int c = TrackerSnapshot.CHUNK;
        for (int id : new int[] {3, c / 2 + 4, c - 1, c, 2 * c - 4}) { // in the first two chunks
            feed.send(now, "{\"src\":\"plant/s" + id + "\",\"seq\":2,\"status\":\"ok\",\"ttl\":600000}");
        }
        model.evaluate(judge.judge(feed.publish(now), now), now);
        assertEquals(n - 5, model.activeCount());
        assertTrue(model.active().stream().noneMatch(a -> a.src().equals("plant/s" + (2 * c - 4))), "the last cleared");
        return model.lookedAtInLastEvaluation();
    }
}
