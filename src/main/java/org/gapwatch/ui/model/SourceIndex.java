package org.gapwatch.ui.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.IntFunction;
import org.gapwatch.track.TrackerSnapshot;

/**
 * Every source of one snapshot in display order (by path, level by level: all sources under a prefix are
 * contiguous, at every depth) with a look-up from name to id. Immutable; built off the FX thread. Sources are only
 * ever added to a snapshot, so the next index merges the new ones into the previous order instead of sorting all
 * again; a renamed source (RTP, once RTCP named it) sorts all again.
 */
public final class SourceIndex {
    /** Path order: '/' before every other character, so "plant/x" comes before "plant-2/y" and a prefix first. */
    public static final Comparator<String> PATH_ORDER = SourceIndex::comparePaths;

    private static final SourceIndex EMPTY = new SourceIndex(TrackerSnapshot.empty(), new int[0], new String[0],
            NameLookup.EMPTY);

    private final TrackerSnapshot snapshot;
    private final int[] order;
    private final String[] names;
    private final NameLookup byName;

    private SourceIndex(TrackerSnapshot snapshot, int[] order, String[] names, NameLookup byName) {
        this.snapshot = snapshot;
        this.order = order;
        this.names = names;
        this.byName = byName;
    }

    public static SourceIndex empty() {
        return EMPTY;
    }

    /**
     * The index of {@code snap}: {@code prev} itself when no source was added (or, looking for renames, renamed),
     * else a new one (merging into {@code prev}'s order where it can). Looking for renames reads every source's
     * name; without, this costs only the sources added.
     */
    public static SourceIndex of(TrackerSnapshot snap, SourceIndex prev, boolean lookForRenames) {
        return of(snap.sourceCount(), id -> snap.source(id).src(), prev, lookForRenames, snap);
    }

    /** The same on names read through {@code nameOf} (ids 0 .. count-1). */
    static SourceIndex of(int n, IntFunction<String> nameOf, SourceIndex prev, boolean lookForRenames,
                          TrackerSnapshot snap) {
        int had = prev.names.length;
        boolean renamed = n < had;
        for (int i = 0; lookForRenames && i < Math.min(n, had) && !renamed; i++) {
            String s = nameOf.apply(i);
            renamed = s != prev.names[i] && !s.equals(prev.names[i]);
        }
        if (!renamed && n == had) {
            return prev;
        }
        String[] names = Arrays.copyOf(prev.names, n);
        for (int i = renamed ? 0 : had; i < n; i++) {
            names[i] = nameOf.apply(i);
        }
        int[] order;
        NameLookup byName;
        if (renamed) {
            order = sorted(names, 0, n);
            byName = NameLookup.of(names, n);
        } else {
            order = merge(names, prev.order, sorted(names, had, n));
            byName = prev.byName.plus(names, had, n);
        }
        return new SourceIndex(snap, order, names, byName);
    }

    private static int[] sorted(String[] names, int from, int to) {
        Integer[] ids = new Integer[to - from];
        for (int i = from; i < to; i++) {
            ids[i - from] = i;
        }
        Arrays.sort(ids, (a, b) -> comparePaths(names[a], names[b]));
        return Arrays.stream(ids).mapToInt(Integer::intValue).toArray();
    }

    private static int[] merge(String[] names, int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0, j = 0, k = 0;
        while (i < a.length && j < b.length) {
            out[k++] = comparePaths(names[a[i]], names[b[j]]) <= 0 ? a[i++] : b[j++];
        }
        while (i < a.length) {
            out[k++] = a[i++];
        }
        while (j < b.length) {
            out[k++] = b[j++];
        }
        return out;
    }

    static int comparePaths(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i), y = b.charAt(i);
            if (x != y) {
                return x == '/' ? -1 : y == '/' ? 1 : Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** The snapshot the index was made of (a later one when only values changed since). */
    public TrackerSnapshot snapshot() {
        return snapshot;
    }

    public int size() {
        return names.length;
    }

    /** The id at display position {@code i}. */
    public int idAt(int i) {
        return order[i];
    }

    /** The name source {@code id} had in this snapshot. */
    public String name(int id) {
        return names[id];
    }

    /** The id of the source named {@code src}, or -1: a map look-up, not a scan. */
    public int idOf(String src) {
        return src == null ? -1 : byName.idOf(src);
    }

    /** Entries copied into name maps to make this index (tests hold the work by it). */
    int namesCopied() {
        return byName.copied;
    }

    /** The display order itself (not to be modified): shared by every model of this index. */
    public int[] order() {
        return order;
    }
}
