package org.gapwatch.alarm;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The rows of one published result in the alarm list's order: latest activation first, then the greater id first.
 * Immutable; made on the model's thread with each result whose rows changed ({@link AlarmModel#newestFirst}), so
 * that the list on the FX thread only reads the rows it shows, and finds a row's position by its id without a pass.
 */
public final class NewestFirst {
    static final NewestFirst EMPTY = new NewestFirst(List.of(), new int[0], new int[0]);

    /** The rows in id order, as published. */
    private final List<Alarm> log;
    /** Index in {@link #log} of the row at each position. */
    private final int[] order;
    /** Position of the row at each index of {@link #log}. */
    private final int[] position;

    private NewestFirst(List<Alarm> log, int[] order, int[] position) {
        this.log = log;
        this.order = order;
        this.position = position;
    }

    public static NewestFirst empty() {
        return EMPTY;
    }

    /**
     * Orders {@code log} (in id order, ascending ids). A sort of longs: each row's last activation, less the
     * earliest, shifted left, with its index in the low bits (a greater index is a greater id), so that ascending
     * keys read backwards are the list's order; a comparison sort only when the times span too much for that.
     */
    static NewestFirst of(List<Alarm> log) {
        int n = log.size();
        if (n == 0) {
            return EMPTY;
        }
        long[] last = new long[n]; // read once: a row of the published log is a look-up of its chunk
        for (int i = 0; i < n; i++) {
            last[i] = log.get(i).lastMillis();
        }
        int[] order = sorted(last);
        int[] position = new int[n];
        for (int j = 0; j < n; j++) {
            position[order[j]] = j;
        }
        return new NewestFirst(log, order, position);
    }

    /** The indexes of {@code last} in the list's order: the greater time first, then the greater index. */
    private static int[] sorted(long[] last) {
        int n = last.length;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long t : last) {
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        int bits = 64 - Long.numberOfLeadingZeros(n);
        int[] order = new int[n];
        long span = max - min;
        if (span >= 0 && span < (1L << (63 - bits))) {
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = ((last[i] - min) << bits) | i;
            }
            Arrays.sort(keys);
            long mask = (1L << bits) - 1;
            for (int j = 0; j < n; j++) {
                order[n - 1 - j] = (int) (keys[j] & mask);
            }
        } else {
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, (a, b) -> last[a] != last[b] ? Long.compare(last[b], last[a]) : Integer.compare(b, a));
            for (int j = 0; j < n; j++) {
                order[j] = idx[j];
            }
        }
        return order;
    }

    /**
     * The order of {@code log} after only the rows with the ids {@code moved[0 .. movedCount-1]} (duplicates allowed,
     * ids not in {@code log} passed over) changed their activation time or joined, with the same result as {@link
     * #of} without sorting every row: the rows kept from this order keep theirs and their relative order, the moved
     * ones are sorted among themselves (a few thousand in a storm's evaluation, against 100,000 rows) and merged in.
     * {@code log} must hold every row of this order at the same index (none dropped), the new ones after them.
     */
    NewestFirst after(List<Alarm> log, long[] moved, int movedCount) {
        int n = log.size();
        if (n == 0) {
            return EMPTY;
        }
        int[] position = new int[n]; // first the marks of the moved rows (-1), at the end the positions
        int[] movedAt = new int[movedCount];
        int m = 0;
        for (int k = 0; k < movedCount; k++) {
            int i = indexOf(log, moved[k]);
            if (i >= 0 && position[i] == 0) {
                position[i] = -1;
                movedAt[m++] = i;
            }
        }
        movedAt = Arrays.copyOf(movedAt, m);
        Arrays.sort(movedAt); // index order, as sorted() breaks ties by it
        long[] movedLast = new long[m];
        for (int j = 0; j < m; j++) {
            movedLast[j] = log.get(movedAt[j]).lastMillis();
        }
        int[] movedOrder = sorted(movedLast);
        int[] out = new int[n];
        int o = 0;
        int b = 0;
        for (int a = 0; a < order.length; a++) {
            int i = order[a];
            if (position[i] < 0) {
                continue;
            }
            if (b < m) { // a kept row's time is read only while moved rows are left to merge
                long t = log.get(i).lastMillis();
                while (b < m && before(movedLast[movedOrder[b]], movedAt[movedOrder[b]], t, i)) {
                    out[o++] = movedAt[movedOrder[b++]];
                }
            }
            out[o++] = i;
        }
        while (b < m) {
            out[o++] = movedAt[movedOrder[b++]];
        }
        if (o != n) {
            throw new IllegalArgumentException("the log holds " + n + " rows, the order and the moved ones " + o);
        }
        for (int j = 0; j < n; j++) {
            position[out[j]] = j;
        }
        return new NewestFirst(log, out, position);
    }

    /** Whether the row at index {@code i} activated at {@code t} comes before the one at {@code k} at {@code u}. */
    private static boolean before(long t, int i, long u, int k) {
        return t != u ? t > u : i > k;
    }

    /** The index of the row with this id in {@code log} (in id order), or -1. */
    private static int indexOf(List<Alarm> log, long id) {
        int lo = 0;
        int hi = log.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long m = log.get(mid).id();
            if (m == id) {
                return mid;
            }
            if (m < id) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /**
     * This order over {@code log}, which holds the same ids at the same indexes and the same activation times (rows
     * acknowledged, shelved, cleared: nothing that moves a row), without sorting again.
     */
    NewestFirst over(List<Alarm> log) {
        return log.isEmpty() ? EMPTY : new NewestFirst(log, order, position);
    }

    public int size() {
        return order.length;
    }

    /** The row at {@code position} (0: the latest activation). */
    public Alarm get(int position) {
        return log.get(order[position]);
    }

    /** The position of the row with this id, or -1: a binary search, not a pass. */
    public int positionOf(long id) {
        int i = indexOf(log, id);
        return i < 0 ? -1 : position[i];
    }

    /** The rows in this order, as an unmodifiable list (read through: no copy). */
    public List<Alarm> list() {
        return new Rows();
    }

    private final class Rows extends AbstractList<Alarm> implements RandomAccess {
        @Override
        public Alarm get(int i) {
            return NewestFirst.this.get(i);
        }

        @Override
        public int size() {
            return order.length;
        }
    }
}
