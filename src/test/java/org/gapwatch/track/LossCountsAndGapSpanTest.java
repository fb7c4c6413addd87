package org.gapwatch.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LossCountsAndGapSpanTest {
    private static final long T0 = 1_800_000_000_000L;

    private final org.gapwatch.testutil.Feed feed = new org.gapwatch.testutil.Feed();

    private Tracker tracker() {
        return feed.engine().trackerOnWriterThread();
    }

    @Test
    void addLossCountsSumsWhatLossGridGivesPerSource() {
        feed.send(T0 + 100, "{\"src\":\"a\",\"seq\":1}").send(T0 + 1100, "{\"src\":\"a\",\"seq\":4}")
                .send(T0 + 2100, "{\"src\":\"a\",\"seq\":2}")
                .send(T0 + 1500, "{\"src\":\"b\",\"seq\":1}").send(T0 + 1600, "{\"src\":\"b\",\"seq\":3}");
        int[] r = new int[4];
        int[] l = new int[4];
        int[] t = new int[4];
        long end = tracker().addLossCounts(new int[] {0, 1, 99, -1}, false, T0 + 2500, r, l, t);
        LossGrid g = tracker().lossGrid(new int[] {0, 1}, false, 4, T0 + 2500);
        assertEquals(g.endSlot(), end);
        for (int c = 0; c < 4; c++) {
            assertEquals(g.received()[0][c] + g.received()[1][c], r[c]);
            assertEquals(g.lost()[0][c] + g.lost()[1][c], l[c]);
            assertEquals(g.late()[0][c] + g.late()[1][c], t[c]);
        }
        assertArrayEquals(new int[] {0, 1, 3, 1}, r);
        assertArrayEquals(new int[] {0, 0, 3, 0}, l);
        assertArrayEquals(new int[] {0, 0, 0, 1}, t);
    }

    @Test
    void aGapBelowTheBaselineHasNoKnownSpan() {
        // 5 first, then 2 (reordered around the first update seen): 3..4 become a gap with no update before it.
        feed.send(T0, "{\"src\":\"a\",\"seq\":5}").send(T0 + 50, "{\"src\":\"a\",\"seq\":2}");
        Gap g = tracker().history("a", T0 + 100).gaps().get(0);
        assertEquals(new Gap(3, 4, T0 + 50, 0, 0), g);
        assertEquals(-1, g.spanMillis());
    }
}
