package org.gapwatch.ui.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SourceIndexTest {
    private static SourceIndex index(List<String> names, SourceIndex prev, boolean renames, AtomicInteger reads) {
        return SourceIndex.of(names.size(), id -> {
            reads.incrementAndGet();
            return names.get(id);
        }, prev, renames, null);
    }

    private static List<String> inOrder(SourceIndex x) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            out.add(x.name(x.idAt(i)));
        }
        return out;
    }

    @Test
    void ordersByPathLevelByLevelSoThatEveryPrefixIsContiguous() {
        SourceIndex x = index(List.of("plant-2/a", "plant/x/b", "plant", "grid/z", "plant/x", "plant/w"),
                SourceIndex.empty(), false, new AtomicInteger());
        // '/' before every other character: "plant/..." before "plant-2/...", a prefix before what is under it.
        assertEquals(List.of("grid/z", "plant", "plant/w", "plant/x", "plant/x/b", "plant-2/a"), inOrder(x));
    }

    @Test
    void addedSourcesMergeIntoTheOrderReadingOnlyTheirNames() {
        List<String> names = new ArrayList<>(List.of("c/1", "a/1", "b/1"));
        AtomicInteger reads = new AtomicInteger();
        SourceIndex first = index(names, SourceIndex.empty(), false, reads);
        names.addAll(List.of("a/0", "d/0", "b/2"));
        reads.set(0);
        SourceIndex next = index(names, first, false, reads);
        assertEquals(3, reads.get(), "only the three new names are read");
        assertEquals(List.of("a/0", "a/1", "b/1", "b/2", "c/1", "d/0"), inOrder(next));
        assertSame(next, index(names, next, false, reads), "nothing added: the same index");
    }

    @Test
    void aRenamedSourceIsFoundWhenLookedForAndSortedAgain() {
        List<String> names = new ArrayList<>(List.of("rtp/ssrc-1", "rtp/ssrc-2"));
        SourceIndex first = index(names, SourceIndex.empty(), false, new AtomicInteger());
        names.set(0, "rtp/zz-camera");
        assertSame(first, index(names, first, false, new AtomicInteger()), "not looked for: kept");
        SourceIndex next = index(names, first, true, new AtomicInteger());
        assertEquals(List.of("rtp/ssrc-2", "rtp/zz-camera"), inOrder(next));
        assertEquals(0, next.idOf("rtp/zz-camera"));
        assertEquals(-1, next.idOf("rtp/ssrc-1"));
    }

    @Test
    void selectingByNameIsALookUpThatReadsNoSource() {
        int n = 50_000;
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add("g" + (i % 7) + "/unit-" + (i / 64) + "/s-" + i);
        }
        AtomicInteger reads = new AtomicInteger();
        SourceIndex x = index(names, SourceIndex.empty(), false, reads);
        assertEquals(n, reads.get());
        reads.set(0);
        int[] found = new int[1000];
        int[] want = new int[1000];
        for (int k = 0; k < 1000; k++) {
            want[k] = (k * 7919) % n;
            found[k] = x.idOf(names.get(want[k]));
        }
        assertArrayEquals(want, found);
        assertEquals(0, reads.get(), "a thousand look-ups read no source's name: no scan");
        assertEquals(-1, x.idOf("nowhere/x"));
        assertEquals(-1, x.idOf(null));
        assertEquals(n, Arrays.stream(x.order()).distinct().count());
    }

    /** Names copied into the look-up by name while {@code batches} batches of 10 sources join {@code base} sources. */
    private static int copiedWhileAdding(int base, int batches) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < base; i++) {
            names.add("g" + (i % 7) + "/s-" + i);
        }
        SourceIndex x = index(names, SourceIndex.empty(), false, new AtomicInteger());
        int copied = 0;
        for (int b = 0; b < batches; b++) {
            for (int k = 0; k < 10; k++) {
                names.add("new/b" + b + "/s-" + k);
            }
            x = index(names, x, false, new AtomicInteger());
            copied += x.namesCopied();
        }
        for (int id = 0; id < names.size(); id++) {
            assertEquals(id, x.idOf(names.get(id)), names.get(id));
        }
        assertEquals(-1, x.idOf("new/none"));
        return copied;
    }

    @Test
    void sourcesJoiningInBatchesCopyTheirOwnNamesNotEveryName() {
        int atTwenty = copiedWhileAdding(20_000, 100);
        int atFifty = copiedWhileAdding(50_000, 100);
        // 1,000 names joined: each copied into its own batch's map and then into the merges of the small levels
        // (as a binary counter: about log2 of the batches times), never into the 20,000 or 50,000 below.
        assertEquals(atTwenty, atFifty, "the same work with 2.5 times the sources below");
        assertTrue(atFifty <= 10 * 1_000, atFifty + " names copied for 1,000 joining");
    }
}
