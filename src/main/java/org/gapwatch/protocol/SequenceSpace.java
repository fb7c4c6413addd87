package org.gapwatch.protocol;

/**
 * The sequence arithmetic of one lane (docs/protocols.md): turns the raw counter a protocol carries, however narrow,
 * into a number on an unbounded line, so that the tracker's one set of rules (loss, late, duplicate, restart; see
 * docs/protocol.md) holds in every space. A protocol names the space of each update it decodes; the tracker keeps a
 * {@link SequenceCursor} per lane and calls {@link #place}. Instances are immutable and shared.
 */
public abstract sealed class SequenceSpace {
    /** {@link #place} outcome: {@link SequenceCursor#extended} is the number; the usual rules apply. */
    public static final int PLACED = 0;
    /** The lane starts again at {@link SequenceCursor#extended}: a restart, no loss counted across it. */
    public static final int RESTART = 1;
    /** Received but not placed: probation of a new lane, or a big jump not yet confirmed (RFC 3550 A.1). */
    public static final int HELD = 2;

    /** JSON v1: 63-bit numbers that never wrap; exactly the rules of docs/protocol.md. */
    public static final SequenceSpace LINEAR_63 = new Linear("linear-63", 63, false);
    /**
     * Loss by cadence (collectd, JSON mapped without {@code seq}): the decoder numbers the due times of a lane itself
     * ({@link org.gapwatch.protocol.cadence.CadenceCheck#slot}), so a message after n missed intervals is n numbers
     * ahead and the usual rules count them; every gap of such a lane is marked {@link #byCadence()}.
     */
    public static final SequenceSpace CADENCE = new Linear("cadence", 63, true);
    /**
     * RTP (RFC 3550 Appendix A.1): 16 bits from a random start, extended over wraps; MAX_DROPOUT 3000,
     * MAX_MISORDER 100, MIN_SEQUENTIAL 2.
     */
    public static final SequenceSpace RTP_16 = new Wrapping("rtp-16", 16, 3000, 100, 2);
    /** PTP sequenceId, one lane per message type: 16 bits, the A.1 rules without probation. */
    public static final SequenceSpace PTP_16 = new Wrapping("ptp-16", 16, 3000, 100, 1);
    /**
     * MPEG-TS continuity counter, one lane per PID: 4 bits on the wire, extended by the decoder itself
     * ({@code ContinuityCounter.counter}), because only the decoder sees whether a repeated counter is a duplicate
     * (every byte repeats) or 16 on (15 packets lost); a loss of n packets shows as n mod 16, or 15 for a repeated
     * counter with other bytes. The numbers come extended, so they are taken as they are; no reordering.
     */
    public static final SequenceSpace MPEGTS_CC_4 = new Linear("cc-4", 4, false);
    /**
     * sACN (E1.31-2018 6.7.2): 8 bits per (CID, universe); a step of 1 to 236 forward is taken (the numbers between
     * lost), 1 to 19 behind is out of order (late if it had been counted lost, else a duplicate).
     */
    public static final SequenceSpace SACN_8 = new Wrapping("sacn-8", 8, 237, 20, 1);
    /** No numbers: every update is the next one; loss is never counted (only staleness tells). */
    public static final SequenceSpace NONE = new None();

    private final String name;
    private final int bits;

    private SequenceSpace(String name, int bits) {
        this.name = name;
        this.bits = bits;
    }

    /** Short name for docs and reports: {@code linear-63}, {@code rtp-16}, ... */
    public final String name() {
        return name;
    }

    /** True when the numbers are due times the decoder counted, not numbers the sender sent: gaps say "by cadence". */
    public boolean byCadence() {
        return false;
    }

    /** Width of the counter on the wire: 63 for JSON, 16 for RTP, 4 for the TS continuity counter, 0 for none. */
    public final int bits() {
        return bits;
    }

    /**
     * Places the raw number {@code raw} of a lane: one of {@link #PLACED}, {@link #RESTART} (both leave the number
     * in {@code c.extended}) or {@link #HELD}. Does not change {@code c.started} or {@code c.highest}: the tracker
     * does, by its rules, with the number placed.
     */
    public abstract int place(long raw, SequenceCursor c);

    @Override
    public String toString() {
        return name;
    }

    private static final class Linear extends SequenceSpace {
        private final boolean byCadence;

        Linear(String name, int bits, boolean byCadence) {
            super(name, bits);
            this.byCadence = byCadence;
        }

        @Override
        public boolean byCadence() {
            return byCadence;
        }

        @Override
        public int place(long raw, SequenceCursor c) {
            c.extended = raw;
            return PLACED;
        }
    }

    private static final class None extends SequenceSpace {
        None() {
            super("none", 0);
        }

        @Override
        public int place(long raw, SequenceCursor c) {
            c.extended = c.started ? c.highest + 1 : 0;
            return PLACED;
        }
    }

    /**
     * A counter of {@code bits} bits that wraps, extended as RFC 3550 Appendix A.1 does: a step forward below
     * {@code maxDropout} is taken (the numbers between are lost), up to {@code maxMisorder} back is a late or
     * duplicate packet, anything else is a jump that is held until the next packet follows it (then the lane
     * restarts there, as A.1 resynchronises). A new lane is on probation until {@code minSequential} packets came
     * in sequence.
     */
    static final class Wrapping extends SequenceSpace {
        private final long mod;
        private final long mask;
        private final long maxDropout;
        private final long maxMisorder;
        private final int minSequential;

        Wrapping(String name, int bits, long maxDropout, long maxMisorder, int minSequential) {
            super(name, bits);
            this.mod = 1L << bits;
            this.mask = mod - 1;
            this.maxDropout = maxDropout;
            this.maxMisorder = maxMisorder;
            this.minSequential = minSequential;
        }

        @Override
        public int place(long raw, SequenceCursor c) {
            long seq = raw & mask;
            if (!c.started) {
                if (minSequential <= 1) {
                    c.extended = seq;
                    return PLACED;
                }
                if (c.probation > 0 && seq == ((c.pending + 1) & mask)) {
                    c.pending = seq;
                    if (--c.probation == 0) {
                        c.pending = -1;
                        c.extended = seq;
                        return PLACED;
                    }
                    return HELD;
                }
                c.probation = minSequential - 1;
                c.pending = seq;
                return HELD;
            }
            // highest may be below 0 after reordering around the first number; & and - still give its cycle.
            long maxSeq = c.highest & mask;
            long udelta = (seq - maxSeq) & mask;
            if (udelta < maxDropout) {
                c.extended = c.highest + udelta;
                return PLACED;
            }
            if (udelta <= mod - maxMisorder) {
                if (seq == c.pending) {
                    // Two sequential packets after a jump: the sender restarted (A.1 resynchronises here).
                    c.pending = -1;
                    c.extended = seq;
                    return RESTART;
                }
                c.pending = (seq + 1) & mask;
                return HELD;
            }
            c.extended = c.highest - (mod - udelta);
            return PLACED;
        }
    }
}
