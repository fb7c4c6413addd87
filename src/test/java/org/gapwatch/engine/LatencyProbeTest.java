package org.gapwatch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.gapwatch.engine.LatencyProbe.Hop;
import org.junit.jupiter.api.Test;

/** Each datagram's hops, exact to the nanosecond of the probe's clock, and shown by the first pulse new enough. */
class LatencyProbeTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final LatencyProbe probe = new LatencyProbe(clock::get, 16);

    /** One datagram taken as it arrives and published in snapshot {@code version}; then the clock moves on. */
    private void publishOne(long version, long thenNanos) {
        probe.taken(clock.get());
        probe.published(version);
        clock.addAndGet(thenNanos);
    }

    @Test
    void hopsOfEachDatagramFromArrivalToThePulseThatShowsItsSnapshot() {
        clock.set(1_000_050_000L);
        probe.taken(1_000_000_000L); // arrived 50 µs before the writer took it
        clock.set(1_000_100_000L);
        probe.taken(1_000_090_000L);
        clock.set(1_000_400_000L);
        probe.published(7);
        clock.set(1_002_000_000L);
        probe.shown(6); // an older snapshot: nothing of version 7 is shown yet
        assertEquals(0, probe.count());
        clock.set(1_010_400_000L);
        probe.shown(7);
        assertEquals(2, probe.count());
        assertEquals(List.of(10.0, 50.0), probe.percentiles(Hop.RING, 50, 100));
        assertEquals(List.of(300.0, 350.0), probe.percentiles(Hop.PUBLISH, 50, 100));
        assertEquals(List.of(10_000.0, 10_000.0), probe.percentiles(Hop.PULSE, 50, 100));
        assertEquals(List.of(10_310.0, 10_400.0), probe.percentiles(Hop.TOTAL, 50, 100));
        assertEquals(0.5, probe.shareAbove(Hop.TOTAL, 10_310));
    }

    @Test
    void aPulseShowsEverySnapshotUpToTheOneItReadAndNoneTwice() {
        publishOne(1, 1_000_000L);
        publishOne(2, 1_000_000L);
        publishOne(3, 500_000L);
        probe.shown(2);
        assertEquals(List.of(2_500.0, 1_500.0), probe.percentiles(Hop.TOTAL, 100, 0));
        probe.shown(2);
        probe.shown(3);
        assertEquals(3, probe.count());
        assertEquals(List.of(500.0), probe.percentiles(Hop.TOTAL, 0));
    }

    @Test
    void theAgeOfWhatAPulseDrawsFromAnOlderSnapshotIsCountedFromThatSnapshotsPublication() {
        publishOne(4, 30_000_000L);
        publishOne(5, 2_000_000L);
        probe.shown(5);
        probe.aged(LatencyProbe.Age.JUDGEMENT, 4); // judged from the snapshot published 32 ms ago
        probe.aged(LatencyProbe.Age.WALL_MODEL, 5);
        probe.aged(LatencyProbe.Age.WALL_MODEL, 3); // never seen published: not counted
        assertEquals("judgement age ms p50/99 32.0/32.0 (1 pulses), wall_model age ms p50/99 2.0/2.0 (1 pulses)",
                probe.ages(50, 99));
    }

    @Test
    void aFullProbeStillTakesWhatIsShownOffItsQueueSoAfterClearingThePulseHopIsFresh() {
        for (int v = 1; v <= 20; v++) {
            publishOne(v, 1_000_000L); // 20 datagrams into a probe that keeps 16, shown by one pulse
        }
        probe.shown(20);
        assertEquals(16, probe.count());
        probe.clear();
        publishOne(21, 3_000_000L);
        probe.shown(21);
        assertEquals(1, probe.count());
        // Shown 3 ms after its publication, not the 20 ms of a batch left queued while the probe was full.
        assertEquals(List.of(3_000.0), probe.percentiles(Hop.PULSE, 100));
    }

    @Test
    void figuresAreACopyThatLaterPulsesDoNotChange() {
        publishOne(1, 2_000_000L);
        probe.shown(1);
        LatencyProbe.Figures before = probe.figures();
        publishOne(2, 5_000_000L);
        probe.shown(2);
        assertEquals(1, before.count());
        assertEquals(List.of(2_000.0), before.percentiles(Hop.TOTAL, 100));
        assertEquals(2, probe.figures().count());
    }

    @Test
    void aClearAskedIsDoneByThePulseAtItsNextCallAndUntilThenTheFiguresHoldNothing() {
        publishOne(1, 1_000_000L);
        probe.shown(1);
        probe.aged(LatencyProbe.Age.JUDGEMENT, 1);
        probe.clear();
        assertEquals(0, probe.figures().count());
        assertEquals("judgement age ms p50 - (0 pulses), wall_model age ms p50 - (0 pulses)", probe.ages(50));
        probe.shown(1); // nothing new to show, but the clear is done
        assertEquals(0, probe.count());
        publishOne(2, 4_000_000L);
        probe.shown(2);
        assertEquals(List.of(4_000.0), probe.percentiles(Hop.TOTAL, 100));
    }

    @Test
    void figuresReadWhileThePulseRecordsHoldOnlyWholeSamples() throws Exception {
        LatencyProbe big = new LatencyProbe(() -> 5_000L, 200_000);
        var failed = new java.util.concurrent.atomic.AtomicReference<String>();
        var done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = new Thread(() -> {
            int reads = 0;
            while (!done.get() || reads == 0) {
                LatencyProbe.Figures f = big.figures();
                reads++;
                // Every datagram arrived 1 µs before it was taken, published and shown at once: a sample not yet
                // written would read 0 µs somewhere.
                if (f.count() > 0 && (!f.percentiles(Hop.RING, 0, 100).equals(List.of(1.0, 1.0))
                        || !f.percentiles(Hop.TOTAL, 0, 100).equals(List.of(1.0, 1.0)))) {
                    failed.set(f.summary(1));
                }
            }
        }, "probe-reader");
        reader.start();
        for (int v = 1; v <= 20_000; v++) {
            for (int i = 0; i < 10; i++) {
                big.taken(4_000L);
            }
            big.published(v);
            big.shown(v);
        }
        done.set(true);
        reader.join();
        assertEquals(null, failed.get());
        assertEquals(200_000, big.count());
    }
}
