package org.gapwatch.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class StalenessAndHistoryTest {

    @Test
    void ttlDecidesStalenessWhenGiven() {
        Feed f = new Feed();
        f.json("{\"src\":\"s\",\"seq\":0,\"ttl\":2500,\"interval\":100}");
        SourceView v = f.view("s");
        assertEquals(2500, v.staleAfterMillis());
        assertFalse(v.isStale(v.lastArrivalMillis() + 2500));
        assertTrue(v.isStale(v.lastArrivalMillis() + 2501));
    }

    @Test
    void threeIntervalsWithoutTtl() {
        Feed f = new Feed();
        f.json("{\"src\":\"s\",\"seq\":0,\"interval\":400}");
        assertEquals(1200, f.view("s").staleAfterMillis());
    }

    @Test
    void threeMedianInterArrivalsWithAFloorOfOneSecond() {
        Feed f = new Feed();
        f.seqs("fast", 0, 1, 2, 3, 4); // 100 ms apart: 3 x 100 is below the floor
        assertEquals(1000, f.view("fast").staleAfterMillis());
        Feed g = new Feed();
        for (long s = 0; s < 5; s++) {
            g.json("{\"src\":\"slow\",\"seq\":" + s + "}");
            g.now += s == 2 ? 9000 : 2000; // one long pause does not move the median
        }
        assertEquals(6000, g.view("slow").staleAfterMillis());
    }

    @Test
    void fiveSecondsWhenNothingElseIsKnown() {
        Feed f = new Feed();
        f.seqs("s", 0);
        assertEquals(5000, f.view("s").staleAfterMillis());
    }

    @Test
    void aStaleSourceStaysKnown() {
        Feed f = new Feed();
        f.seqs("s", 0);
        f.now += 60_000;
        TrackerSnapshot snap = f.tracker.snapshot(f.now);
        assertEquals(1, snap.sourceCount());
        assertTrue(snap.source(0).isStale(f.now));
    }

    @Test
    void twoSendersAtOnceAreAConflict() {
        Feed f = new Feed();
        f.json("{\"src\":\"s\",\"seq\":0}", new InetSocketAddress("127.0.0.1", 1111));
        f.now += 100;
        f.json("{\"src\":\"s\",\"seq\":1}", new InetSocketAddress("127.0.0.1", 2222));
        SourceView v = f.view("s");
        assertTrue(v.conflict(f.now));
        assertEquals("127.0.0.1:2222", v.sender());
        assertEquals("127.0.0.1:1111", v.otherSender());
        assertFalse(v.conflict(f.now + 10_000), "no conflict once the other sender has been silent a stale time");
    }

    @Test
    void oneSenderIsNoConflict() {
        Feed f = new Feed();
        f.seqs("s", 0, 1, 2);
        assertFalse(f.view("s").conflict(f.now));
    }

    @Test
    void stripTellsReceivedLostLateAndNothingApart() {
        Feed f = new Feed();
        f.now = 1_700_000_000_000L; // on a second boundary
        f.json("{\"src\":\"s\",\"seq\":0}");
        f.now += 1000;
        f.json("{\"src\":\"s\",\"seq\":3}"); // 1, 2 lost in this second
        f.now += 2000;
        f.json("{\"src\":\"s\",\"seq\":1}"); // late
        SourceView v = f.view("s");
        byte[] s = v.strip();
        assertEquals(v.stripEndSecond(), f.now / 1000);
        assertArrayEquals(new byte[] {1, 3, 0, 2}, java.util.Arrays.copyOfRange(s, 56, 60));
    }

    @Test
    void historyKeepsValuesGapsAndPerSecondCounts() {
        Feed f = new Feed();
        f.now = 1_700_000_000_000L;
        for (int i = 0; i < 1200; i++) {
            if (i % 100 != 50) {
                f.json("{\"src\":\"s\",\"seq\":" + i + ",\"value\":" + i + "}");
            }
            f.now += 10;
        }
        SourceHistory h = f.tracker.history("s", f.now);
        assertEquals(1000, h.values().size());
        assertEquals(1199.0, h.values().get(999).number());
        assertEquals(12, h.gaps().size());
        long detected = h.gaps().get(0).detectedMillis();
        // 1149 came 20 ms before 1151 revealed the gap.
        assertEquals(new Gap(1150, 1150, detected, 0, detected - 20), h.gaps().get(0));
        int total = 0;
        int lost = 0;
        for (int i = 0; i < h.receivedPerSecond().length; i++) {
            total += h.receivedPerSecond()[i];
            lost += h.lostPerSecond()[i];
        }
        assertEquals(1188, total);
        assertEquals(12, lost);
    }

    @Test
    void onlyTheLast100GapsAreKept() {
        Feed f = new Feed();
        for (int i = 0; i < 150; i++) {
            f.seqs("s", 2L * i);
        }
        List<Gap> gaps = f.tracker.history("s", f.now).gaps();
        assertEquals(100, gaps.size());
        assertEquals(297, gaps.get(0).first());
        assertEquals(99, gaps.get(99).first());
        assertEquals(149, f.view("s").lost());
    }

    @Test
    void lossGridHoldsPerSecondCountsOfTheAskedSources() {
        Feed f = new Feed();
        f.now = 1_700_000_000_000L;
        f.seqs("a", 0, 1, 5); // 100 ms apart, all in one second
        f.seqs("b", 0);
        LossGrid grid = f.tracker.lossGrid(new int[] {0, 1}, false, 3, f.now);
        assertArrayEquals(new int[] {0, 0, 3}, grid.received()[0]);
        assertArrayEquals(new int[] {0, 0, 3}, grid.lost()[0]);
        assertEquals(0.5, grid.loss(0, 2));
        assertEquals(Double.NaN, grid.loss(0, 0));
        assertArrayEquals(new int[] {0, 0, 1}, grid.received()[1]);
    }

    @Test
    void snapshotsShareUnchangedViews() {
        Feed f = new Feed();
        f.seqs("a", 0).seqs("b", 0);
        TrackerSnapshot first = f.tracker.snapshot(f.now);
        f.seqs("b", 1);
        TrackerSnapshot second = f.tracker.snapshot(f.now);
        assertTrue(first.source(0) == second.source(0), "a did not change: same view object");
        assertFalse(first.source(1) == second.source(1));
        assertEquals(2, second.source(1).received());
        assertTrue(f.tracker.snapshot(f.now) == second, "nothing changed: the same snapshot");
    }
}
