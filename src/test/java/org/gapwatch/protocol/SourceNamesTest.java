package org.gapwatch.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceNamesTest {
    private static int id(SourceNames names, String s) {
        // Inside a larger buffer at an offset, as the parser hands its text over.
        char[] buf = ("xx" + s + "yy").toCharArray();
        return names.id(buf, 2, s.length());
    }

    @Test
    void theSameCharactersGiveTheSameIdAndTheSameStringWithTheExactContent() {
        SourceNames names = new SourceNames();
        int a = id(names, "plant/line-3/pump-7");
        int b = id(names, "plant/line-3/pump-8");
        assertEquals(0, a);
        assertEquals(1, b);
        assertEquals(a, id(names, "plant/line-3/pump-7"));
        assertEquals("plant/line-3/pump-7", names.name(a));
        assertEquals("plant/line-3/pump-8", names.name(b));
        String s = names.name(a);
        char[] again = "plant/line-3/pump-7".toCharArray();
        assertSame(s, names.name(again, 0, again.length));
        assertEquals(2, names.size());
    }

    @Test
    void namesWithTheSameHashStayApart() {
        // "Aa" and "BB" have the same 31-based hash, and so do all their concatenations of equal length.
        SourceNames names = new SourceNames();
        String[] colliding = {"AaAa", "AaBB", "BBAa", "BBBB"};
        for (int i = 0; i < colliding.length; i++) {
            assertEquals(i, id(names, colliding[i]));
        }
        for (int i = 0; i < colliding.length; i++) {
            assertEquals(i, id(names, colliding[i]));
            assertEquals(colliding[i], names.name(i));
        }
    }

    @Test
    void manyNamesKeepTheirIdsAcrossTheTableGrowing() {
        SourceNames names = new SourceNames();
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            assertEquals(i, id(names, "grid/unit-" + i / 64 + "/sensor-" + i));
        }
        for (int i = 0; i < n; i++) {
            String s = "grid/unit-" + i / 64 + "/sensor-" + i;
            assertEquals(i, id(names, s));
            assertEquals(s, names.name(i));
        }
        assertEquals(n, names.size());
        assertEquals(0, names.clears());
        // A name that differs from a kept one in its last character only, or is a prefix of one, is another name.
        assertEquals(n, id(names, "grid/unit-0/sensor-1x"));
        assertEquals(n + 1, id(names, "grid/unit-0/sensor-"));
    }

    @Test
    void aNameLongerThanAnyKeptIsStillReadExactlyButGetsNoId() {
        SourceNames names = new SourceNames();
        String longName = "n".repeat(SourceNames.MAX_NAME_CHARS) + "é";
        assertEquals(-1, id(names, longName));
        char[] c = longName.toCharArray();
        assertEquals(longName, names.name(c, 0, c.length));
        assertEquals(0, names.size());
        String longest = "m".repeat(SourceNames.MAX_NAME_CHARS);
        assertEquals(0, id(names, longest));
        assertEquals(longest, names.name(0));
    }

    @Test
    void endlessNewNamesStayWithinTheLimitAndEveryOneIsStillExact() {
        SourceNames names = new SourceNames(1000);
        for (int i = 0; i < 1_000_000; i++) {
            String s = "flood/" + i;
            int id = id(names, s);
            assertEquals(i % 1000, id, s);
            assertEquals(s, names.name(id));
            assertTrue(names.size() <= 1000);
        }
        assertEquals(999, names.clears());
        assertEquals(1000, names.size());
    }

    @Test
    void longNamesClearTheTableSoonerThanItsCountOfNames() {
        // 1,000 names of 48 characters on average: 48,000 characters, so 187 names of 256 characters fit.
        SourceNames names = new SourceNames(1000);
        String pad = "x".repeat(SourceNames.MAX_NAME_CHARS - 6);
        for (int i = 0; i < 10_000; i++) {
            String s = String.format("%06d", i) + pad;
            assertEquals(s, names.name(id(names, s)));
        }
        assertEquals(53, names.clears());
        assertEquals(10_000 - 53 * 187, names.size());
    }

    @Test
    void idsReusedAfterAClearNameOtherStrings() {
        SourceNames names = new SourceNames(2);
        int a = id(names, "a");
        String first = names.name(a);
        id(names, "b");
        int c = id(names, "c"); // full: forgets a and b
        assertEquals(1, names.clears());
        assertEquals(a, c);
        assertEquals("c", names.name(c));
        assertNotEquals(first, names.name(c));
        int again = id(names, "a");
        assertEquals(1, again);
        assertEquals("a", names.name(again));
    }

    @Test
    void decoderNamesEachSourceOnceAndKeepsItsIdFromDatagramToDatagram() {
        DatagramDecoder decoder = new DatagramDecoder();
        Map<String, Integer> ids = new HashMap<>();
        Map<String, String> instances = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 100; i++) {
                String src = "plant/pump-" + i;
                byte[] b = ("{\"src\":\"" + src + "\",\"seq\":" + round + "}").getBytes();
                Update u = decoder.decode(b, 0, b.length).get(0);
                assertEquals(src, u.src());
                assertEquals(i, u.srcId());
                assertSame(u.srcNames().name(u.srcId()), u.src());
                assertEquals(ids.computeIfAbsent(src, k -> u.srcId()), u.srcId());
                assertSame(instances.computeIfAbsent(src, k -> u.src()), u.src());
            }
        }
    }

    @Test
    void decoderReadsANameLongerThanTheTableKeepsWithoutAnId() {
        DatagramDecoder decoder = new DatagramDecoder();
        String src = "€".repeat(DatagramDecoder.MAX_SRC_LENGTH); // 256 code points, each one UTF-16 unit: kept
        String surrogates = "😀".repeat(200); // 200 code points, 400 UTF-16 units: valid, longer than kept names
        for (String s : new String[] {src, surrogates}) {
            byte[] b = ("{\"src\":\"" + s + "\",\"seq\":1}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Update u = decoder.decode(b, 0, b.length).get(0);
            assertTrue(u.valid(), String.valueOf(u.reason()));
            assertEquals(s, u.src());
            assertEquals(s == src ? 0 : -1, u.srcId());
        }
    }
}
