package org.gapwatch.protocol.collectd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.gapwatch.protocol.DecodeResult;
import org.gapwatch.protocol.Update;
import org.gapwatch.testutil.ThreadAllocation;
import org.junit.jupiter.api.Test;

/**
 * A value list of a source already seen costs no allocation: its key is found by its characters in the decoder's
 * bounded name table, which gives the same String (and id) again; the table stays bounded under endless new keys.
 */
class CollectdDecoderAllocationTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aKnownSourcesSecondValueListHasTheSameNameInstanceAndId() {
        CollectdDecoder d = new CollectdDecoder();
        byte[] b = new byte[200];
        int n = new CollectdWriter(b).gauges("web-1", "load", "load", T0, SECOND, 0.5, 0.4, 0.3).length();
        Update first = d.decode(b, 0, n, 25826, 0).get(0);
        String src = first.src();
        int id = first.srcId();
        assertEquals(0, first.seq(), "the first slot");
        n = new CollectdWriter(b).gauges("web-1", "load", "load", T0 + SECOND, SECOND, 0.5, 0.4, 0.3).length();
        Update second = d.decode(b, 0, n, 25826, 0).get(0);
        assertEquals("web-1/load/load", second.src());
        assertSame(src, second.src(), "the same String for the same key");
        assertEquals(id, second.srcId());
        assertSame(d.names(), second.srcNames(), "the tracker can find the source by id");
        assertEquals(1, second.seq(), "one interval on: the next slot");
    }

    @Test
    void aKnownSourcesValueListAllocatesNothing() throws Exception {
        CollectdDecoder d = new CollectdDecoder();
        int hosts = 10;
        byte[][] datagrams = new byte[hosts][];
        byte[] b = new byte[200];
        for (int i = 0; i < hosts; i++) {
            int n = new CollectdWriter(b).gauges("host-" + i, "load", "load", T0, SECOND, 0.5, 0.4, 0.3).length();
            datagrams[i] = java.util.Arrays.copyOf(b, n);
        }
        int timeAt = 4 + "host-0".length() + 1 + 4; // after the HOST part and TIME_HR's header
        ByteBuffer[] times = new ByteBuffer[hosts];
        for (int i = 0; i < hosts; i++) {
            times[i] = ByteBuffer.wrap(datagrams[i]); // big-endian, as collectd's numbers
        }
        Runnable round = () -> {
            for (int i = 0; i < hosts; i++) {
                byte[] g = datagrams[i];
                DecodeResult r = d.decode(g, 0, g.length, 25826, 0);
                if (r.count() != 1 || r.get(0).reason() != null) {
                    throw new AssertionError("not one valid update");
                }
                times[i].putLong(timeAt, times[i].getLong(timeAt) + HighResTime.SECOND);
            }
        };
        long bytes = ThreadAllocation.inRounds(round, 2_000, 10_000); // warm up: sources made, the path compiled
        // One object a value list would be 1.6 MB or more for these 100,000.
        assertTrue(bytes < 100_000, bytes + " bytes allocated by 100,000 value lists of known sources");
    }

    @Test
    void theTextIsMadeAgainOnlyWhenItReadsDifferently() {
        CollectdDecoder d = new CollectdDecoder();
        byte[] b = new byte[200];
        int n = new CollectdWriter(b).gauges("h", "load", "load", T0, SECOND, 0.5, 0.4).length();
        String text = d.decode(b, 0, n, 25826, 0).get(0).text();
        n = new CollectdWriter(b).gauges("h", "load", "load", T0 + SECOND, SECOND, 0.5, 0.4).length();
        assertSame(text, d.decode(b, 0, n, 25826, 0).get(0).text());
        n = new CollectdWriter(b).gauges("h", "load", "load", T0 + 2 * SECOND, SECOND, 0.5, 0.25).length();
        String changed = d.decode(b, 0, n, 25826, 0).get(0).text();
        assertEquals("0.5 0.25", changed);
        assertNotSame(text, changed);
    }

    /** The key as collectd's fields read one by one would give it, whatever their bytes (malformed UTF-8 too). */
    @Test
    void theKeyIsEachFieldDecodedAndJoinedForAnyBytes() {
        CollectdDecoder d = new CollectdDecoder();
        Random random = new Random(20261202);
        int[] fields = {CollectdReader.HOST, CollectdReader.PLUGIN, CollectdReader.PLUGIN_INSTANCE,
            CollectdReader.TYPE, CollectdReader.TYPE_INSTANCE};
        for (int round = 0; round < 3_000; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String[] text = new String[fields.length];
            for (int f = 0; f < fields.length; f++) {
                // Instances absent now and then; the others 1-127 bytes, mostly high ones (UTF-8 of any shape).
                int len = f == 2 || f == 4 ? random.nextInt(3) * random.nextInt(40) : 1 + random.nextInt(127);
                byte[] s = new byte[len];
                for (int i = 0; i < len; i++) {
                    s[i] = (byte) (random.nextInt(4) == 0 ? 'a' + random.nextInt(26) : 0x80 + random.nextInt(128));
                }
                text[f] = new String(s, StandardCharsets.UTF_8);
                part(out, fields[f], s);
            }
            byte[] time = new Parts().number(CollectdReader.TIME_HR, HighResTime.ofNanos(T0 + round * SECOND))
                    .gauges(1.0).bytes();
            out.writeBytes(time);
            byte[] g = out.toByteArray();
            DecodeResult r = d.decode(g, 0, g.length, 25826, 0);
            String expected = text[0] + "/" + text[1] + (text[2].isEmpty() ? "" : "-" + text[2]) + "/" + text[3]
                    + (text[4].isEmpty() ? "" : "-" + text[4]);
            assertEquals(1, r.count());
            assertEquals(expected, r.get(0).src(), "round " + round);
        }
    }

    @Test
    void theNameTableStaysBoundedUnderEndlessNewKeysAndSourcesBeyondTheLimitAreCounted() {
        CollectdDecoder d = new CollectdDecoder();
        byte[] b = new byte[200];
        int total = 2 * CollectdDecoder.MAX_SOURCES + 5_000;
        int refused = 0;
        for (int i = 0; i < total; i++) {
            int n = new CollectdWriter(b).gauges("h" + i, "p", "t", T0, SECOND, 1).length();
            DecodeResult r = d.decode(b, 0, n, 25826, 0);
            assertEquals(1, r.count());
            if (r.get(0).reason() == CollectdReject.TOO_MANY_SOURCES) {
                refused++;
            }
            assertTrue(d.names().size() <= d.names().maxNames());
        }
        assertEquals(total - CollectdDecoder.MAX_SOURCES, refused, "every value list beyond the limit counted");
        assertEquals(CollectdDecoder.MAX_SOURCES, d.sourceCount());
        assertTrue(d.names().clears() >= 1, "the table was full and forgot its names");
        // A source kept from before the clear is still the same source: its next value list is in cadence.
        int n = new CollectdWriter(b).gauges("h0", "p", "t", T0 + SECOND, SECOND, 1).length();
        Update again = d.decode(b, 0, n, 25826, 0).get(0);
        assertNull(again.reason());
        assertEquals("h0/p/t", again.src());
        assertEquals(1, again.seq(), "the slot after the first");
        String src = again.src();
        n = new CollectdWriter(b).gauges("h0", "p", "t", T0 + 2 * SECOND, SECOND, 1).length();
        Update third = d.decode(b, 0, n, 25826, 0).get(0);
        assertSame(src, third.src(), "found by id again after the clear");
        assertNotNull(third.srcNames());
    }

    private static void part(ByteArrayOutputStream out, int type, byte[] text) {
        int length = 4 + text.length + 1;
        out.write(type >> 8);
        out.write(type);
        out.write(length >> 8);
        out.write(length);
        out.writeBytes(text);
        out.write(0);
    }
}
