package org.gapwatch.protocol.mpegts;

/**
 * The continuity_counter rule of ISO/IEC 13818-1 (2.4.3.3) as a pure step function over one lane's state, so a
 * tracker can keep one int per PID and call {@link #step} (no allocation). The lane is a PID, the sequence number
 * the 4-bit counter:
 * <ul>
 * <li>a packet with payload advances the counter by 1 mod 16; a jump of d means d - 1 packets lost;</li>
 * <li>a packet without payload (adaptation field only) does not advance it: the same counter is in order; a
 *     different one k means the payload packets up to k were lost, (k - last) mod 16 of them;</li>
 * <li>a payload packet that repeats the last counter is a duplicate only when it repeats every byte of the last
 *     payload packet too (the PCR aside, which may carry a new valid value), flag {@link #SAME_BYTES}: one such
 *     repeat is allowed ({@link #DUPLICATE}), a second one is a continuity error ({@link #REPEAT_ERROR});</li>
 * <li>a payload packet that repeats the last counter with other bytes is no duplicate: the counter went round, 15
 *     packets were lost before it (a continuity error; 15 is what the 4-bit counter can see of such a run). So is
 *     one after a packet without payload: a duplicate follows its original directly on the PID;</li>
 * <li>the discontinuity_indicator starts the lane afresh: nothing is lost across it.</li>
 * </ul>
 * A 4-bit counter cannot tell 16 lost packets from none: a run of r lost packets reads as r mod 16, so loss is a
 * lower bound. The null PID is not checked by the caller.
 */
public final class ContinuityRule {
    /** Lane flags, as a decoder forwards them with each packet. */
    public static final int NO_PAYLOAD = 1, DUPLICATE_ALLOWED = 2, DISCONTINUITY = 4;
    /**
     * The packet's bytes are those of the lane's last payload packet, its PCR aside ({@link ContinuityCounter}
     * compares fingerprints); only with this flag can a repeated counter be a duplicate.
     */
    public static final int SAME_BYTES = 8;

    /** The outcome of a payload packet that repeats the last counter with other bytes: the counter went round. */
    public static final int WENT_ROUND = 15;

    /** Outcomes below 0; 0 and above is the number of packets lost before this one. */
    public static final int FIRST = -1, RESET = -2, DUPLICATE = -3, REPEAT_ERROR = -4;

    /** The state of a lane that has seen nothing. */
    public static final int EMPTY = 0;

    private static final int VALID = 0x10;
    private static final int REPEATED = 0x20;
    private static final int REPEATED_AGAIN = 0x40;
    /** A packet without payload came after the last payload packet: the next one cannot be its duplicate. */
    private static final int NO_ORIGINAL = 0x80;

    private ContinuityRule() {
    }

    /** One packet on a lane: the new state in the low 32 bits, the outcome in the high 32 bits. */
    public static long step(int state, int cc, int flags) {
        cc &= 0x0F;
        if ((state & VALID) == 0 || (flags & DISCONTINUITY) != 0) {
            return pack((state & VALID) == 0 ? FIRST : RESET, cc | VALID);
        }
        int last = state & 0x0F;
        if ((flags & NO_PAYLOAD) != 0) {
            if (cc == last) {
                return pack(0, state | NO_ORIGINAL);
            }
            return pack((cc - last) & 0x0F, cc | VALID | NO_ORIGINAL);
        }
        if (cc == last) {
            if ((flags & SAME_BYTES) == 0 || (state & NO_ORIGINAL) != 0) {
                return pack(WENT_ROUND, cc | VALID);
            }
            if ((flags & DUPLICATE_ALLOWED) != 0 && (state & REPEATED) == 0) {
                return pack(DUPLICATE, state | REPEATED);
            }
            return pack(REPEAT_ERROR, state | REPEATED | REPEATED_AGAIN);
        }
        return pack(((cc - last) & 0x0F) - 1, cc | VALID);
    }

    public static int state(long step) {
        return (int) step;
    }

    public static int outcome(long step) {
        return (int) (step >> 32);
    }

    /**
     * How far the lane's counter moved with a packet of this outcome that was not a first one nor a reset: 0 for a
     * duplicate, else the packets lost and, for a payload packet, the packet itself (16 when the counter went round).
     */
    public static int advance(int outcome, int flags) {
        if (outcome == DUPLICATE || outcome == REPEAT_ERROR) {
            return 0;
        }
        return outcome + ((flags & NO_PAYLOAD) != 0 ? 0 : 1);
    }

    /** Whether an outcome is a Continuity_count_error of TR 101 290 (lost packets or a packet more than twice). */
    public static boolean isError(int outcome) {
        return outcome > 0 || outcome == REPEAT_ERROR;
    }

    /** The flags a decoder forwards for this packet. */
    public static int flags(TsPacket p) {
        return (p.hasPayload() ? DUPLICATE_ALLOWED : NO_PAYLOAD) | (p.discontinuity() ? DISCONTINUITY : 0);
    }

    private static long pack(int outcome, int state) {
        return (long) outcome << 32 | (state & 0xFFFFFFFFL);
    }
}
