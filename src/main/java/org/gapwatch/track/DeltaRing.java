package org.gapwatch.track;

import java.util.Arrays;

/**
 * The last values of a series of longs (arrival times, decimal mantissas, gap numbers), written in order, kept as
 * the oldest value and the difference from each value to the next: zigzag-coded (or offset, for a series that
 * nearly only rises) and packed to the width the largest
 * difference needs ({@link PackedCounts}), so a source that sends once a second keeps its arrival times in two bytes
 * each. A difference too large for an int turns the ring into plain longs for good. Starts small and grows to
 * {@code maxCapacity}, then overwrites its oldest value.
 */
final class DeltaRing {
    private final int maxCapacity;
    /**
     * True: differences zigzag-coded (any sign). False, for series that nearly only rise (arrival times, whose clock
     * may step back by a few milliseconds when it is re-anchored): difference + {@link #STEP_BACK}, so nearly twice
     * the range per width; a larger step back turns the ring plain.
     */
    private final boolean signed;
    static final int STEP_BACK = 1024;
    private int capacity;
    /** zigzag(value[slot] - value[slot - 1]); the oldest slot's entry is unused. Null once {@link #plain}. */
    private PackedCounts deltas;
    private long[] plain;
    private long oldest;
    private long newest;
    private int next;
    private int size;

    static DeltaRing signed(int initialCapacity, int maxCapacity) {
        return new DeltaRing(initialCapacity, maxCapacity, true);
    }

    static DeltaRing rising(int initialCapacity, int maxCapacity) {
        return new DeltaRing(initialCapacity, maxCapacity, false);
    }

    private DeltaRing(int initialCapacity, int maxCapacity, boolean signed) {
        this.maxCapacity = maxCapacity;
        this.signed = signed;
        this.capacity = Math.min(initialCapacity, maxCapacity);
        this.deltas = new PackedCounts(capacity);
    }

    /** Appends {@code v}, overwriting the oldest value when full; returns the slot it went to. */
    int add(long v) {
        if (size == capacity && capacity < maxCapacity) {
            grow(Math.min(maxCapacity, capacity * 2));
        }
        int i = next;
        if (deltas != null) {
            if (size == 0) {
                oldest = v;
            } else {
                long d = v - newest;
                long z = signed ? (d << 1) ^ (d >> 63) : d + STEP_BACK; // rising: a larger step back is < 0
                // No overflow in v - newest (signs) and the zigzag code fits a count.
                if (((v ^ newest) & (v ^ d)) >= 0 && z >= 0 && z <= Integer.MAX_VALUE) {
                    if (size == capacity) { // slot i held the oldest: the one after it becomes the oldest
                        oldest += decode(deltas.get((i + 1) % capacity));
                    }
                    deltas.set(i, (int) z);
                } else {
                    toPlain();
                }
            }
        }
        if (plain != null) {
            plain[i] = v;
        }
        newest = v;
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
        return i;
    }

    int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    long newest() {
        return newest;
    }

    /** Slot of the newest value (size > 0). */
    int newestSlot() {
        return Math.floorMod(next - 1, capacity);
    }

    /** Slot of the value before the one in {@code slot}. */
    int before(int slot) {
        return slot == 0 ? capacity - 1 : slot - 1;
    }

    /** The value before the one in {@code slot}, which is {@code valueAtSlot}: walks newest first in O(1) a step. */
    long valueBefore(int slot, long valueAtSlot) {
        return plain != null ? plain[before(slot)] : valueAtSlot - decode(deltas.get(slot));
    }

    /** Every value into {@code out} at its slot ({@code out.length >= capacity}); slots not held are left alone. */
    void bySlot(long[] out) {
        int slot = Math.floorMod(next - size, capacity);
        long v = oldest;
        for (int k = 0; k < size; k++) {
            if (plain != null) {
                v = plain[slot];
            } else if (k > 0) {
                v += decode(deltas.get(slot));
            }
            out[slot] = v;
            slot = (slot + 1) % capacity;
        }
    }

    /** Bytes a value takes now (8 once plain), for tests. */
    int width() {
        return plain != null ? 8 : deltas.width();
    }

    private void toPlain() {
        long[] p = new long[capacity];
        bySlot(p);
        plain = p;
        deltas = null;
    }

    private void grow(int n) {
        // Only grows while not yet wrapped, so the order is oldest first from slot 0 and stays so.
        if (plain != null) {
            plain = Arrays.copyOf(plain, n);
        } else {
            PackedCounts d = new PackedCounts(n);
            for (int k = 1; k < size; k++) {
                d.set(k, deltas.get(k));
            }
            deltas = d;
        }
        capacity = n;
        next = size;
    }

    private long decode(int z) {
        return signed ? (z >>> 1) ^ -(z & 1) : (long) z - STEP_BACK;
    }
}
