package org.gapwatch.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.stream.Collectors;
import org.gapwatch.engine.Engine;
import org.gapwatch.protocol.Status;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.Test;

class DemoScenarioTest {
    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);

    @Test
    void firstThirtySecondsShowEveryKindOfEvent() {
        long start = 1_700_000_000_000L;
        DemoScenario demo = new DemoScenario(42, start);
        Engine engine = new Engine(TrackerConfig.defaults(), 0);
        int[] payloads = {0};
        long now = start;
        for (; now <= start + 30_000; now += 50) {
            long t = now;
            demo.tick(now, p -> {
                assertTrue(p.length <= 1300, "payload fits one datagram: " + p.length);
                payloads[0]++;
                engine.datagram(p, 0, p.length, SENDER, t);
            });
            engine.afterBatch(now);
        }
        engine.publish(now);
        TrackerSnapshot snap = engine.snapshot();
        assertEquals(3, snap.totals().invalid(), "one malformed datagram at 5, 15 and 25 s, nothing else invalid");
        assertEquals(demo.sourceCount(), snap.sourceCount());
        assertTrue(snap.sourceCount() >= 280 && snap.sourceCount() <= 320, "about 300 sources");
        Set<String> groups = snap.sources().stream().map(SourceView::group).collect(Collectors.toSet());
        assertTrue(groups.size() >= 5, "several groups: " + groups);

        SourceView stale = snap.sources().stream().filter(v -> v.src().equals(DemoScenario.STALE_SOURCE))
                .findFirst().orElseThrow();
        assertTrue(stale.isStale(now), "stale source is stale at 30 s");
        assertEquals(0, stale.lost(), "going silent is not loss");

        SourceView restarting = snap.sources().stream()
                .filter(v -> v.src().equals(DemoScenario.RESTARTING_SOURCE)).findFirst().orElseThrow();
        assertEquals(0, restarting.restarts(), "first restart comes at 45 s");

        assertTrue(snap.sources().stream().anyMatch(v -> v.status() == Status.ALARM), "some alarm");
        assertTrue(snap.sources().stream().anyMatch(v -> v.status() == Status.FAULT), "some fault");
        assertTrue(snap.totals().late() > 0, "some late arrivals");
        long losing = snap.sources().stream().filter(v -> v.lost() > 0).count();
        assertTrue(losing > snap.sourceCount() / 2, "the storm at 20 s hit most sources: " + losing);
        assertTrue(demo.stormAt(start + DemoScenario.FIRST_STORM_MILLIS));
        assertTrue(!demo.stormAt(start + DemoScenario.FIRST_STORM_MILLIS + DemoScenario.STORM_LENGTH_MILLIS));
    }

    @Test
    void restartingSourceRestartsAt45Seconds() {
        long start = 1_700_000_000_000L;
        DemoScenario demo = new DemoScenario(7, start);
        Engine engine = new Engine(TrackerConfig.defaults(), 0);
        long now = start;
        for (; now <= start + 50_000; now += 100) {
            long t = now;
            demo.tick(now, p -> engine.datagram(p, 0, p.length, SENDER, t));
            engine.afterBatch(now);
        }
        engine.publish(now);
        SourceView v = engine.snapshot().sources().stream()
                .filter(s -> s.src().equals(DemoScenario.RESTARTING_SOURCE)).findFirst().orElseThrow();
        assertEquals(1, v.restarts());
    }
}
