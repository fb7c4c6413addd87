package org.gapwatch.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;
import org.gapwatch.engine.Engine;
import org.gapwatch.judge.Episode;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.Judgement;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.Test;

/**
 * The demo's first 60 seconds replayed through the model, judged every 100 ms as the desktop monitor does: the loss
 * episodes it gives. The demo sends everything from one socket to one group, so its storm at 20 s cannot be told
 * from a publisher's fault by evidence: it is undetermined, and says why.
 */
class DemoEpisodesTest {
    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress GROUP = new InetSocketAddress("239.255.77.1", 47701);

    @Test
    void theDemoGivesTheseEpisodes() {
        long start = 1_700_000_000_000L;
        DemoScenario demo = new DemoScenario(42, start);
        Engine engine = new Engine(TrackerConfig.defaults(), 0);
        engine.trackerOnWriterThread().socketDrops(0); // a loopback receiver that dropped nothing
        Judge judge = new Judge();
        Judgement j = null;
        for (long now = start; now <= start + 60_000; now += 50) {
            long t = now;
            demo.tick(now, p -> engine.datagram(p, 0, p.length, SENDER, GROUP, t));
            engine.afterBatch(now);
            if ((now - start) % 100 == 0) {
                j = judge.judge(engine.snapshot(), now);
            }
        }
        List<String> episodes = j.episodes().stream().map(e -> (e.startMillis() - start) + ".."
                + (e.open() ? "open" : e.endMillis() - start) + " " + e.cause().code() + " " + e.sources().size()
                + " sources " + e.lost() + " lost " + e.socketDrops() + " drops").toList();
        // The storm runs 20..24 s; its gaps show as later numbers arrive, the last about 6.5 s in.
        assertEquals(List.of("20500..26500 undetermined 238 sources 369 lost 0 drops"), episodes);
        Episode storm = j.episodes().getFirst();
        assertEquals("369 updates lost at 238 sources, all from sender 127.0.0.1:40000 on 239.255.77.1:47701, and no"
                + " source of another sender there to compare: publisher or path cannot be told apart; no socket drops"
                + " at this machine", storm.evidence());
        assertEquals(null, j.currentEpisode(), "over 10 s after its last loss: closed");
        assertEquals(storm, j.latestEpisode(), "and still the status bar's diagnosis");
    }
}
