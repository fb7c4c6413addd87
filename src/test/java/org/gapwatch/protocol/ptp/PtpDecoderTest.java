package org.gapwatch.protocol.ptp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.gapwatch.engine.Engine;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.protocol.Status;
import org.gapwatch.protocol.Subscription;
import org.gapwatch.track.LaneView;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.Test;

/** PTP through the seam: a source per port identity and domain, a lane per message type, Announce as the value. */
class PtpDecoderTest {
    private static final InetSocketAddress SENDER = new InetSocketAddress("10.0.0.5", 319);
    private static final InetSocketAddress EVENT = new InetSocketAddress("224.0.1.129", 319);
    private static final InetSocketAddress GENERAL = new InetSocketAddress("224.0.1.129", 320);
    private static final long CLOCK = 0x001122fffe334455L;
    private static final String SRC = "ptp/224.0.1.129/001122.fffe.334455-1/d0";
    private static final PtpWriter.Grandmaster GM = new PtpWriter.Grandmaster(CLOCK, 128, 248, 0xFE, 0xFFFF, 127,
            0, 0xA0, 37);
    private final Engine engine = new Engine(TrackerConfig.defaults());
    private final byte[] b = new byte[64];
    private long nanos = 1_700_000_000_000_000_000L;

    PtpDecoderTest() {
        GroupSpec spec = GroupSpec.parse("ptp://224.0.1.129");
        engine.route(spec.subscription(), spec.destinations());
    }

    private void sync(int seq) {
        int n = PtpWriter.sync(b, 0, CLOCK, 1, 0, seq, -4);
        engine.datagram(b, 0, n, SENDER, EVENT, nanos += 62_500_000L);
    }

    private void announce(int seq, PtpWriter.Grandmaster gm) {
        int n = PtpWriter.announce(b, 0, CLOCK, 1, 0, seq, 0, gm);
        engine.datagram(b, 0, n, SENDER, GENERAL, nanos += 1_000_000L);
    }

    private SourceView view() {
        engine.publish(nanos / 1_000_000);
        return engine.snapshot().sources().stream().filter(v -> v.src().equals(SRC)).findFirst().orElseThrow();
    }

    private List<LaneView> lanes() {
        return engine.trackerOnWriterThread().history(SRC, nanos / 1_000_000).lanes();
    }

    @Test
    void withoutAPortJoins319And320() {
        GroupSpec spec = GroupSpec.parse("ptp://224.0.1.129");
        assertArrayEquals(new int[] {319, 320}, spec.ports());
        assertEquals(List.of(EVENT, GENERAL), spec.destinations());
    }

    @Test
    void eachMessageTypeIsALaneOfThePortIdentity() {
        for (int seq : new int[] {65534, 65535, 1, 2}) { // 0 lost across the wrap
            sync(seq);
        }
        announce(10, GM);
        announce(13, GM); // 11 and 12 lost
        SourceView v = view();
        assertEquals("ptp", v.protocol());
        assertEquals(6, v.received());
        assertEquals(3, v.lost());
        List<LaneView> lanes = lanes();
        assertEquals(List.of("Sync", "Announce"), lanes.stream().map(LaneView::label).toList());
        assertEquals(1, lanes.get(0).lost());
        assertEquals(2, lanes.get(1).lost());
    }

    @Test
    void stalenessIsThreeTimesTheIntervalOfTheLastMessagesType() {
        sync(1);
        assertEquals(63, view().interval(), "logMessageInterval -4: 62.5 ms");
        assertEquals(189, view().staleAfterMillis());
        announce(1, GM);
        assertEquals(1000, view().interval());
    }

    @Test
    void theValueIsTheGrandmasterAndANewOneIsAnAlarmForAWhile() {
        sync(1);
        assertEquals("no Announce yet", view().text());
        announce(1, GM);
        SourceView v = view();
        assertEquals("001122.fffe.334455", v.value());
        assertEquals("priority1 128 · priority2 127 · clockClass 248 · clockAccuracy 0xFE · currentUtcOffset 37 s · "
                + "stepsRemoved 0 · timeSource INTERNAL_OSCILLATOR", v.text());
        assertEquals(Status.OK, v.status());
        PtpWriter.Grandmaster other = new PtpWriter.Grandmaster(0xaabbccfffeddeeffL, 1, 6, 0x21, 0x4E5D, 1, 1, 0x20,
                37);
        announce(2, other);
        v = view();
        assertEquals("aabbcc.fffe.ddeeff", v.value());
        assertEquals(Status.ALARM, v.status());
        assertTrue(v.text().endsWith("grandmaster changed from 001122.fffe.334455 to aabbcc.fffe.ddeeff"), v.text());
        sync(2);
        assertEquals(Status.ALARM, view().status(), "the alarm holds beyond the Announce");
        nanos += PtpDecoder.CHANGE_HOLD_SECONDS * 1_000_000_000L;
        sync(3);
        assertEquals(Status.OK, view().status(), "and ends after " + PtpDecoder.CHANGE_HOLD_SECONDS + " s");
        assertTrue(view().text().contains("grandmaster changed from"), "the change stays in the text");
        List<?> values = engine.trackerOnWriterThread().history(SRC, nanos / 1_000_000).values();
        assertEquals(3, values.size(), "a point per change: the first grandmaster, the new one, the alarm's end");
    }

    @Test
    void responsesAreLanesPerRequester() {
        byte[] r = new byte[54];
        // Two slaves whose Delay_Req numbers interleave in the master's Delay_Resp: no loss when each has none.
        int[][] seqs = {{1, 500}, {2, 501}, {3, 502}, {5, 503}};
        for (int[] s : seqs) {
            for (int k = 0; k < 2; k++) {
                delayResp(r, s[k], 0x0a0000fffe000000L + k);
                engine.datagram(r, 0, 54, SENDER, GENERAL, nanos += 1_000_000L);
            }
        }
        assertEquals(1, view().lost(), "request 4 of the first slave");
        List<LaneView> lanes = lanes();
        assertEquals(List.of("Delay_Resp to 0a0000.fffe.000000-1", "Delay_Resp to 0a0000.fffe.000001-1"),
                lanes.stream().map(LaneView::label).toList());
        assertEquals(List.of(1L << 4 | 9, 2L << 4 | 9), lanes.stream().map(l -> (long) l.lane()).toList());
    }

    private static void delayResp(byte[] r, int seq, long requester) {
        // A Sync header rewritten as a Delay_Resp: messageType 9, length 54, requestingPortIdentity at 44.
        PtpWriter.sync(r, 0, CLOCK, 1, 0, seq, 0x7F);
        r[0] = 0x09;
        r[3] = 54;
        for (int i = 0; i < 8; i++) {
            r[44 + i] = (byte) (requester >>> (56 - 8 * i));
        }
        r[52] = 0;
        r[53] = 1;
    }

    @Test
    void rejectReasonsArePtpOnes() {
        engine.datagram(new byte[20], 0, 20, SENDER, EVENT, nanos);
        byte[] v1 = new byte[44];
        PtpWriter.sync(v1, 0, CLOCK, 1, 0, 1, 0);
        v1[1] = 1;
        engine.datagram(v1, 0, 44, SENDER, EVENT, nanos);
        engine.publish(nanos / 1_000_000);
        assertEquals(Map.of("ptp/too-short", 1L, "ptp/bad-version", 1L), engine.snapshot().invalidByReason());
    }

    @Test
    void aSubscriptionWithAPortJoinsOnlyIt() {
        assertArrayEquals(new int[] {320}, GroupSpec.parse("ptp://224.0.1.129:320").ports());
        assertEquals(new Subscription("ptp", "224.0.1.129", 0, Map.of()),
                GroupSpec.parse("ptp://224.0.1.129").subscription());
    }
}
