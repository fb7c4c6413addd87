package org.gapwatch.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import org.gapwatch.testutil.Feed;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Incremental judging (only changed sources and those whose time to flip came) gives exactly what judging every
 * source afresh gives: on a randomized stream over many chunks of sources with loss, statuses, second senders,
 * invalid datagrams, staleness coming and going, a config change and the clock stepping back.
 */
class IncrementalJudgeTest {
    private static final long T0 = 1_800_000_000_000L;
    private static final int SOURCES = 700; // three chunks, the last one partial
    private static final List<String> STATUS = List.of("ok", "ok", "ok", "warn", "alarm", "fault");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void incrementalJudgementEqualsAFullOneAtEveryStep(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Feed feed = new Feed();
        JudgeConfig lossy = new JudgeConfig(Thresholds.ofPercent(1, 5, LossWindow.ONE_MINUTE), List.of(
                new ThresholdRule("g1/**", Thresholds.ofPercent(0.1, 0.5, LossWindow.FIVE_MINUTES), "")), 3_000);
        Judge incremental = new Judge(lossy);
        Judge full = new Judge(lossy, false);
        long[] seq = new long[SOURCES];
        int known = 50;
        long now = T0;
        int episodesSeen = 0;
        int[] statesSeen = new int[SourceState.values().length];
        for (int step = 0; step < 400; step++) {
            now += rnd.nextInt(5) == 0 ? rnd.nextInt(1, 8_000) : rnd.nextInt(1, 300);
            known = Math.min(SOURCES, known + rnd.nextInt(0, 8)); // sources keep appearing
            int updates = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(1, 60); // some rounds nothing arrives
            for (int u = 0; u < updates + 10; u++) {
                int id = u < 10 ? u : rnd.nextInt(known); // sources 0..9 are busy: small loss shares among many
                seq[id] += rnd.nextInt(40) == 0 ? (id % 5 == 0 ? rnd.nextInt(2, 6) : 2) : 1; // a gap now and then
                InetSocketAddress sender = rnd.nextInt(40) == 0
                        ? new InetSocketAddress("10.0.0.2", 5000) : Feed.SENDER;
                String ttl = id % 3 == 0 ? "2000" : id % 3 == 1 ? "9000" : "600000";
                feed.send(now - rnd.nextInt(50), "{\"src\":\"g" + (id % 4) + "/s" + id + "\",\"seq\":" + seq[id]
                        + ",\"status\":\"" + STATUS.get(rnd.nextInt(STATUS.size())) + "\",\"ttl\":" + ttl + "}",
                        sender);
            }
            if (rnd.nextInt(30) == 0) {
                feed.send(now, "{\"src\":\"g0/s" + rnd.nextInt(known) + "\",\"seq\":-5}");
            }
            if (step == 200) {
                JudgeConfig strict = new JudgeConfig(Thresholds.ofPercent(0.1, 2, LossWindow.FIVE_MINUTES),
                        List.of(), 5_000);
                incremental.setConfig(strict);
                full.setConfig(strict);
            }
            TrackerSnapshot snap = feed.publish(now);
            long judgedAt = step == 300 ? now - 1_500 : now; // the clock steps back once
            Judgement a = incremental.judge(snap, judgedAt);
            Judgement b = full.judge(snap, judgedAt);
            assertEquals(b.sourceCount(), a.sourceCount());
            for (int id = 0; id < b.sourceCount(); id++) {
                assertEquals(b.state(id), a.state(id), "state of source " + id + " at step " + step);
                assertEquals(Double.doubleToRawLongBits(b.loss(id)), Double.doubleToRawLongBits(a.loss(id)),
                        "loss of source " + id + " at step " + step);
                statesSeen[b.state(id).ordinal()]++;
            }
            for (SourceState s : SourceState.values()) {
                assertEquals(b.count(s), a.count(s), "count of " + s + " at step " + step);
            }
            assertEquals(b.episodes(), a.episodes(), "episodes at step " + step);
            assertEquals(b.episodeSources(), a.episodeSources(), "episode sources at step " + step);
            assertEquals(b.recentLoss(), a.recentLoss());
            episodesSeen = b.episodes().size();
        }
        // The stream did exercise what it is meant to compare.
        assertTrue(episodesSeen > 1, "episodes: " + episodesSeen);
        for (SourceState s : List.of(SourceState.STALE, SourceState.CONFLICT, SourceState.FAULT, SourceState.ALARM,
                SourceState.BADLY_LOSING, SourceState.LOSING, SourceState.INVALID_INPUT, SourceState.WARN,
                SourceState.OK)) {
            assertTrue(statesSeen[s.ordinal()] > 0, "no source was ever " + s);
        }
    }
}
