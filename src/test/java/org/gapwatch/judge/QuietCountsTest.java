package org.gapwatch.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.gapwatch.testutil.Feed;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.Test;

/**
 * The cause's counts of quiet sources kept per chunk between judgements give the same episodes as counting every
 * source at every judgement: while sources appear, go stale with the clock, come back and join the episode.
 */
class QuietCountsTest {
    private static final long T0 = 1_800_000_000_000L;
    private static final int SOURCES = 900; // four chunks, the last one partial
    private static final List<InetSocketAddress> SENDERS = List.of(new InetSocketAddress("10.0.0.1", 5000),
            new InetSocketAddress("10.0.0.2", 5000), new InetSocketAddress("10.0.0.3", 5000));
    private static final List<InetSocketAddress> GROUPS = List.of(new InetSocketAddress("239.1.1.1", 5000),
            new InetSocketAddress("239.1.1.2", 5000), new InetSocketAddress("239.1.1.3", 5000));

    @Test
    void keptCountsGiveTheEpisodesOfCountingEverySourceEachTime() {
        SplittableRandom rnd = new SplittableRandom(9);
        Feed feed = new Feed();
        JudgeConfig config = new JudgeConfig(Thresholds.defaults(), List.of(), 4_000);
        Judge kept = new Judge(config);
        Judge full = new Judge(config, false);
        long[] seq = new long[SOURCES];
        int known = 100;
        long now = T0;
        Set<String> evidence = new HashSet<>();
        for (int step = 0; step < 500; step++) {
            now += rnd.nextInt(6) == 0 ? rnd.nextInt(1_000, 6_000) : rnd.nextInt(50, 400); // some go stale
            known = Math.min(SOURCES, known + rnd.nextInt(0, 10));
            // the first sender loses throughout; now and then (steps 300..350) the second one as well
            boolean secondLoses = step >= 300 && step < 350;
            for (int u = 0, updates = rnd.nextInt(0, 80); u < updates; u++) {
                int id = rnd.nextInt(known);
                int sender = id % 3;
                boolean loses = (sender == 0 || sender == 1 && secondLoses) && rnd.nextInt(6) == 0;
                seq[id] += loses ? 2 : 1;
                String ttl = id % 2 == 0 ? "1500" : "600000";
                feed.send(now, "{\"src\":\"s" + id + "\",\"seq\":" + seq[id] + ",\"ttl\":" + ttl + "}",
                        SENDERS.get(sender), GROUPS.get(id % 5 == 0 ? 2 : (id / 3) % 2));
            }
            TrackerSnapshot snap = feed.publish(now);
            Judgement a = kept.judge(snap, now);
            Judgement b = full.judge(snap, now);
            assertEquals(b.episodes(), a.episodes(), "episodes at step " + step);
            if (b.currentEpisode() != null) {
                evidence.add(b.currentEpisode().evidence());
            }
        }
        long counted = evidence.stream().filter(e -> e.contains("lost none")).count();
        assertTrue(counted > 20, "evidence with counts of quiet sources: " + counted + " of " + evidence);
    }
}
