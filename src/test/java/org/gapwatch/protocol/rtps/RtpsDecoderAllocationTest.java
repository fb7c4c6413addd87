package org.gapwatch.protocol.rtps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gapwatch.protocol.DecodeResult;
import org.gapwatch.protocol.Update;
import org.gapwatch.testutil.ThreadAllocation;
import org.junit.jupiter.api.Test;

/**
 * A submessage of a writer already seen costs no allocation (its writer is found by the GUID's numbers, not a
 * Guid made per submessage), and what hostile streams of new GUIDs leave behind is bounded.
 */
class RtpsDecoderAllocationTest {
    private static final long PREFIX_HIGH = 0x0110_0000_0000_0001L;

    @Test
    void aKnownWritersSecondDataHasTheSameNameInstance() {
        RtpsDecoder d = new RtpsDecoder();
        byte[] b = new byte[100];
        int n = new RtpsWriter(b, PREFIX_HIGH, 7).data(0x102, 1, 0).length();
        String src = d.decode(b, 0, n, 7401, 1).get(0).src();
        n = new RtpsWriter(b, PREFIX_HIGH, 7).data(0x102, 2, 0).length();
        Update second = d.decode(b, 0, n, 7401, 2).get(0);
        assertSame(src, second.src());
        assertSame(d.names(), second.srcNames(), "the tracker can find the source by id");
        assertEquals(2, second.seq());
    }

    @Test
    void aKnownWritersDataAllocatesNothing() throws Exception {
        RtpsDecoder d = new RtpsDecoder();
        int writers = 16;
        byte[][] messages = new byte[writers][];
        byte[] b = new byte[100];
        for (int i = 0; i < writers; i++) {
            int n = new RtpsWriter(b, PREFIX_HIGH, 7).data(0x100 + (i << 8) | 0x02, 1, i).length();
            messages[i] = java.util.Arrays.copyOf(b, n);
        }
        long[] now = {1_700_000_000_000_000_000L};
        Runnable round = () -> {
            for (byte[] m : messages) {
                DecodeResult r = d.decode(m, 0, m.length, 7401, now[0]);
                if (r.count() != 1 || r.get(0).reason() != null) {
                    throw new AssertionError("not one valid update");
                }
                // writerSN's low word, little-endian, at 40: the next sample.
                int sn = (m[40] & 0xFF | (m[41] & 0xFF) << 8 | (m[42] & 0xFF) << 16 | m[43] << 24) + 1;
                m[40] = (byte) sn;
                m[41] = (byte) (sn >>> 8);
                m[42] = (byte) (sn >>> 16);
                m[43] = (byte) (sn >>> 24);
            }
            now[0] += 10_000_000L;
        };
        long bytes = ThreadAllocation.inRounds(round, 1_000, 6_000); // warm up: writers made, the path compiled
        // A Guid a submessage would be 32 B x 96,000 = 3 MB.
        assertTrue(bytes < 100_000, bytes + " bytes allocated by 96,000 DATA of known writers");
    }

    @Test
    void writersBeyondTheLimitAreCountedAndSedpOfEndlessNewWritersStaysBounded() {
        RtpsDecoder d = new RtpsDecoder();
        byte[] b = new byte[100];
        int refused = 0;
        int extra = 10;
        for (int i = 0; i < RtpsDecoder.MAX_WRITERS + extra; i++) {
            int n = new RtpsWriter(b, PREFIX_HIGH + i, 7).data(0x102, 1, 0).length();
            DecodeResult r = d.decode(b, 0, n, 7401, 1);
            assertNull(r.rejection());
            assertEquals(1, r.count());
            if (r.get(0).reason() == RtpsReject.TOO_MANY_WRITERS) {
                refused++;
            }
        }
        assertEquals(extra, refused);
        assertEquals(RtpsDecoder.MAX_WRITERS, d.writerCount());

        d = new RtpsDecoder();
        int topics = RtpsDecoder.MAX_TOPICS + 100;
        for (int i = 0; i < topics; i++) {
            Guid described = new Guid(0x0220_0000_0000_0000L + i, 1, 0x102);
            byte[] m = new Rtps().data(true, Guid.SEDP_PUBLICATIONS_WRITER, 1 + i,
                    Rtps.sedp(true, described, "T" + i, "U")).bytes();
            assertEquals(0, d.decode(m, 0, m.length, 7400, 2).count(), "discovery is no update");
        }
        assertEquals(1, d.topicClears(), "full once, then it forgot them");
        assertEquals(topics - RtpsDecoder.MAX_TOPICS, d.topicCount());
        // The last writer described is named from its publication, one from before the clear is not.
        int last = topics - 1;
        int n = new RtpsWriter(b, 0x0220_0000_0000_0000L + last, 1).data(0x102, 1, 0).length();
        assertEquals("dds/T" + last + "/" + new Guid(0x0220_0000_0000_0000L + last, 1, 0x102),
                d.decode(b, 0, n, 7401, 3).get(0).src());
        n = new RtpsWriter(b, 0x0220_0000_0000_0000L, 1).data(0x102, 1, 0).length();
        assertEquals("dds/" + new Guid(0x0220_0000_0000_0000L, 1, 0x102), d.decode(b, 0, n, 7401, 4).get(0).src());
    }

    @Test
    void endlessRenamesOfAWriterKeepTheNameTableBoundedAndTheIdRight() {
        RtpsDecoder d = new RtpsDecoder();
        Guid writer = new Guid(PREFIX_HIGH, 7, 0x102);
        byte[] b = new byte[100];
        int renames = RtpsDecoder.MAX_NAMES + 10;
        for (int i = 0; i < renames; i++) {
            byte[] m = new Rtps(PREFIX_HIGH, 7).data(true, Guid.SEDP_PUBLICATIONS_WRITER, 1 + i,
                    Rtps.sedp(true, writer, "T" + i, "U")).bytes();
            d.decode(m, 0, m.length, 7400, 1);
            int n = new RtpsWriter(b, PREFIX_HIGH, 7).data(0x102, 1 + i, 0).length();
            Update u = d.decode(b, 0, n, 7401, 2).get(0);
            assertEquals("dds/T" + i + "/" + writer, u.src());
            assertSame(u.src(), d.names().name(u.srcId()), "the id names this String");
            assertTrue(d.names().size() <= RtpsDecoder.MAX_NAMES);
        }
        assertTrue(d.names().clears() >= 1, "the table was full and forgot its names");
    }
}
