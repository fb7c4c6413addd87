package org.gapwatch.protocol.rtps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class GuidMapTest {
    @Test
    void findsByTheThreeNumbersAndTellsGuidsApartInEachOfThem() {
        GuidMap<String> m = new GuidMap<>(8);
        m.put(new Guid(1, 2, 3), "a");
        m.put(new Guid(1, 2, 4), "b");
        m.put(new Guid(1, 5, 3), "c");
        m.put(new Guid(6, 2, 3), "d");
        m.put(new Guid(-1, -1, -1), "e");
        assertEquals("a", m.get(1, 2, 3));
        assertEquals("b", m.get(1, 2, 4));
        assertEquals("c", m.get(1, 5, 3));
        assertEquals("d", m.get(new Guid(6, 2, 3)));
        assertEquals("e", m.get(-1, -1, -1));
        assertNull(m.get(1, 2, 5));
        m.put(new Guid(1, 2, 3), "a2");
        assertEquals("a2", m.get(1, 2, 3));
        assertEquals(5, m.size(), "a second put of a GUID replaces its value");
    }

    @Test
    void aNewGuidIntoAFullMapForgetsAllFirstSoItNeverHoldsMoreThanItsCapacity() {
        GuidMap<Integer> m = new GuidMap<>(100);
        for (int i = 0; i < 100; i++) {
            m.put(new Guid(i, i, i), i);
        }
        assertEquals(100, m.size());
        assertEquals(0, m.clears());
        m.put(new Guid(0, 0, 0), -1); // known: replaced, nothing forgotten
        assertEquals(0, m.clears());
        m.put(new Guid(100, 100, 100), 100);
        assertEquals(1, m.clears());
        assertEquals(1, m.size());
        assertNull(m.get(5, 5, 5));
        assertEquals(100, m.get(100, 100, 100));
        for (int i = 0; i < 1_000; i++) {
            m.put(new Guid(1_000 + i, 0, 0), i);
        }
        // With one kept, the 100th new GUID finds the map full, and every 100th after: 10 more clears.
        assertEquals(11, m.clears());
        assertEquals(1, m.size(), "the 1,000th new GUID alone");
        assertEquals(999, m.get(1_999, 0, 0));
    }
}
