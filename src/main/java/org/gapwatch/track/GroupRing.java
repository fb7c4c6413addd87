package org.gapwatch.track;

/**
 * A group's received, lost and late counts for its newest {@code slots} slots (seconds or minutes), full size from
 * the start (a few groups, not a source each). Unlike a source's {@link CountRing} it takes a count for any slot of
 * its window, also one before its first write: a source created later whose first counts are filed under a past
 * second keeps them, and so must its group. Counts saturate at Integer.MAX_VALUE per slot.
 */
final class GroupRing {
    private final int[] received;
    private final int[] lost;
    private final int[] late;
    private long head = Long.MIN_VALUE;
    private int headIndex;

    GroupRing(int slots) {
        received = new int[slots];
        lost = new int[slots];
        late = new int[slots];
    }

    void addReceived(long slot) {
        int i = index(slot);
        if (i >= 0) {
            received[i] = CountRing.saturatedAdd(received[i], 1);
        }
    }

    void addLost(long slot, long n) {
        int i = index(slot);
        if (i >= 0) {
            lost[i] = CountRing.saturatedAdd(lost[i], n);
        }
    }

    void addLate(long slot) {
        int i = index(slot);
        if (i >= 0) {
            late[i] = CountRing.saturatedAdd(late[i], 1);
        }
    }

    /** Whether {@code slot} is in the window: not older than the newest slot written less the ring's length. */
    boolean holds(long slot) {
        return head == Long.MIN_VALUE || slot > head - received.length;
    }

    /** Adds the slots ending at {@code endSlot} into the arrays (oldest first, as many as they hold), saturating. */
    void addTo(long endSlot, int[] outReceived, int[] outLost, int[] outLate) {
        if (head == Long.MIN_VALUE) {
            return;
        }
        int count = outReceived.length;
        long start = endSlot - count + 1;
        long lo = Math.max(start, head - received.length + 1);
        long hi = Math.min(endSlot, head);
        for (long slot = lo; slot <= hi; slot++) {
            int i = (int) Math.floorMod(slot, (long) received.length);
            int k = (int) (slot - start);
            outReceived[k] = CountRing.saturatedAdd(outReceived[k], received[i]);
            outLost[k] = CountRing.saturatedAdd(outLost[k], lost[i]);
            outLate[k] = CountRing.saturatedAdd(outLate[k], late[i]);
        }
    }

    /** The index to write {@code slot} at, moving the window on as needed; -1 if older than the window. */
    private int index(long slot) {
        if (slot == head) {
            return headIndex; // nearly every write: no division
        }
        int n = received.length;
        if (head == Long.MIN_VALUE) {
            head = slot;
            headIndex = (int) Math.floorMod(slot, (long) n);
            return headIndex;
        }
        if (slot > head) {
            for (long s = Math.max(head + 1, slot - n + 1); s <= slot; s++) {
                int i = (int) Math.floorMod(s, (long) n);
                received[i] = 0;
                lost[i] = 0;
                late[i] = 0;
            }
            head = slot;
            headIndex = (int) Math.floorMod(slot, (long) n);
            return headIndex;
        }
        return slot <= head - n ? -1 : (int) Math.floorMod(slot, (long) n);
    }
}
