package org.gapwatch.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hostile stream that claims the largest possible gaps: every count and sum saturates at Long.MAX_VALUE (per-slot
 * history at Integer.MAX_VALUE) and never wraps negative (docs/protocol.md, Gap accounting).
 */
class SaturatedCountsTest {
    private static final long MAX = Long.MAX_VALUE;

    /** seq 0 then 2^63-1 in session 1, the same in session 2: two gaps of 2^63-2 each. */
    private static void twoHugeSessions(Feed f, String src) {
        for (String session : List.of("1", "2")) {
            f.json("{\"src\":\"" + src + "\",\"seq\":0,\"session\":\"" + session + "\"}");
            f.json("{\"src\":\"" + src + "\",\"seq\":" + MAX + ",\"session\":\"" + session + "\"}");
        }
    }

    @Test
    void twoHugeGapsInTwoSessionsOfTwoSourcesSaturateInsteadOfWrapping() {
        Feed f = new Feed();
        twoHugeSessions(f, "a");
        twoHugeSessions(f, "b");
        for (String src : List.of("a", "b")) {
            SourceView v = f.view(src);
            assertEquals(List.of(4L, MAX, 0L, 0L, 1L),
                    List.of(v.received(), v.lost(), v.late(), v.duplicates(), v.restarts()), src);
            // Both gaps fell into the same second: that slot saturates at Integer.MAX_VALUE.
            assertEquals(List.of(4L, (long) Integer.MAX_VALUE, 4L, (long) Integer.MAX_VALUE),
                    List.of(v.received1m(), v.lost1m(), v.received5m(), v.lost5m()), src);
            assertEquals(new Gap(1, MAX - 1, f.now, 0, f.now), v.lastGap(), src);
            assertEquals(MAX - 1, v.lastGap().lost(), src);
            assertEquals(1.0, LossShare.of(v.received(), v.lost(), v.late()), src);
            assertEquals(Integer.MAX_VALUE / (Integer.MAX_VALUE + 4.0), LossShare.of(v.received1m(), v.lost1m(), v.late1m()), src);
            assertEquals(List.of(0L, MAX, 2L, MAX - 1),
                    List.of(f.tracker.sessionAccounting(src)[0], f.tracker.sessionAccounting(src)[1],
                            f.tracker.sessionAccounting(src)[2], f.tracker.sessionAccounting(src)[3]), src);
        }
        Totals t = f.tracker.totals();
        assertEquals(List.of(8L, 8L, MAX, 0L, 0L, 2L),
                List.of(t.datagrams(), t.received(), t.lost(), t.late(), t.duplicates(), t.restarts()));
    }

    @Test
    void aSaturatedLossStaysSaturatedWhenALateOneArrives() {
        Feed f = new Feed();
        twoHugeSessions(f, "a");
        f.json("{\"src\":\"a\",\"seq\":" + (MAX - 5) + ",\"session\":\"2\"}");
        SourceView v = f.view("a");
        // The true loss is 2 x (2^63-2) - 1, still beyond 2^63-1: the figure stays at its ceiling.
        assertEquals(List.of(5L, MAX, 1L), List.of(v.received(), v.lost(), v.late()));
        assertEquals(MAX, f.tracker.totals().lost());
        assertEquals(MAX - 2, f.tracker.sessionAccounting("a")[3]);
    }

    @Test
    void aLossBelowTheCeilingStillGoesDownWithALateArrival() {
        Feed f = new Feed();
        f.json("{\"src\":\"a\",\"seq\":0}");
        f.json("{\"src\":\"a\",\"seq\":" + MAX + "}");
        f.json("{\"src\":\"a\",\"seq\":" + (MAX - 1) + "}");
        SourceView v = f.view("a");
        assertEquals(List.of(3L, MAX - 2, 1L), List.of(v.received(), v.lost(), v.late()));
        assertEquals(MAX - 2, f.tracker.totals().lost());
    }

    @Test
    void lossSharesOfHugeCountsStayWithinZeroAndOne() {
        assertEquals(MAX, LossShare.expected(4, MAX, 0));
        assertEquals(0.5, LossShare.of(MAX, MAX, 0));
        assertEquals(1.0, LossShare.of(0, MAX, 0));
        assertEquals(0.0, LossShare.of(MAX, 0, 0));
    }
}
