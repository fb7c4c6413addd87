package org.gapwatch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.gapwatch.judge.Cause;
import org.gapwatch.judge.Episode;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.JudgeConfig;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.Thresholds;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.testutil.Await;
import org.junit.jupiter.api.Test;

/**
 * Loss episodes through real sockets on loopback (TTL 0, fresh groups): Java publishers A and B on group 1, C on
 * group 2. Loss at A's sources alone is one publisher; loss at A's and B's (all of group 1) is one group.
 */
class LoopbackEpisodeTest {
    private static final long QUIET_MILLIS = 1_000;

    private Episode episodeWhenLosing(List<String> losing) {
        GroupSpec g1 = Loopback.freshGroup(), g2 = Loopback.freshGroup();
        try (Loopback lo = new Loopback(TrackerConfig.defaults(), List.of(g1, g2));
             Publisher a = Loopback.publisher(g1); Publisher b = Loopback.publisher(g1);
             Publisher c = Loopback.publisher(g2)) {
            Map<String, Publisher> by = Map.of("a/1", a, "a/2", a, "b/1", b, "c/1", c);
            Judge judge = new Judge(new JudgeConfig(Thresholds.defaults(), List.of(), QUIET_MILLIS));
            for (String src : List.of("a/1", "a/2", "b/1", "c/1")) {
                Loopback.send(by.get(src), "{\"src\":\"" + src + "\",\"seq\":1,\"ttl\":600000}");
            }
            lo.await(s -> s.sourceCount() == 4 && s.totals().socketDropsKnown(), "four sources, drops known");
            judge.judge(lo.engine.snapshot(), System.currentTimeMillis());
            for (String src : List.of("a/1", "a/2", "b/1", "c/1")) {
                int seq = losing.contains(src) ? 3 : 2; // 3: number 2 is lost on the way
                Loopback.send(by.get(src), "{\"src\":\"" + src + "\",\"seq\":" + seq + ",\"ttl\":600000}");
            }
            lo.await(s -> s.totals().received() == 8, "the second updates");
            Judgement[] last = {null};
            Await.until("the episode to close after the quiet time", () -> {
                last[0] = judge.judge(lo.engine.snapshot(), System.currentTimeMillis());
                return last[0].currentEpisode() == null && !last[0].episodes().isEmpty();
            });
            assertEquals(1, last[0].episodes().size());
            return last[0].episodes().getFirst();
        }
    }

    @Test
    void lossAtOneSendersSourcesIsOnePublisher() {
        Episode e = episodeWhenLosing(List.of("a/1", "a/2"));
        assertEquals(Cause.ONE_PUBLISHER, e.cause(), e.evidence());
        assertEquals(List.of("a/1", "a/2"), e.sources().stream().sorted().toList());
        assertEquals(2, e.lost());
        assertEquals(0, e.socketDrops());
    }

    @Test
    void lossAtEverySenderOfOneGroupIsOneGroup() {
        Episode e = episodeWhenLosing(List.of("a/1", "a/2", "b/1"));
        assertEquals(Cause.ONE_GROUP, e.cause(), e.evidence());
        assertEquals(List.of("a/1", "a/2", "b/1"), e.sources().stream().sorted().toList());
        assertEquals(3, e.lost());
        assertEquals(0, e.socketDrops());
    }
}
