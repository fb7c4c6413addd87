package org.gapwatch.protocol.mpegts;

import java.util.Arrays;

/**
 * Continuity accounting per PID, self-contained: {@link ContinuityRule} applied to every packet of a stream, with
 * the counts per PID and in total. The null PID is not checked, nor packets with the transport error indicator set
 * (their PID and counter cannot be trusted) nor packets with an invalid layout. Not thread-safe.
 */
public final class ContinuityCounter {
    private final PidSlots slots = new PidSlots();
    private int[] state = new int[16];
    private long[] checked = new long[16];
    private long[] lost = new long[16];
    private long[] duplicates = new long[16];
    private long[] errors = new long[16];
    private long[] resets = new long[16];
    private long totalLost;
    private long totalDuplicates;
    private long totalErrors;
    private long totalResets;

    /** Checks one packet; returns the {@link ContinuityRule} outcome, or {@link #NOT_CHECKED}. */
    public int check(TsPacket p) {
        if (p.transportError() || !p.layoutValid()) {
            return NOT_CHECKED;
        }
        return check(p.pid(), p.continuityCounter(), ContinuityRule.flags(p));
    }

    /** Outcome for packets this class does not check (null PID, transport error, invalid layout). */
    public static final int NOT_CHECKED = Integer.MIN_VALUE;

    /** Checks one packet given by its fields; flags as in {@link ContinuityRule}. */
    public int check(int pid, int cc, int flags) {
        if (pid == TsPacket.NULL_PID || pid < 0 || pid >= TsPacket.PID_COUNT) {
            return NOT_CHECKED;
        }
        int s = slots.slot(pid);
        if (s >= state.length) {
            grow(slots.capacity());
        }
        long step = ContinuityRule.step(state[s], cc, flags);
        state[s] = ContinuityRule.state(step);
        int outcome = ContinuityRule.outcome(step);
        checked[s]++;
        if (outcome > 0) {
            lost[s] += outcome;
            totalLost += outcome;
        } else if (outcome == ContinuityRule.DUPLICATE || outcome == ContinuityRule.REPEAT_ERROR) {
            duplicates[s]++;
            totalDuplicates++;
        } else if (outcome == ContinuityRule.RESET) {
            resets[s]++;
            totalResets++;
        }
        if (ContinuityRule.isError(outcome)) {
            errors[s]++;
            totalErrors++;
        }
        return outcome;
    }

    /** Forgets a PID's last counter (after which its next packet is a first one); counts stay. */
    public void forget(int pid) {
        int s = slots.find(pid);
        if (s >= 0) {
            state[s] = ContinuityRule.EMPTY;
        }
    }

    private void grow(int n) {
        state = Arrays.copyOf(state, n);
        checked = Arrays.copyOf(checked, n);
        lost = Arrays.copyOf(lost, n);
        duplicates = Arrays.copyOf(duplicates, n);
        errors = Arrays.copyOf(errors, n);
        resets = Arrays.copyOf(resets, n);
    }

    private long of(long[] a, int pid) {
        return slots.value(a, pid);
    }

    /** Packets checked on a PID. */
    public long checked(int pid) {
        return of(checked, pid);
    }

    /** Packets lost on a PID by the counter (a lower bound, see {@link ContinuityRule}). */
    public long lost(int pid) {
        return of(lost, pid);
    }

    /** Repeated packets on a PID: the one allowed and any further ones. */
    public long duplicates(int pid) {
        return of(duplicates, pid);
    }

    /** Continuity_count_error events on a PID: jumps and packets seen more than twice. */
    public long errors(int pid) {
        return of(errors, pid);
    }

    /** Discontinuity indicators that restarted the PID's counter. */
    public long resets(int pid) {
        return of(resets, pid);
    }

    public long totalLost() {
        return totalLost;
    }

    public long totalDuplicates() {
        return totalDuplicates;
    }

    public long totalErrors() {
        return totalErrors;
    }

    public long totalResets() {
        return totalResets;
    }

    /** The PIDs checked so far, in the order first seen. */
    public int[] pids() {
        return slots.pids();
    }
}
