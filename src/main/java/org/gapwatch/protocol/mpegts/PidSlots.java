package org.gapwatch.protocol.mpegts;

import java.util.Arrays;

/**
 * Dense slots for the PIDs a stream actually uses (a handful of the 8,192 possible): a PID gets a slot when first
 * seen, in order. Per-PID figures live in arrays indexed by slot, so a stream costs memory for the PIDs it has.
 */
final class PidSlots {
    private final short[] slotOfPid = new short[TsPacket.PID_COUNT];
    private int[] pidOfSlot = new int[16];
    private int count;

    PidSlots() {
        Arrays.fill(slotOfPid, (short) -1);
    }

    /** The slot of a PID, or -1 when it has none yet. */
    int find(int pid) {
        return slotOfPid[pid];
    }

    /** The slot of a PID, taking the next one when it has none (per-slot arrays then need {@link #capacity}). */
    int slot(int pid) {
        int s = slotOfPid[pid];
        if (s >= 0) {
            return s;
        }
        if (count == pidOfSlot.length) {
            pidOfSlot = Arrays.copyOf(pidOfSlot, count * 2);
        }
        pidOfSlot[count] = pid;
        slotOfPid[pid] = (short) count;
        return count++;
    }

    int count() {
        return count;
    }

    /** The PIDs with a slot, in slot order (the order first seen). */
    int[] pids() {
        return Arrays.copyOf(pidOfSlot, count);
    }

    /** A per-slot figure of a PID, 0 for a PID without a slot or out of range. */
    long value(long[] perSlot, int pid) {
        int s = pid >= 0 && pid < TsPacket.PID_COUNT ? slotOfPid[pid] : -1;
        return s < 0 ? 0 : perSlot[s];
    }

    /** Capacity the per-slot arrays need now. */
    int capacity() {
        return pidOfSlot.length;
    }
}
