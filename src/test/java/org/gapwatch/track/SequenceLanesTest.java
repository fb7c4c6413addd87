package org.gapwatch.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Stream;
import org.gapwatch.protocol.SequenceSpace;
import org.gapwatch.protocol.Update;
import org.gapwatch.testutil.Updates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The sequence spaces of docs/protocols.md through the tracker: the same rules in a 16-bit, 4-bit or no space. */
class SequenceLanesTest {
    private static final InetSocketAddress SENDER = new InetSocketAddress("10.0.0.7", 5004);
    private final Tracker tracker = new Tracker(TrackerConfig.defaults());
    private long now = 1_700_000_000_000L;

    private void feed(Update u) {
        tracker.apply(u, SENDER, now);
        now += 20;
    }

    private void rtp(int... seqs) {
        for (int s : seqs) {
            feed(Updates.rtp("rtp/a", s));
        }
    }

    private SourceView view(String src) {
        return tracker.snapshot(now).sources().stream().filter(v -> v.src().equals(src)).findFirst().orElse(null);
    }

    /** {received, lost, late, duplicates, restarts} of rtp/a after the sequence numbers given. */
    static Stream<Arguments> rtpTable() {
        return Stream.of(
                // First packet held on probation (received, not placed), the second starts the lane.
                Arguments.of("probation then in order", new int[] {100, 101, 102}, new long[] {3, 0, 0, 0, 0}),
                Arguments.of("probation restarts on a non-sequential second", new int[] {100, 200, 201, 202},
                        new long[] {4, 0, 0, 0, 0}),
                Arguments.of("wrap 65535 -> 0 is no loss", new int[] {65533, 65534, 65535, 0, 1},
                        new long[] {5, 0, 0, 0, 0}),
                Arguments.of("loss across the wrap", new int[] {65533, 65534, 2, 3}, new long[] {4, 3, 0, 0, 0}),
                // 65535 fills the hole it left: late, and no longer lost.
                Arguments.of("reorder across the wrap", new int[] {65533, 65534, 0, 65535, 1},
                        new long[] {5, 0, 1, 0, 0}),
                // Duplicates are counted, not received.
                Arguments.of("duplicate of the highest and of an older one", new int[] {10, 11, 12, 12, 11},
                        new long[] {3, 0, 0, 2, 0}),
                Arguments.of("a step of 2999 is loss", new int[] {10, 11, 3010}, new long[] {3, 2998, 0, 0, 0}),
                // 3011 is 3000 ahead of 11: a jump, held; 3012 follows it: RFC 3550 resynchronises, a restart.
                Arguments.of("dropout of 3000 confirmed is a restart", new int[] {10, 11, 3011, 3012, 3013},
                        new long[] {5, 0, 0, 0, 1}),
                Arguments.of("a single wild packet is held, the stream goes on", new int[] {10, 11, 40000, 12, 13},
                        new long[] {5, 0, 0, 0, 0}),
                Arguments.of("more than 100 back is a jump, not late", new int[] {500, 501, 502, 300, 503},
                        new long[] {5, 0, 0, 0, 0}),
                Arguments.of("99 back is still a duplicate", new int[] {500, 501, 502, 503, 601, 502},
                        new long[] {5, 97, 0, 1, 0}),
                Arguments.of("100 back is a jump (MAX_MISORDER), held", new int[] {500, 501, 502, 503, 603, 503},
                        new long[] {6, 99, 0, 0, 0}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rtpTable")
    void rtpSpaceFollowsRfc3550AppendixA1(String name, int[] seqs, long[] expected) {
        rtp(seqs);
        SourceView v = view("rtp/a");
        assertArrayEquals(expected, new long[] {v.received(), v.lost(), v.late(), v.duplicates(), v.restarts()},
                name);
        assertEquals("rtp", v.protocol());
    }

    @Test
    void extendedNumbersKeepTheInvariantAcrossManyWraps() {
        int seq = 60_000;
        long skipped = 0;
        for (int i = 0; i < 300_000; i++) {
            if (i > 2 && i % 1000 == 7) {
                seq = (seq + 5) & 0xFFFF; // five skipped
                skipped += 5;
            }
            feed(Updates.rtp("rtp/a", seq));
            seq = (seq + 1) & 0xFFFF;
        }
        SourceView v = view("rtp/a");
        assertEquals(skipped, v.lost());
        assertEquals(0, v.restarts());
        long[] acc = tracker.laneAccounting("rtp/a", 0);
        // One packet on probation is outside the session: highest - first + 1 = session received + lost.
        assertEquals(acc[1] - acc[0] + 1, acc[2] + acc[3]);
        assertEquals(v.received() - 1, acc[2]);
    }

    @Test
    void continuityCounterLanesTakeTheDecodersContinuityCountAsItIs() {
        // The decoder extends the 4-bit counter (ContinuityCounter.counter): only it sees whether a repeated counter
        // is a duplicate (the same number) or another packet 16 on (15 lost).
        SequenceSpace cc = SequenceSpace.MPEGTS_CC_4;
        String ts = "mpegts/239.1.1.1:1234";
        // PID 0x100: counters 14, 15, 0, 0 (a copy: a duplicate), 3 (1 and 2 lost), 3 with other bytes (15 lost).
        for (int c : new int[] {14, 15, 16, 16, 19, 35}) {
            feed(Updates.lane("mpegts", ts, 0x100, cc, c));
        }
        // PID 0x101: 5, then 7 (6 lost).
        feed(Updates.lane("mpegts", ts, 0x101, cc, 5));
        feed(Updates.lane("mpegts", ts, 0x101, cc, 7));
        // Discontinuity indicator: the lane starts again, no loss across it.
        feed(Updates.lane("mpegts", ts, 0x101, cc, 28).resetLane(true));
        SourceView v = view(ts);
        assertEquals(8, v.received()); // the copy is a duplicate, not received
        assertEquals(2 + 15 + 1, v.lost());
        assertEquals(1, v.duplicates());
        assertEquals(1, v.restarts());
        assertArrayEquals(new long[] {14, 35, 5, 17}, tracker.laneAccounting(ts, 0x100));
        assertArrayEquals(new long[] {28, 28, 1, 0}, tracker.laneAccounting(ts, 0x101));
        assertNull(tracker.laneAccounting(ts, 0x102));
    }

    @Test
    void lanesOfOneSourceCountInTheirOwnSpacesAndSumForTheSource() {
        String ptp = "ptp/0/001122fffe334455-1";
        // Sync (type 0) and Announce (type 11) each have their own sequenceId.
        for (int s : new int[] {65534, 65535, 0, 2}) {
            feed(Updates.lane("ptp", ptp, 0, SequenceSpace.PTP_16, s).laneLabel(s == 65534 ? "Sync" : null));
        }
        for (int s : new int[] {7, 9, 10}) {
            feed(Updates.lane("ptp", ptp, 11, SequenceSpace.PTP_16, s));
        }
        SourceView v = view(ptp);
        assertEquals(7, v.received());
        assertEquals(2, v.lost()); // 1 in Sync, 8 in Announce
        assertEquals(10, v.highest()); // the lane of the latest update
        SourceHistory h = tracker.history(ptp, now);
        assertEquals(List.of(8L, 65537L), h.gaps().stream().map(Gap::first).toList());
        // Each lane its own figures, summing to the source's; the label as the decoder gave it.
        assertEquals(List.of(new LaneView(0, "Sync", 65534, 65538, 4, 1, 0, 0, false),
                new LaneView(11, null, 7, 10, 3, 1, 0, 0, false)), h.lanes());
    }

    @Test
    void noneCountsEveryUpdateAndNeverLoss() {
        for (int i = 0; i < 5; i++) {
            feed(Updates.lane("x", "x/a", 0, SequenceSpace.NONE, 0));
        }
        SourceView v = view("x/a");
        assertEquals(5, v.received());
        assertEquals(0, v.lost() + v.late() + v.duplicates() + v.restarts());
    }

    @Test
    void aRenameKeepsTheAccounting() {
        rtp(1, 2, 4);
        feed(Updates.rtp("rtp/cname", 5).previousSrc("rtp/a"));
        assertNull(view("rtp/a"));
        SourceView v = view("rtp/cname");
        assertEquals(4, v.received());
        assertEquals(1, v.lost());
        assertEquals(1, tracker.sourceCount());
        feed(Updates.rtp("rtp/cname", 6));
        assertEquals(5, view("rtp/cname").received());
    }

    @Test
    void jsonUpdatesFromTheBuilderCountAsToday() {
        for (long s : new long[] {5, 6, 9, 8, 8}) {
            feed(Updates.update("plant/a", s));
        }
        SourceView v = view("plant/a");
        assertArrayEquals(new long[] {4, 1, 1, 1, 0},
                new long[] {v.received(), v.lost(), v.late(), v.duplicates(), v.restarts()});
        assertEquals("json", v.protocol());
    }
}
