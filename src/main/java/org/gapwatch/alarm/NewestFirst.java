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
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long t = log.get(i).lastMillis();
            last[i] = t;
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
        int[] position = new int[n];
        for (int j = 0; j < n; j++) {
            position[order[j]] = j;
        }
        return new NewestFirst(log, order, position);
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
        int lo = 0;
        int hi = log.size() - 1;
        while (lo <= hi) { // the log is in id order
            int mid = (lo + hi) >>> 1;
            long m = log.get(mid).id();
            if (m == id) {
                return position[mid];
            }
            if (m < id) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
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
