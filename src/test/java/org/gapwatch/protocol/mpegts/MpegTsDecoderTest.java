package org.gapwatch.protocol.mpegts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.gapwatch.engine.Engine;
import org.gapwatch.protocol.Protocols;
import org.gapwatch.protocol.Subscription;
import org.gapwatch.protocol.rtp.RtpWriter;
import org.gapwatch.track.LaneView;
import org.gapwatch.track.SourceHistory;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.Test;

/** MPEG-TS through the seam: registry, decoder and tracker, lanes per PID, the source's value and text. */
class MpegTsDecoderTest {
    private static final InetSocketAddress SENDER = new InetSocketAddress("10.0.0.9", 40000);
    private static final InetSocketAddress GROUP = new InetSocketAddress("239.1.1.2", 1234);
    private static final String SRC = "mpegts/239.1.1.2:1234";
    private static final long T0 = 1_700_000_000_000_000_000L;
    private final Engine engine = new Engine(TrackerConfig.defaults());
    private long nanos = T0;

    MpegTsDecoderTest() {
        engine.route(new Subscription("mpegts", "239.1.1.2", 1234, Map.of()), List.of(GROUP));
    }

    /** The stream as {@code analyze} reads it, fed the same datagrams: its counts must be the lanes'. */
    private final MpegTsStream analyzed = new MpegTsStream();

    private void send(byte[] datagram) {
        engine.datagram(datagram, 0, datagram.length, SENDER, GROUP, nanos);
        analyzed.accept(datagram, 0, datagram.length, nanos, null);
        nanos += 100_000_000L;
    }

    /**
     * Seven payload packets of a PID with counters from {@code cc}, each numbered in its first payload bytes (as a
     * real stream's packets differ), so packet n + 16 repeats the counter of packet n but not its bytes.
     */
    private static byte[] seven(int pid, int cc) {
        byte[] d = new byte[7 * TsPacket.SIZE];
        for (int i = 0; i < 7; i++) {
            TsWriter.payload(d, i * TsPacket.SIZE, pid, cc + i, false);
            d[i * TsPacket.SIZE + 4] = (byte) ((cc + i) >> 8);
            d[i * TsPacket.SIZE + 5] = (byte) (cc + i);
        }
        return d;
    }

    /** Lost, duplicates and received per the tracker's lanes equal the stream's own continuity counts. */
    private void assertBothPathsAgree(SourceView v) {
        ContinuityCounter c = analyzed.continuity();
        assertEquals(c.totalLost(), v.lost(), "lost: tracker = analyze");
        assertEquals(c.totalDuplicates(), v.duplicates(), "duplicates: tracker = analyze");
        long payloadPackets = 0;
        for (int pid : c.pids()) {
            assertEquals(c.lost(pid), lane(pid).lost(), "lost of PID " + pid);
            payloadPackets += analyzed.packets(pid);
        }
        // (these tests send payload packets only, so the packets of a PID are its updates)
        assertEquals(payloadPackets - c.totalDuplicates(), v.received(), "received: the packets less the duplicates");
    }

    private SourceView view() {
        engine.publish(nanos / 1_000_000);
        TrackerSnapshot s = engine.snapshot();
        return s.sources().stream().filter(v -> v.src().equals(SRC)).findFirst().orElseThrow();
    }

    private SourceHistory history() {
        return engine.trackerOnWriterThread().history(SRC, nanos / 1_000_000);
    }

    private LaneView lane(int pid) {
        return history().lanes().stream().filter(l -> l.lane() == pid).findFirst().orElseThrow();
    }

    @Test
    void isRegisteredAndEachPidIsALaneCountingLostTsPackets() {
        assertTrue(Protocols.known("mpegts"));
        send(seven(0x100, 0));
        send(seven(0x101, 3));
        // The datagram with counters 7..13 of PID 0x100 is lost: 7 TS packets.
        send(seven(0x100, 14));
        SourceView v = view();
        assertEquals("mpegts", v.protocol());
        assertEquals(21, v.received());
        assertEquals(7, v.lost());
        assertEquals(7, lane(0x100).lost());
        assertEquals(14, lane(0x100).received());
        assertEquals(0, lane(0x101).lost());
    }

    @Test
    void packetsWithoutPayloadSendNothingAndTheDiscontinuityIndicatorResetsTheLane() {
        send(Ts.datagram(Ts.payload(0x100, 0), Ts.payload(0x100, 1), Ts.adaptationOnly(0x100, 1, false),
                Ts.payload(0x100, 2)));
        assertEquals(3, view().received(), "the adaptation-only packet is not an update");
        send(Ts.datagram(Ts.withAdaptation(0x100, 9, true), Ts.payload(0x100, 10)));
        SourceView v = view();
        assertEquals(5, v.received());
        assertEquals(0, v.lost(), "nothing lost across the discontinuity");
        assertEquals(1, v.restarts());
        // One repeat is a duplicate, not loss.
        send(Ts.datagram(Ts.payload(0x100, 10)));
        assertEquals(1, view().duplicates());
        assertEquals(0, view().lost());
    }

    @Test
    void fifteenLostPacketsBeforeAPacketWithOtherBytesAreCountedAsFifteenLost() {
        send(seven(0x100, 0)); // counters 0..6
        // Counters 7..21 (15 packets) are lost: the next packet's counter 22 mod 16 = 6 repeats the last one, but
        // not its bytes, so it is no duplicate (ISO/IEC 13818-1 2.4.3.3): the counter went round.
        send(seven(0x100, 22));
        SourceView v = view();
        assertEquals(15, v.lost(), "the 15 packets between the two with counter 6");
        assertEquals(0, v.duplicates());
        assertEquals(14, v.received(), "7 + 7: every packet that came is received (it read 13 before)");
        assertEquals(15, lane(0x100).lost());
        assertEquals(14, lane(0x100).received());
        assertEquals(15, analyzed.continuity().totalLost(), "analyze counts the same");
        assertEquals(1, analyzed.errors().continuityCountError());
        assertBothPathsAgree(v);
    }

    @Test
    void aCopyOfTheLastPacketIsADuplicateAlsoWithANewPcr() {
        byte[] packets = seven(0x100, 0);
        send(packets);
        // An exact copy of the last packet (counter 6): a duplicate, nothing lost.
        send(java.util.Arrays.copyOfRange(packets, 6 * TsPacket.SIZE, 7 * TsPacket.SIZE));
        SourceView v = view();
        assertEquals(1, v.duplicates());
        assertEquals(0, v.lost());
        assertEquals(7, v.received());
        // A copy that carries another PCR is still a duplicate (the PCR may carry a new valid value).
        send(Ts.datagram(Ts.withPcr(0x100, 7, 27_000_000L), Ts.withPcr(0x100, 7, 27_000_300L)));
        v = view();
        assertEquals(2, v.duplicates());
        assertEquals(0, v.lost());
        assertEquals(8, v.received());
        // A second copy is one too many: a duplicate still, and a Continuity_count_error.
        send(Ts.datagram(Ts.withPcr(0x100, 7, 27_000_600L)));
        v = view();
        assertEquals(3, v.duplicates());
        assertEquals(0, v.lost());
        assertEquals(1, analyzed.errors().continuityCountError());
        // The same counter with another byte outside the PCR: 15 lost.
        byte[] other = Ts.withPcr(0x100, 7, 27_000_900L);
        other[TsPacket.SIZE - 1] = 1;
        send(Ts.datagram(other));
        v = view();
        assertEquals(3, v.duplicates());
        assertEquals(15, v.lost());
        assertEquals(9, v.received());
        assertEquals(2, analyzed.errors().continuityCountError());
        assertBothPathsAgree(v);
    }

    @Test
    void theValueIsTheBitRateTheTextTr101290AndEachLaneNamesItsPidTypeAndService() {
        byte[] tables = new byte[3 * TsPacket.SIZE];
        for (int second = 0; second < 2; second++) {
            for (int k = 0; k < 10; k++) {
                int cc = second * 10 + k;
                TsWriter.pat(tables, 0, cc, 1, 7);
                TsWriter.pmt(tables, TsPacket.SIZE, cc, 7, new int[] {0x02}, new int[] {0x100});
                TsWriter.sdt(tables, 2 * TsPacket.SIZE, cc, 1, 7, "Wire", "News HD");
                send(tables);
                send(seven(0x100, cc * 7));
            }
        }
        SourceView v = view();
        // A second holds 10 datagrams: 5 x (3 + 7) packets of 188 bytes.
        assertEquals(75.2, v.number(), 1e-9);
        assertEquals("kbit/s", v.unit());
        assertTrue(v.text().startsWith("TR 101 290: TS_sync_loss 0 · Sync_byte_error 0 · PAT_error 0"), v.text());
        assertEquals("PID 0x0100 · MPEG-2 video · News HD · 0.05 Mbit/s", lane(0x100).label());
        assertEquals("PID 0x1000 · PMT · News HD · 0.01 Mbit/s", lane(TsWriter.PMT_PID).label());
        assertEquals("PID 0x0000 · PAT · 0.01 Mbit/s", lane(0).label());
        // The value history takes a point per renewal (at 1, 2 and 3 s), not one per TS packet.
        assertEquals(3, history().values().size());
    }

    @Test
    void rejectReasonsAreMpegtsOnes() {
        send(new byte[100]);
        byte[] bad = seven(0x100, 0);
        bad[TsPacket.SIZE] = 0x48; // the second packet lost its sync byte
        send(bad);
        engine.publish(nanos / 1_000_000);
        Map<String, Long> reasons = engine.snapshot().invalidByReason();
        assertEquals(1L, reasons.get("mpegts/bad-length"));
        assertEquals(1L, reasons.get("mpegts/sync-byte"));
        assertEquals(6, view().received());
        assertEquals(1, view().lost(), "the packet without its sync byte is not counted, so its counter is missing");
    }

    @Test
    void rtpPayloadType33IsCheckedAsATransportStreamToo() {
        InetSocketAddress rtp = new InetSocketAddress("239.1.1.3", 5004);
        engine.route(new Subscription("rtp", "239.1.1.3", 5004, Map.of()), List.of(rtp));
        byte[] p = new byte[12 + 7 * TsPacket.SIZE];
        for (int n = 0; n < 3; n++) {
            RtpWriter.rtp(p, 0, 33, false, 100 + (n == 2 ? 3 : n), n * 3000L, 0x1234, 7 * TsPacket.SIZE);
            int cc = n == 2 ? 7 * 3 : 7 * n; // the third carries what follows one lost datagram
            for (int i = 0; i < 7; i++) {
                TsWriter.payload(p, 12 + i * TsPacket.SIZE, 0x200, cc + i, false);
            }
            engine.datagram(p, 0, p.length, SENDER, rtp, nanos += 20_000_000L);
        }
        engine.publish(nanos / 1_000_000);
        SourceView ts = engine.snapshot().sources().stream().filter(v -> v.src().equals("mpegts/239.1.1.3:5004"))
                .findFirst().orElseThrow();
        assertEquals(21, ts.received());
        assertEquals(7, ts.lost());
        SourceView r = engine.snapshot().sources().stream().filter(v -> v.protocol().equals("rtp")).findFirst()
                .orElseThrow();
        assertEquals(1, r.lost(), "sequence number 102");
    }
}
