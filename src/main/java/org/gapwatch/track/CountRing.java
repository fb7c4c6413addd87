package org.gapwatch.track;

import java.util.Arrays;

/**
 * Received, lost and late counts per time slot (a second or a minute) for the most recent {@code maxSlots} slots.
 * Starts small and grows as the source's history lengthens, so that a source seen once costs a few bytes, not the
 * whole horizon. Each kind of count is packed into the narrowest width its largest slot needs ({@link PackedCounts}),
 * so a full history of a source sending once a second costs about a byte a slot. Counts saturate at
 * Integer.MAX_VALUE per slot; the source's own counters are exact.
 */
class CountRing {
    private final int maxSlots;
    private PackedCounts received;
    private PackedCounts lost;
    private PackedCounts late;
    private long head = Long.MIN_VALUE;
    private int headIndex;
    private long firstSlot;
    private long olderWrites;
    /**
     * A lost or late count was ever written: until then both are 0 everywhere and a read of them need not fetch
     * their arrays' holders from memory (most sources never lose; a view reads the head's counts every time).
     */
    private boolean lostOrLate;

    CountRing(int maxSlots) {
        this.maxSlots = maxSlots;
        int initial = Math.min(4, maxSlots);
        received = new PackedCounts(initial);
        lost = new PackedCounts(initial);
        late = new PackedCounts(initial);
    }

    // Each add says whether the slot is kept (false: older than what this ring holds, dropped), so that a group's
    // counts take exactly what its sources kept (GroupCounts).

    boolean addReceived(long slot, int n) {
        int i = index(slot);
        if (i >= 0) {
            received.set(i, saturatedAdd(received.get(i), n));
        }
        return i >= 0;
    }

    boolean addLost(long slot, long n) {
        int i = index(slot);
        if (i >= 0) {
            lostOrLate = true;
            lost.set(i, saturatedAdd(lost.get(i), n));
        }
        return i >= 0;
    }

    boolean addLate(long slot) {
        int i = index(slot);
        if (i >= 0) {
            lostOrLate = true;
            late.set(i, saturatedAdd(late.get(i), 1));
        }
        return i >= 0;
    }

    /** Newest slot written, or Long.MIN_VALUE if none. */
    long head() {
        return head;
    }

    /** Sums over the slots in [fromSlot, toSlot]: {received, lost, late}. */
    long[] sum(long fromSlot, long toSlot) {
        long[] s = new long[3];
        if (head == Long.MIN_VALUE) {
            return s;
        }
        long lo = Math.max(fromSlot, Math.max(firstSlot, head - received.length() + 1));
        long hi = Math.min(toSlot, head);
        for (long slot = lo; slot <= hi; slot++) {
            int i = (int) Math.floorMod(slot, (long) received.length());
            s[0] += received.get(i);
            s[1] += lost.get(i);
            s[2] += late.get(i);
        }
        return s;
    }

    /** Copies {@code count} slots ending at {@code endSlot} into the arrays (oldest first); empty slots are 0. */
    void copy(long endSlot, int count, int[] outReceived, int[] outLost, int[] outLate) {
        for (int k = 0; k < count; k++) {
            long slot = endSlot - count + 1 + k;
            int i = readIndex(slot);
            outReceived[k] = i < 0 ? 0 : received.get(i);
            outLost[k] = i < 0 ? 0 : lost.get(i);
            outLate[k] = i < 0 ? 0 : late.get(i);
        }
    }

    /**
     * Adds the {@code count} slots ending at {@code endSlot} into the arrays (oldest first), saturating; touches only
     * the slots this ring holds, so a source with little history costs little.
     */
    void addTo(long endSlot, int count, int[] outReceived, int[] outLost, int[] outLate) {
        if (head == Long.MIN_VALUE) {
            return;
        }
        long start = endSlot - count + 1;
        long lo = Math.max(start, Math.max(firstSlot, head - received.length() + 1));
        long hi = Math.min(endSlot, head);
        for (long slot = lo; slot <= hi; slot++) {
            int i = (int) Math.floorMod(slot, (long) received.length());
            int k = (int) (slot - start);
            outReceived[k] = saturatedAdd(outReceived[k], received.get(i));
            outLost[k] = saturatedAdd(outLost[k], lost.get(i));
            outLate[k] = saturatedAdd(outLate[k], late.get(i));
        }
    }

    /** Oldest slot still held (meaningful once a slot was written). */
    long low() {
        return Math.max(firstSlot, head - received.length() + 1);
    }

    /**
     * How many writes went into a slot older than the head so far (a late or lost count filed under a past second,
     * when arrival times step back): a summary of the older slots stays true only while this does not change.
     */
    long olderWrites() {
        return olderWrites;
    }

    int headReceived() {
        return received.get(headIndex);
    }

    int headLost() {
        return lostOrLate ? lost.get(headIndex) : 0;
    }

    int headLate() {
        return lostOrLate ? late.get(headIndex) : 0;
    }

    /** Whether any lost or late count was ever written (else both read 0 everywhere). */
    boolean lostOrLate() {
        return lostOrLate;
    }

    /** The counts at index {@code i} of {@link #readIndex}. */
    int receivedAtIndex(int i) {
        return received.get(i);
    }

    int lostAtIndex(int i) {
        return lost.get(i);
    }

    int lateAtIndex(int i) {
        return late.get(i);
    }

    int receivedAt(long slot) {
        int i = readIndex(slot);
        return i < 0 ? 0 : received.get(i);
    }

    int lostAt(long slot) {
        int i = lostOrLate ? readIndex(slot) : -1;
        return i < 0 ? 0 : lost.get(i);
    }

    int lateAt(long slot) {
        int i = lostOrLate ? readIndex(slot) : -1;
        return i < 0 ? 0 : late.get(i);
    }

    /** Per-slot state for drawing: 0 nothing, 1 received, 2 late (some), 3 lost (some). */
    byte state(long slot) {
        int i = readIndex(slot);
        if (i < 0) {
            return 0;
        }
        if (lostOrLate && lost.get(i) > 0) {
            return 3;
        }
        if (lostOrLate && late.get(i) > 0) {
            return 2;
        }
        return (byte) (received.get(i) > 0 ? 1 : 0);
    }

    /** The index of {@code slot}, or -1 when it is not held. */
    int readIndex(long slot) {
        if (head == Long.MIN_VALUE || slot > head || slot < firstSlot || slot <= head - received.length()) {
            return -1;
        }
        // Counted back from the head's index: the same as floorMod(slot, length) without a division, which the
        // views' per-second steps make several of per view (SecondCounts).
        int i = headIndex - (int) (head - slot);
        return i < 0 ? i + received.length() : i;
    }

    /** Index to write {@code slot}, advancing and growing as needed; -1 if the slot is older than what is kept. */
    private int index(long slot) {
        if (slot == head) {
            return headIndex; // nearly every write: no division
        }
        if (slot < head) {
            olderWrites++;
        }
        if (head == Long.MIN_VALUE) {
            head = slot;
            firstSlot = slot;
            headIndex = (int) Math.floorMod(slot, (long) received.length());
            return headIndex;
        }
        if (slot > head) {
            long span = slot - firstSlot + 1;
            if (span > received.length() && received.length() < maxSlots) {
                grow((int) Math.min(maxSlots, Math.max(span, 2L * received.length())));
            }
            int n = received.length();
            long clearFrom = Math.max(head + 1, slot - n + 1);
            for (long s = clearFrom; s <= slot; s++) {
                int i = (int) Math.floorMod(s, (long) n);
                received.set(i, 0);
                if (lostOrLate) {
                    lost.set(i, 0);
                    late.set(i, 0);
                }
            }
            head = slot;
            headIndex = (int) Math.floorMod(slot, (long) n);
            firstSlot = Math.max(firstSlot, head - n + 1);
        }
        return readIndex(slot);
    }

    private void grow(int newSize) {
        int oldSize = received.length();
        PackedCounts r = new PackedCounts(newSize);
        PackedCounts l = new PackedCounts(newSize);
        PackedCounts t = new PackedCounts(newSize);
        for (long s = Math.max(firstSlot, head - oldSize + 1); s <= head; s++) {
            int from = (int) Math.floorMod(s, (long) oldSize);
            int to = (int) Math.floorMod(s, (long) newSize);
            r.set(to, received.get(from));
            l.set(to, lost.get(from));
            t.set(to, late.get(from));
        }
        received = r;
        lost = l;
        late = t;
        headIndex = (int) Math.floorMod(head, (long) newSize);
    }

    /** a + b for counts (both >= 0), at most Integer.MAX_VALUE; b may be as large as a gap, up to 2^63-2. */
    static int saturatedAdd(int a, long b) {
        return b >= Integer.MAX_VALUE - a ? Integer.MAX_VALUE : (int) (a + b);
    }

    int capacity() {
        return received.length();
    }

    @Override
    public String toString() {
        int[] r = new int[received.length()];
        for (int i = 0; i < r.length; i++) {
            r[i] = received.get(i);
        }
        return "CountRing[head=" + head + " cap=" + r.length + " received=" + Arrays.toString(r) + "]";
    }
}
