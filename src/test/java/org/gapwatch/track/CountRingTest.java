package org.gapwatch.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CountRingTest {
    @Test
    void growsFromSmallToTheHorizonKeepingWhatItHad() {
        CountRing ring = new CountRing(900);
        assertEquals(4, ring.capacity());
        for (long s = 1000; s < 1000 + 900; s++) {
            ring.addReceived(s, (int) (s - 999));
        }
        assertEquals(900, ring.capacity());
        assertEquals(1, ring.sum(1000, 1000)[0]);
        assertEquals(900, ring.sum(1899, 1899)[0]);
        ring.addReceived(1900, 1);
        assertEquals(0, ring.sum(1000, 1000)[0], "older than the horizon is gone");
        assertEquals(2, ring.sum(1001, 1001)[0]);
    }

    @Test
    void slotsTooOldAreDroppedNotMisfiled() {
        CountRing ring = new CountRing(10);
        ring.addReceived(100, 1);
        ring.addReceived(120, 1);
        ring.addLost(105, 7);
        assertArrayEquals(new long[] {1, 0, 0}, ring.sum(0, 200));
    }

    @Test
    void viewFiguresAgreeWithSumAndState() {
        Random r = new Random(3);
        SecondCounts ring = new SecondCounts(900);
        long t = 5000;
        for (int i = 0; i < 5000; i++) {
            t += r.nextInt(3);
            switch (r.nextInt(4)) {
                case 0 -> ring.addLost(t, 1 + r.nextInt(3));
                case 1 -> ring.addLate(t);
                default -> ring.addReceived(t, 1);
            }
        }
        for (long end : new long[] {t, t + 5, t + 100, t + 1000}) {
            SecondCounts.Scratch scratch = new SecondCounts.Scratch();
            byte[] strip = ring.view(end, scratch);
            for (int k = 0; k < 60; k++) {
                assertEquals(ring.state(end - 59 + k), strip[k]);
            }
            assertEquals(ring.sum(end - 9, end)[0], scratch.received10);
            assertArrayEquals(ring.sum(end - 59, end), new long[] {scratch.received60, scratch.lost60, scratch.late60});
            assertArrayEquals(ring.sum(end - 299, end), new long[] {scratch.received300, scratch.lost300, scratch.late300});
        }
    }
}
