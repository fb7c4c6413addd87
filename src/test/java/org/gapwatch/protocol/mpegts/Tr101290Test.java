package org.gapwatch.protocol.mpegts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TR 101 290 priority 1 indicators with exact counts, bit rates, lanes and hostile input. */
class Tr101290Test {
    private static final long MS = 1_000_000L;
    private static final int PMT = 0x1000, VIDEO = 0x100, AUDIO = 0x101;

    private final MpegTsStream s = new MpegTsStream();
    private final int[] cc = new int[TsPacket.PID_COUNT];

    private void send(long millis, byte[]... packets) {
        byte[] d = Ts.datagram(packets);
        assertNull(s.accept(d, 0, d.length, millis * MS, null));
    }

    private byte[] next(int pid) {
        return Ts.payload(pid, cc[pid]++);
    }

    private byte[] pat() {
        return Ts.sectionPacket(0, cc[0]++, Ts.pat(0, 1, PMT));
    }

    private byte[] pmt() {
        return Ts.sectionPacket(PMT, cc[PMT]++, Ts.pmt(1, 0, VIDEO, 0x02, VIDEO, 0x03, AUDIO));
    }

    /** PAT and PMT every {@code tablesEvery} ms, video and audio every 10 ms, from 0 to {@code untilMs}. */
    private void regular(long fromMs, long untilMs, long tablesEvery) {
        for (long t = fromMs; t <= untilMs; t += 10) {
            if (t % tablesEvery == 0) {
                send(t, pat(), pmt(), next(VIDEO), next(AUDIO));
            } else {
                send(t, next(VIDEO), next(AUDIO));
            }
        }
    }

    @Test
    void aCleanStreamHasNoErrors() {
        regular(0, 10_000, 100);
        assertEquals("TS_sync_loss=0 Sync_byte_error=0 PAT_error=0 Continuity_count_error=0 PMT_error=0 "
                + "PID_error=0 Transport_error=0", s.errors().toString());
        assertTrue(s.inSync());
        assertArrayEquals(new int[]{VIDEO, AUDIO}, s.referencedPids());
    }

    @ParameterizedTest(name = "tables every {0} ms for 10 s: PAT_error {1}")
    @CsvSource({"500,0", "510,19", "600,16", "1000,10", "2500,16"})
    void patAndPmtErrorForEachHalfSecondWithoutTheirTable(int every, long errors) {
        // Gaps of g ms cost ceil(g / 500) - 1 each; the stream runs 0..10,000 ms.
        regular(0, 10_000, every);
        assertEquals(errors, s.errors().patError());
        assertEquals(errors, s.errors().pmtError());
    }

    @Test
    void aStreamThatStopsCountsPatErrorsAsTimePasses() {
        regular(0, 1_000, 100);
        s.advance(3_000 * MS); // 2 s after the last PAT: periods 1.5-2.0, 2.0-2.5, 2.5-3.0 are errors
        assertEquals(3, s.errors().patError());
        assertEquals(3, s.errors().pmtError());
    }

    @Test
    void wrongTableIdAndScrambledPat() {
        regular(0, 100, 100);
        send(110, Ts.sectionPacket(0, cc[0]++, Ts.section(0x02, 1, 0, new byte[0])));
        byte[] scrambled = Ts.packet(0, cc[0]++, TsPacket.AFC_PAYLOAD_ONLY, false, false, 2);
        send(120, scrambled);
        byte[] scrambledPmt = Ts.packet(PMT, cc[PMT]++, TsPacket.AFC_PAYLOAD_ONLY, false, false, 3);
        send(130, scrambledPmt);
        assertEquals(2, s.errors().patError());
        assertEquals(1, s.errors().pmtError());
    }

    @Test
    void pidErrorWhenAReferencedPidIsAbsentLongerThanTheTimeout() {
        // Audio stops at 1 s; the timeout is 5 s: periods 6-11 and 11-16 s pass without it by 16 s.
        for (long t = 0; t <= 16_000; t += 10) {
            List<byte[]> p = new ArrayList<>();
            if (t % 100 == 0) {
                p.add(pat());
                p.add(pmt());
            }
            p.add(next(VIDEO));
            if (t <= 1_000) {
                p.add(next(AUDIO));
            }
            send(t, p.toArray(byte[][]::new));
        }
        assertEquals(2, s.errors().pidError());
        assertEquals(0, s.errors().patError());
        assertEquals(0, s.errors().continuityCountError());
    }

    @Test
    void pidErrorWithAUserTimeout() {
        MpegTsStream fast = new MpegTsStream(1_000 * MS);
        byte[] a = Ts.datagram(Ts.sectionPacket(0, 0, Ts.pat(0, 1, PMT)),
                Ts.sectionPacket(PMT, 0, Ts.pmt(1, 0, VIDEO, 0x02, VIDEO)));
        fast.accept(a, 0, a.length, 0, null);
        fast.advance(2_999 * MS); // video never came: absent longer than 1 s and than 2 s
        assertEquals(2, fast.errors().pidError());
        fast.advance(3_000 * MS); // exactly 3 s is not longer than 3 s
        assertEquals(2, fast.errors().pidError());
        fast.advance(3_001 * MS);
        assertEquals(3, fast.errors().pidError());
    }

    @Test
    void continuityAndTransportErrors() {
        regular(0, 100, 100);
        cc[VIDEO] += 3; // three video packets lost
        send(110, next(VIDEO));
        byte[] tei = Ts.packet(AUDIO, 0, TsPacket.AFC_PAYLOAD_ONLY, false, true, 0);
        send(120, tei, tei);
        send(130, Ts.payload(AUDIO, cc[AUDIO] - 1)); // one repeat: allowed
        assertEquals(1, s.errors().continuityCountError());
        assertEquals(3, s.continuity().lost(VIDEO));
        assertEquals(1, s.continuity().duplicates(AUDIO));
        assertEquals(2, s.errors().transportError());
    }

    @Test
    void syncByteErrorsAndOneSyncLossAfterSyncWasAcquired() {
        byte[] good = Ts.payload(VIDEO, 0);
        byte[] bad = Ts.payload(VIDEO, 0);
        bad[0] = 0x46;
        MpegTsStream t = new MpegTsStream();
        byte[] first = Ts.datagram(bad, good, good, good, good); // one bad before sync: an error, no loss
        assertNull(t.accept(first, 0, first.length, 0, null));
        assertFalse(t.inSync());
        byte[] more = Ts.datagram(good, bad, bad, bad, good, good, good, good, good);
        assertNull(t.accept(more, 0, more.length, MS, null));
        assertEquals(4, t.errors().syncByteError());
        assertEquals(1, t.errors().tsSyncLoss());
        assertTrue(t.inSync());
        assertEquals(4, t.rejected(TsReject.SYNC_BYTE));
        byte[] none = Ts.datagram(bad, bad);
        assertEquals(TsReject.SYNC_LOSS, t.accept(none, 0, none.length, 2 * MS, null));
        assertEquals(6, t.errors().syncByteError());
        assertEquals(2, t.errors().tsSyncLoss());
        assertEquals(1, t.rejected(TsReject.SYNC_LOSS));
    }

    @Test
    void badLengthIsRejectedWhole() {
        byte[] d = new byte[1000];
        d[0] = 0x47;
        assertEquals(TsReject.BAD_LENGTH, s.accept(d, 0, d.length, 0, null));
        assertEquals(1, s.rejected(TsReject.BAD_LENGTH));
        assertEquals(0, s.packets());
        assertEquals(0, s.datagrams());
    }

    @Test
    void bitRatesPerStreamAndPid() {
        // 100 datagrams a second, each 2 video and 1 audio packet: 300 packets/s x 1,504 bits.
        for (long t = 0; t <= 2_000; t += 10) {
            send(t, next(VIDEO), next(VIDEO), next(AUDIO));
        }
        assertEquals(300 * 1504, s.bitRate());
        assertEquals(200 * 1504, s.bitRate(VIDEO));
        assertEquals(100 * 1504, s.bitRate(AUDIO));
        assertEquals(0, s.bitRate(0x555));
        assertEquals(402, s.packets(VIDEO));
        s.advance(4_000 * MS); // the window from 2 s held only the datagram at 2 s: 3 packets in 2 s
        assertEquals(3 * 1504 / 2, s.bitRate());
        s.advance(5_000 * MS);
        assertEquals(0, s.bitRate());
        assertEquals(0, s.bitRate(VIDEO));
    }

    @Test
    void lanesCarryPidCounterAndFlags() {
        List<int[]> lanes = new ArrayList<>();
        byte[] d = Ts.datagram(Ts.payload(VIDEO, 5), Ts.adaptationOnly(VIDEO, 5, false),
                Ts.withAdaptation(AUDIO, 9, true), Ts.payload(TsPacket.NULL_PID, 0),
                Ts.packet(VIDEO, 6, TsPacket.AFC_PAYLOAD_ONLY, false, true, 0));
        s.accept(d, 0, d.length, 0, (pid, counter, flags) -> lanes.add(new int[]{pid, (int) counter, flags}));
        assertEquals(3, lanes.size());
        assertArrayEquals(new int[]{VIDEO, 5, ContinuityRule.DUPLICATE_ALLOWED}, lanes.get(0));
        assertArrayEquals(new int[]{VIDEO, 5, ContinuityRule.NO_PAYLOAD}, lanes.get(1));
        assertArrayEquals(new int[]{AUDIO, 9, ContinuityRule.DUPLICATE_ALLOWED | ContinuityRule.DISCONTINUITY},
                lanes.get(2));
    }

    @Test
    void anyBytesNeverThrowNorLoop() {
        SplittableRandom r = new SplittableRandom(290);
        MpegTsStream t = new MpegTsStream();
        long taken = 0;
        for (int i = 0; i < 20_000; i++) {
            int n = r.nextInt(4) == 0 ? r.nextInt(2000) : 188 * (1 + r.nextInt(7));
            byte[] d = new byte[n];
            for (int k = 0; k < n; k++) {
                d[k] = (byte) r.nextInt(256);
            }
            for (int k = 0; k < n; k += 188) {
                if (r.nextBoolean()) {
                    d[k] = 0x47; // mostly packet-like, so the section and table paths run too
                    if (k + 1 < n) {
                        d[k + 1] &= (byte) (r.nextBoolean() ? 0x40 : 0x5F);
                        if (k + 2 < n && r.nextBoolean()) {
                            d[k + 2] = (byte) r.nextInt(3);
                        }
                    }
                }
            }
            if (t.accept(d, 0, n, i * MS, null) == null) {
                taken++;
            }
        }
        assertTrue(taken > 5_000, "taken " + taken);
        assertTrue(t.rejected(TsReject.BAD_LENGTH) > 1_000);
    }
}
