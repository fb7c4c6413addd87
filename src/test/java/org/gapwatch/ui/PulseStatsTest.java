package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The bench's sample rings: percentiles of what they hold, and copies that stay as they were taken. */
class PulseStatsTest {
    @Test
    void percentilesAreOfTheNewestSamplesTheRingHolds() {
        PulseStats s = new PulseStats(4);
        for (long v : new long[] {100, 5, 6, 7, 8}) {
            s.add(v); // the 100 is overwritten by the fifth
        }
        assertEquals(5, s.count());
        assertEquals(5, s.percentile(0));
        assertEquals(6, s.percentile(50));
        assertEquals(8, s.percentile(100));
    }

    @Test
    void aCopyKeepsTheSamplesOfItsMomentWhileTheOriginalGoesOnCounting() {
        PulseStats s = new PulseStats(8);
        s.add(10);
        s.add(20);
        PulseStats frozen = s.copy();
        s.add(340_000_000L); // the pulse that a reading of the figures once held, counted in them
        s.clear();
        assertEquals(2, frozen.count());
        assertEquals(20, frozen.percentile(100));
        assertEquals(0, s.count());
        assertEquals(0, s.percentile(100));
    }
}
