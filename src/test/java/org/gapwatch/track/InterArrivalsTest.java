package org.gapwatch.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The kept median equals sorting the last 15 intervals afresh, for every prefix of random streams. */
class InterArrivalsTest {
    @Test
    void theMedianIsThatOfTheLastFifteenSortedAfreshWithRepeatsAndExtremes() {
        SplittableRandom random = new SplittableRandom(12);
        for (int stream = 0; stream < 200; stream++) {
            InterArrivals a = new InterArrivals();
            ArrayDeque<Long> last = new ArrayDeque<>();
            int range = 1 + random.nextInt(stream % 3 == 0 ? 3 : 10_000); // few distinct values: many repeats
            for (int k = 0; k < 100; k++) {
                long v = k % 37 == 36 ? Long.MAX_VALUE : random.nextInt(range);
                a.add(v);
                last.addLast(v);
                if (last.size() > 15) {
                    last.removeFirst();
                }
                long[] s = last.stream().mapToLong(Long::longValue).toArray();
                Arrays.sort(s);
                assertEquals(s.length < 3 ? -1 : s[s.length / 2], a.median(), "stream " + stream + " step " + k);
            }
        }
    }

    @Test
    void fewerThanThreeIntervalsHaveNoMedian() {
        InterArrivals a = new InterArrivals();
        a.add(100);
        a.add(200);
        assertEquals(-1, a.median());
        a.add(50);
        assertEquals(100, a.median());
    }
}
