package org.gapwatch.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact encodings of a source's history give back exactly what was put in. */
class CompactHistoryTest {
    @Test
    void packedCountsWidenAsACountNeedsItAndKeepEveryCount() {
        PackedCounts c = new PackedCounts(5);
        assertEquals(0, c.width());
        c.set(0, 0);
        assertEquals(0, c.width(), "zeros need no array");
        c.set(1, 255);
        assertEquals(1, c.width());
        c.set(2, 256);
        assertEquals(2, c.width());
        c.set(3, 65_536);
        assertEquals(4, c.width());
        c.set(4, Integer.MAX_VALUE);
        assertEquals(java.util.List.of(0, 255, 256, 65_536, Integer.MAX_VALUE),
                java.util.List.of(c.get(0), c.get(1), c.get(2), c.get(3), c.get(4)));
    }

    @Test
    void lateCountsPerSlotNoLongerStopAt65535() {
        CountRing ring = new CountRing(10);
        for (int i = 0; i < 70_000; i++) {
            ring.addLate(7);
        }
        assertEquals(70_000, ring.sum(7, 7)[2]);
    }

    @Test
    void decimalValuesAtMixedScalesComeBackBitForBit() {
        ValueRing ring = new ValueRing();
        double[] in = {21.3, 5, 0.125, 99.99, -40.5, 0.001, 0.1 + 0.2 /* 0.30000000000000004: not a short decimal */};
        for (int k = 0; k < in.length - 1; k++) {
            ring.addNumber(in[k], 1_000L * k);
        }
        assertTrue(ring.decimal(), "short decimals are held as mantissas");
        ring.addNumber(in[in.length - 1], 9_000);
        assertFalse(ring.decimal(), "a value that is no short decimal turns the ring into doubles");
        ValuePoint[] out = ring.toArray();
        assertEquals(in.length, out.length);
        for (int k = 0; k < in.length; k++) {
            assertEquals(Double.doubleToRawLongBits(in[k]), Double.doubleToRawLongBits(out[k].number()), "value " + k);
        }
    }

    @Test
    void randomValuesAndTimesOverTheWholeRingAreExact() {
        Random r = new Random(12);
        ValueRing ring = new ValueRing();
        int n = 2_500;
        double[] values = new double[n];
        long[] times = new long[n];
        long t = -5_000;
        for (int k = 0; k < n; k++) {
            values[k] = switch (k % 4) {
                case 0 -> Math.round(r.nextGaussian() * 1e4) / 100.0;
                case 1 -> r.nextInt(1000);
                case 2 -> k < n / 2 ? 0.5 : Double.longBitsToDouble(r.nextLong());
                default -> -0.0;
            };
            t += r.nextInt(2000);
            times[k] = t;
            ring.addNumber(values[k], t);
        }
        ValuePoint[] out = ring.toArray();
        assertEquals(ValueRing.CAPACITY, out.length);
        for (int k = 0; k < out.length; k++) {
            int from = n - ValueRing.CAPACITY + k;
            assertEquals(Double.doubleToRawLongBits(values[from]), Double.doubleToRawLongBits(out[k].number()));
            assertEquals(times[from], out[k].arrivalMillis());
        }
    }

    @Test
    void arrivalsMonthsApartAndOthersStayExact() {
        ValueRing ring = new ValueRing();
        long day = 86_400_000L;
        ring.addNumber(1.5, 0);
        ring.addOther("open", 20 * day);
        ring.addNumber(2.5, 40 * day); // beyond an int of milliseconds from the first: the base moves
        ValuePoint[] out = ring.toArray();
        assertEquals(java.util.List.of(0L, 20 * day, 40 * day),
                java.util.List.of(out[0].arrivalMillis(), out[1].arrivalMillis(), out[2].arrivalMillis()));
        assertEquals("open", out[1].other());
        assertTrue(Double.isNaN(out[1].number()));
        assertEquals(2.5, out[2].number());
        ring.addNumber(3.5, Long.MAX_VALUE / 2); // a span no int holds: times become longs
        assertEquals(Long.MAX_VALUE / 2, ring.toArray()[3].arrivalMillis());
        assertEquals(0L, ring.toArray()[0].arrivalMillis());
    }

    @Test
    void deltaRingGivesBackTheLastValuesNewestFirstAndOldestFirst() {
        Random r = new Random(5);
        DeltaRing ring = DeltaRing.signed(4, 100);
        long[] all = new long[1_000];
        long v = 0;
        for (int k = 0; k < all.length; k++) {
            v += k == 700 ? Long.MAX_VALUE / 3 : r.nextInt(20_001) - 10_000; // one jump no int holds, at 700
            all[k] = v;
            ring.add(v);
            if (k == 699) {
                assertEquals(2, ring.width(), "differences up to 20,000 zigzag-coded fit a char");
            }
        }
        assertEquals(8, ring.width());
        long[] bySlot = new long[ring.capacity()];
        ring.bySlot(bySlot);
        int slot = ring.newestSlot();
        long walked = ring.newest();
        for (int k = 0; k < 100; k++) {
            long expected = all[all.length - 1 - k];
            assertEquals(expected, bySlot[slot]);
            assertEquals(expected, walked);
            if (k < 99) {
                walked = ring.valueBefore(slot, walked);
                slot = ring.before(slot);
            }
        }
    }

    @Test
    void arrivalTimesStepBackAfewMillisecondsAndStayCompact() {
        DeltaRing ring = DeltaRing.rising(4, 1000);
        long t = 1_700_000_000_000L;
        for (int k = 0; k < 3_000; k++) {
            t += k % 10 == 9 ? -3 : 1_000; // the arrival clock re-anchored now and then
            ring.add(t);
        }
        assertEquals(2, ring.width());
        assertEquals(t, ring.newest());
        ring.add(t - DeltaRing.STEP_BACK - 1);
        assertEquals(8, ring.width(), "a larger step back: plain longs");
        assertEquals(t, ring.valueBefore(ring.newestSlot(), ring.newest()));
    }

    @Test
    void aSourceWithoutGapsHasNoGapRings() {
        GapLog log = new GapLog();
        assertEquals(null, log.newest());
        assertEquals(0, log.list().size());
        log.add(3, 5, 100, 90);
        Gap g = log.newest();
        assertEquals(new Gap(3, 5, 100, 0, 90), g);
        assertTrue(g == log.newest(), "the newest gap is made once until it changes");
        log.recover(4);
        assertEquals(new Gap(3, 5, 100, 1, 90), log.newest());
    }

    @Test
    void theNewestGapIsTheLogsNewestAfterEveryAddAndRecovery() {
        // The newest record is kept apart from the rings: it must say what the rings say, through wrap-around
        // (more than CAPACITY gaps), recoveries of the newest and of older gaps, lanes and cadence.
        GapLog log = new GapLog();
        java.util.SplittableRandom r = new java.util.SplittableRandom(12);
        long seq = 0;
        long[] firsts = new long[GapLog.CAPACITY * 3];
        int gaps = 0;
        for (int step = 0; step < 2_000; step++) {
            if (gaps == 0 || r.nextInt(3) > 0) {
                long from = seq + 1 + r.nextInt(5);
                long to = from + r.nextInt(40);
                log.add(r.nextInt(2), from, to, 1_000 + step, step % 7 == 0 ? 0 : 990 + step, r.nextBoolean());
                firsts[gaps++ % firsts.length] = from;
                seq = to;
            } else {
                // a late number inside the newest gap, or inside an older one, of either lane
                int back = r.nextInt(Math.min(gaps, 3));
                log.recover(r.nextInt(2), firsts[(gaps - 1 - back) % firsts.length]);
            }
            assertEquals(log.list().get(0), log.newest(), "after step " + step);
        }
        Gap g = log.newest();
        log.recover(0, -5);
        assertTrue(g == log.newest(), "a number in no gap changes nothing");
    }

    @Test
    void recoveringAnOlderGapLeavesTheNewestRecordAsItWas() {
        GapLog log = new GapLog();
        log.add(3, 5, 100, 90);
        log.add(10, 12, 200, 190);
        Gap newest = log.newest();
        log.recover(4);
        assertTrue(newest == log.newest(), "the newest gap did not change");
        assertEquals(new Gap(3, 5, 100, 1, 90), log.list().get(1));
        log.recover(11);
        assertEquals(new Gap(10, 12, 200, 1, 190), log.newest());
    }
}
