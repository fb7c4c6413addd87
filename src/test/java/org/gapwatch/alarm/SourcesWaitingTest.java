package org.gapwatch.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every set published stays the set of sources waiting at its publication, whatever changes after. */
class SourcesWaitingTest {
    @Test
    void eachViewHoldsTheSourcesWaitingWhenItWasMadeAndKeepsThem() {
        SplittableRandom rnd = new SplittableRandom(13);
        SourcesWaiting waiting = new SourcesWaiting();
        Map<String, Integer> rows = new HashMap<>();
        List<Set<String>> views = new ArrayList<>();
        List<Set<String>> expected = new ArrayList<>();
        for (int round = 0; round < 300; round++) {
            // bursts of sources arriving (a storm), then rounds of a few coming and going
            int changes = round % 100 < 10 ? rnd.nextInt(500, 3_000) : rnd.nextInt(0, 40);
            for (int c = 0; c < changes; c++) {
                String src = "s" + rnd.nextInt(round % 100 < 10 ? 20_000 : 2_000);
                int n = rows.getOrDefault(src, 0);
                int delta = n > 0 && rnd.nextInt(3) > 0 ? -1 : 1;
                rows.merge(src, delta, Integer::sum);
                rows.remove(src, 0);
                waiting.add(src, delta);
            }
            Set<String> view = waiting.view();
            Set<String> now = Set.copyOf(rows.keySet());
            assertEquals(now, view, "round " + round);
            assertEquals(now.size(), view.size());
            assertEquals(now.hashCode(), view.hashCode());
            assertEquals(now.size(), new HashSet<>(view).size(), "each source once when iterated");
            assertSame(view, waiting.view(), "nothing changed: the same set");
            views.add(view);
            expected.add(now);
        }
        for (int i = 0; i < views.size(); i++) {
            assertEquals(expected.get(i), views.get(i), "the set of round " + i + " afterwards");
            for (String s : List.of("s1", "s17", "s1999", "s19999", "nobody")) {
                assertEquals(expected.get(i).contains(s), views.get(i).contains(s), s + " in round " + i);
            }
        }
    }

    @Test
    void aSourceThatCameAndWentBetweenTwoViewsLeavesTheSameSet() {
        SourcesWaiting waiting = new SourcesWaiting();
        waiting.add("a", 1);
        Set<String> first = waiting.view();
        waiting.add("b", 1);
        waiting.add("b", -1);
        assertSame(first, waiting.view());
        waiting.add("a", -1);
        waiting.add("a", 1);
        assertSame(first, waiting.view());
        waiting.add("a", -1);
        assertTrue(waiting.view().isEmpty());
        assertFalse(waiting.view().contains("a"));
        assertEquals(Set.of("a"), first);
    }
}
