package org.gapwatch.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StringCacheTest {
    private static String get(StringCache c, String s) {
        char[] text = ("xx" + s).toCharArray(); // at an offset, as in the parser's buffer
        return c.get(text, 2, s.length());
    }

    @Test
    void theSameCharactersGiveTheSameString() {
        StringCache c = new StringCache(16);
        String a = get(c, "plant/unit-0/sensor-1");
        assertEquals("plant/unit-0/sensor-1", a);
        assertSame(a, get(c, "plant/unit-0/sensor-1"));
        assertEquals(1, c.misses());
    }

    @Test
    void growsUntilEveryNameOfAFloodStaysCachedAtAnyNumberOfNames() {
        for (int names : new int[] {1_000, 50_000}) {
            StringCache c = new StringCache(4096);
            for (int round = 0; round < 30; round++) {
                for (int i = 0; i < names; i++) {
                    get(c, "plant/unit-" + (i / 64) + "/sensor-" + i);
                }
            }
            long before = c.misses();
            String first = get(c, "plant/unit-0/sensor-0");
            for (int i = 1; i < names; i++) {
                get(c, "plant/unit-" + (i / 64) + "/sensor-" + i);
            }
            // Once grown, a round of every name makes (almost) no String: at most 2 % of the names, at either size.
            // The 4,096 direct-mapped slots of old made one for nearly every name at 50,000.
            long madeInARound = c.misses() - before;
            assertTrue(madeInARound <= names / 50, names + " names: " + madeInARound + " new Strings in a round");
            assertSame(first, get(c, "plant/unit-0/sensor-0"));
            assertTrue(c.size() <= StringCache.MAX_SIZE);
        }
    }

    @Test
    void oneOffStringsGrowItOnlyToItsBound() {
        StringCache c = new StringCache(16);
        for (int i = 0; i < 3 * StringCache.MAX_SIZE; i++) {
            get(c, "s" + i);
        }
        assertEquals(StringCache.MAX_SIZE, c.size());
    }
}
