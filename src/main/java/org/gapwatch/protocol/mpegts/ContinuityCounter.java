package org.gapwatch.protocol.mpegts;

import java.util.Arrays;

/**
 * Continuity accounting per PID, self-contained: {@link ContinuityRule} applied to every packet of a stream, with
 * the counts per PID and in total. The null PID is not checked, nor packets with the transport error indicator set
 * (their PID and counter cannot be trusted) nor packets with an invalid layout. Not thread-safe.
 *
 * <p>Per PID it keeps the {@link PacketFingerprint} of the last payload packet, so that a repeated counter is a
 * duplicate only when the bytes repeat too (else 15 packets were lost), and the PID's continuity count: the 4-bit
 * counter extended over its wraps as the rule reads them ({@link #counter}), which a tracker can take as the lane's
 * number as it is, since only here is it known whether a repeated counter is a duplicate or 16 on.
 */
public final class ContinuityCounter {
    private final PidSlots slots = new PidSlots();
    private int[] state = new int[16];
    private long[] checked = new long[16];
    private long[] lost = new long[16];
    private long[] duplicates = new long[16];
    private long[] errors = new long[16];
    private long[] resets = new long[16];
    private long[] fingerprint = new long[16];
    private long[] counter = new long[16];
    private long totalLost;
    private long totalDuplicates;
    private long totalErrors;
    private long totalResets;

    /** Checks one packet; returns the {@link ContinuityRule} outcome, or {@link #NOT_CHECKED}. */
    public int check(TsPacket p) {
        if (p.transportError() || !p.layoutValid()) {
            return NOT_CHECKED;
        }
        return check(p.pid(), p.continuityCounter(), ContinuityRule.flags(p),
                p.hasPayload() ? PacketFingerprint.of(p) : 0);
    }

    /** Outcome for packets this class does not check (null PID, transport error, invalid layout). */
    public static final int NOT_CHECKED = Integer.MIN_VALUE;

    /**
     * Checks one packet given by its fields: flags as {@link ContinuityRule#flags} gives them, {@code fingerprint}
     * the {@link PacketFingerprint} of a payload packet (ignored without payload). A payload packet gets
     * {@link ContinuityRule#SAME_BYTES} here when its fingerprint is that of the PID's last payload packet.
     */
    public int check(int pid, int cc, int flags, long fingerprint) {
        if (pid == TsPacket.NULL_PID || pid < 0 || pid >= TsPacket.PID_COUNT) {
            return NOT_CHECKED;
        }
        int s = slots.slot(pid);
        if (s >= state.length) {
            grow(slots.capacity());
        }
        if ((flags & ContinuityRule.NO_PAYLOAD) == 0) {
            if (this.fingerprint[s] == fingerprint) {
                flags |= ContinuityRule.SAME_BYTES; // (a PID's first packet is a first one whatever this says)
            }
            this.fingerprint[s] = fingerprint;
        }
        long step = ContinuityRule.step(state[s], cc, flags);
        state[s] = ContinuityRule.state(step);
        int outcome = ContinuityRule.outcome(step);
        counter[s] = extend(counter[s], checked[s] == 0, outcome, cc & 0x0F, flags);
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

    private static long extend(long counter, boolean firstOfPid, int outcome, int cc, int flags) {
        if (outcome == ContinuityRule.FIRST && firstOfPid) {
            return cc;
        }
        if (outcome == ContinuityRule.FIRST || outcome == ContinuityRule.RESET) {
            return (counter | 0x0F) + 1 + cc; // a new start: the next round of 16, so the count never goes back
        }
        return counter + ContinuityRule.advance(outcome, flags);
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
        fingerprint = Arrays.copyOf(fingerprint, n);
        counter = Arrays.copyOf(counter, n);
    }

    private long of(long[] a, int pid) {
        return slots.value(a, pid);
    }

    /** Packets checked on a PID. */
    public long checked(int pid) {
        return of(checked, pid);
    }

    /**
     * The PID's continuity count after its last checked packet: its continuity_counter in the low 4 bits, carried
     * over the wraps: +1 a packet in order, +1 + n after n lost, +16 for a repeated counter with other bytes (15
     * lost), +0 for a duplicate; a discontinuity (or a first packet after {@link #forget}) moves it to the next
     * round of 16. Starts at the PID's first counter; 0 for a PID not seen.
     */
    public long counter(int pid) {
        return of(counter, pid);
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
