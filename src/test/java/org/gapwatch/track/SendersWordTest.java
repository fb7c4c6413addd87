package org.gapwatch.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.gapwatch.protocol.SequenceSpace;
import org.gapwatch.protocol.Update;
import org.junit.jupiter.api.Test;

/**
 * The seam's additions in the tracker: the sender's word (sent up to, irrelevant), gaps by cadence, ended sources.
 * Session accounting: highest - first + 1 = received + lost + irrelevant.
 */
class SendersWordTest {
    private static final InetSocketAddress SENDER = new InetSocketAddress("10.0.0.7", 7401);
    private final Tracker tracker = new Tracker(TrackerConfig.defaults());
    private long now = 1_700_000_000_000L;

    private void data(long... seqs) {
        for (long s : seqs) {
            tracker.apply(new Update().src("w").protocol("rtps").seq(s), SENDER, now += 10);
        }
    }

    private void word(Update u) {
        tracker.apply(u.src("w").protocol("rtps"), SENDER, now += 10);
    }

    private SourceView w() {
        return tracker.snapshot(now).sources().getFirst();
    }

    /** {received, lost, late} of w. */
    private long[] figures() {
        SourceView v = w();
        return new long[] {v.received(), v.lost(), v.late()};
    }

    @Test
    void aHeartbeatFirstSetsTheBaselineAfterItsLastAndLaterOneShowsLossWithoutData() {
        word(new Update().sentUpTo(10));
        data(11, 12);
        word(new Update().sentUpTo(15));
        assertArrayEquals(new long[] {2, 3, 0}, figures(), "13, 14, 15 lost now");
        assertEquals(15, w().highest());
        data(14);
        assertArrayEquals(new long[] {3, 2, 1}, figures(), "14 came late");
        assertArrayEquals(new long[] {11, 15, 3, 2}, tracker.laneAccounting("w", 0));
    }

    @Test
    void irrelevantNumbersAreNotLostBeforeOrAfterTheyWereCounted() {
        data(1, 2);
        word(new Update().irrelevant(3, 4));
        data(5);
        assertArrayEquals(new long[] {3, 0, 0}, figures(), "3 and 4 irrelevant ahead of 5");
        data(8);
        word(new Update().irrelevant(6, 6));
        assertArrayEquals(new long[] {4, 1, 0}, figures(), "6 no longer lost, 7 still is");
        word(new Update().irrelevant(10, 12));
        assertArrayEquals(new long[] {4, 2, 0}, figures(), "9 lost between 8 and the range");
        assertEquals(12, w().highest());
        // highest - first + 1 = 12 = received 4 + lost 2 + irrelevant 6 (3, 4, 6, 10, 11, 12).
        assertArrayEquals(new long[] {1, 12, 4, 2}, tracker.laneAccounting("w", 0));
        assertEquals(0, w().duplicates() + w().restarts());
    }

    @Test
    void gapsOfACadenceLaneSaySo() {
        for (long slot : new long[] {0, 1, 4, 5}) {
            tracker.apply(new Update().src("h/load/load").protocol("collectd").space(SequenceSpace.CADENCE)
                    .seq(slot), SENDER, now += 1000);
        }
        tracker.apply(new Update().src("j").seq(1), SENDER, now);
        tracker.apply(new Update().src("j").seq(3), SENDER, now);
        SourceHistory h = tracker.history("h/load/load", now);
        assertEquals(2, h.view().lost());
        assertEquals(List.of(true), h.gaps().stream().map(Gap::byCadence).toList());
        assertEquals("by cadence", h.gaps().getFirst().how());
        assertTrue(h.lanes().getFirst().byCadence());
        assertFalse(tracker.history("j", now).gaps().getFirst().byCadence(), "a sequence gap is not");
        assertEquals("", tracker.history("j", now).gaps().getFirst().how());
    }

    @Test
    void anEndedSourceStaysEndedUntilItSendsAgain() {
        tracker.apply(new Update().src("s").protocol("sacn").space(SequenceSpace.SACN_8).seq(1), SENDER, now);
        tracker.apply(new Update().src("s").protocol("sacn").space(SequenceSpace.SACN_8).seq(2).ended(true), SENDER,
                now += 25);
        assertTrue(w("s").ended());
        tracker.apply(new Update().src("s").protocol("sacn").space(SequenceSpace.SACN_8).seq(3).resetLane(true),
                SENDER, now += 25);
        assertFalse(w("s").ended());
        assertEquals(1, w("s").restarts(), "the stream after an end starts again");
    }

    private SourceView w(String src) {
        return tracker.snapshot(now).sources().stream().filter(v -> v.src().equals(src)).findFirst().orElseThrow();
    }
}
