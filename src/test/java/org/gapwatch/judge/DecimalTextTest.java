package org.gapwatch.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The numbers of the cause's and the alarms' texts are written exactly as String.format wrote them before. */
class DecimalTextTest {
    private static void sameAsFormatted(long millis) {
        assertEquals(String.format(Locale.ROOT, "%.1f s", millis / 1000.0), DecimalText.seconds(millis),
                "millis " + millis);
    }

    private static void sameAsFormatted(double v) {
        assertEquals(String.format(Locale.ROOT, "%.1f", v), DecimalText.oneDecimal(v), "value " + v);
    }

    @Test
    void secondsAsFormattedForEveryMillisecondOfTheFirstFiveMinutes() {
        for (long ms = 0; ms <= 300_000; ms++) {
            sameAsFormatted(ms);
        }
        assertEquals("1.3 s", DecimalText.seconds(1_250)); // half up
        assertEquals("1.2 s", DecimalText.seconds(1_249));
    }

    @Test
    void secondsAsFormattedForLongAgesNegativeAgesAndTheEnds() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            sameAsFormatted(rnd.nextLong(2_000_000_000_000L));
            sameAsFormatted(-rnd.nextLong(100_000));
        }
        for (long ms : new long[] {999_999_999_999L, 1_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, -50, -49}) {
            sameAsFormatted(ms);
        }
    }

    @Test
    void lossPercentAsFormattedForSharesOfLostUpdates() {
        // the figure is 100 * lost / expected: every share of up to 2,000 expected updates
        for (int expected = 1; expected <= 2_000; expected++) {
            for (int lost = 0; lost <= expected; lost++) {
                sameAsFormatted(100 * ((double) lost / expected));
            }
        }
    }

    @Test
    void oneDecimalAsFormattedAtTiesTheirNeighboursAndOddValues() {
        for (int t = 0; t <= 100_000; t++) {
            double tie = (t + 0.5) / 10; // 0.05, 0.15 ...: the shortest decimal ends in 5
            sameAsFormatted(tie);
            sameAsFormatted(Math.nextUp(tie));
            sameAsFormatted(Math.nextDown(tie));
        }
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 300_000; i++) {
            sameAsFormatted(rnd.nextDouble() * 100);
            sameAsFormatted(rnd.nextDouble() * 2e7);
            sameAsFormatted(Double.longBitsToDouble(rnd.nextLong())); // any double, NaN and negatives included
        }
        for (double v : new double[] {0, -0.0, 1e-3, Math.nextDown(1e-3), 1e-4, 0.049999, 0.05, 9_999_999.95,
                Math.nextDown(1e7), 1e7, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.04, -12.35}) {
            sameAsFormatted(v);
        }
    }
}
