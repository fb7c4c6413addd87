package org.gapwatch.protocol.sacn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Random;
import org.gapwatch.protocol.ValueKind;
import org.gapwatch.track.Levels;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.Tracker;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.Test;

/**
 * sACN's slot levels through the seam: decoder, tracker, snapshot. A full universe's 512 levels and a short DMX
 * frame arrive exactly; a packet with another START code (E1.31-2018 6.2.7: only START code 0x00 is level data)
 * is never shown as levels; levels that stay the same are not copied again, changed ones never touch a published
 * vector.
 */
class SacnLevelsTest {
    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);

    private final SacnDecoder decoder = new SacnDecoder();
    private final Tracker tracker = new Tracker(TrackerConfig.defaults());
    private long millis = 1_700_000_000_000L;
    private int seq;

    private SourceView send(String name, int universe, int startCode, byte[] slots) {
        byte[] b = E131.data(E131.CID_HIGH, E131.CID_LOW + universe, name, 100, 0, seq++ & 0xFF, 0, universe,
                startCode, slots);
        millis += 25;
        tracker.datagram(decoder.decode(b, 0, b.length, E131Packet.PORT, millis * 1_000_000), b, 0, b.length,
                SENDER, millis);
        return tracker.snapshot(millis).sources().stream().filter(v -> v.src().equals("sacn/" + universe + "/" + name))
                .findFirst().orElseThrow();
    }

    private static int[] unsigned(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xFF;
        }
        return out;
    }

    @Test
    void a512SlotUniverseArrivesExactly() {
        byte[] slots = new byte[512];
        new Random(7).nextBytes(slots);
        slots[0] = 0;
        slots[511] = (byte) 255;
        int nonZero = 0;
        for (byte s : slots) {
            nonZero += s != 0 ? 1 : 0;
        }
        SourceView v = send("desk", 1, 0, slots);
        Levels l = v.levels();
        assertEquals(512, l.size());
        assertArrayEquals(unsigned(slots), l.toIntArray());
        assertEquals(1, l.firstIndex(), "DMX addresses from 1");
        assertEquals(512, l.lastIndex());
        assertEquals(nonZero, l.nonZero());
        assertEquals(nonZero, v.number(), "the tile's figure: slots not zero");
        assertEquals(1.0, l.fraction(511));
        assertTrue(l.eightBit());
    }

    @Test
    void aShortDmxFrameIsItsOwnLength() {
        byte[] slots = {10, 0, (byte) 200, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 255};
        Levels l = send("console", 2, 0, slots).levels();
        assertEquals(24, l.size());
        assertArrayEquals(unsigned(slots), l.toIntArray());
        assertEquals(4, l.nonZero(), "10, 200, 1 and 255");
        assertEquals(24, l.lastIndex());
    }

    @Test
    void anotherStartCodeIsNotLevels() {
        byte[] priorities = new byte[512];
        java.util.Arrays.fill(priorities, (byte) 100); // 0xDD: per-address priority, 100 for every slot
        SourceView only = send("prio", 3, 0xDD, priorities);
        assertNull(only.levels(), "a source that sent only START code 0xDD has no levels");
        assertEquals(ValueKind.ABSENT, only.valueKind());

        byte[] levels = new byte[512];
        levels[4] = 77;
        Levels before = send("prio", 3, 0, levels).levels();
        SourceView after = send("prio", 3, 0xDD, priorities);
        assertSame(before, after.levels(), "the levels of START code 0 stay; the priorities are not shown");
        assertArrayEquals(unsigned(levels), after.levels().toIntArray());
        assertEquals(1, after.number(), "the non-zero count stays that of the levels");
        assertTrue(after.text().contains("START code 0xdd"), after.text());
        send("prio", 3, 0x17, new byte[] {72, 105}); // a text packet (ASCII): not levels either
        assertArrayEquals(unsigned(levels), send("prio", 3, 0xDD, priorities).levels().toIntArray());
    }

    @Test
    void unchangedLevelsAreNotCopiedAndPublishedOnesNeverChange() {
        byte[] slots = new byte[512];
        slots[0] = 1;
        Levels first = send("fader", 4, 0, slots).levels();
        assertSame(first, send("fader", 4, 0, slots.clone()).levels(), "the same levels again: the same vector");
        slots[0] = 2;
        Levels second = send("fader", 4, 0, slots).levels();
        assertNotSame(first, second);
        assertEquals(1, first.get(0), "the vector a view holds is never overwritten");
        assertEquals(2, second.get(0));
    }
}
