package org.gapwatch.protocol.ptp;

/**
 * Writes PTP v2 messages (IEEE 1588-2008, 13.3 to 13.6) into a buffer: Sync, Follow_Up and Announce of a
 * grandmaster, for {@code publish}, the demo and tests. Timestamps in the bodies are zero except where given.
 */
public final class PtpWriter {
    private PtpWriter() {
    }

    /** A two-step Sync (44 bytes); returns its length. */
    public static int sync(byte[] b, int off, long clockIdentity, int portNumber, int domain, int sequenceId,
                           int logInterval) {
        header(b, off, PtpMessageType.SYNC, 44, domain, PtpMessage.FLAG_TWO_STEP, clockIdentity, portNumber,
                sequenceId, 0, logInterval);
        java.util.Arrays.fill(b, off + 34, off + 44, (byte) 0);
        return 44;
    }

    /** A Follow_Up (44 bytes) with the precise origin timestamp; returns its length. */
    public static int followUp(byte[] b, int off, long clockIdentity, int portNumber, int domain, int sequenceId,
                               int logInterval, long seconds, int nanoseconds) {
        header(b, off, PtpMessageType.FOLLOW_UP, 44, domain, 0, clockIdentity, portNumber, sequenceId, 2,
                logInterval);
        put48(b, off + 34, seconds);
        put32(b, off + 40, nanoseconds);
        return 44;
    }

    /** What an Announce says of its grandmaster (13.5). */
    public record Grandmaster(long identity, int priority1, int clockClass, int clockAccuracy, int variance,
                              int priority2, int stepsRemoved, int timeSource, int currentUtcOffset) {
    }

    /** An Announce (64 bytes, no TLV); returns its length. */
    public static int announce(byte[] b, int off, long clockIdentity, int portNumber, int domain, int sequenceId,
                               int logInterval, Grandmaster gm) {
        header(b, off, PtpMessageType.ANNOUNCE, 64, domain, PtpMessage.FLAG_UTC_OFFSET_VALID
                | PtpMessage.FLAG_PTP_TIMESCALE, clockIdentity, portNumber, sequenceId, 5, logInterval);
        java.util.Arrays.fill(b, off + 34, off + 44, (byte) 0);
        put16(b, off + 44, gm.currentUtcOffset());
        b[off + 46] = 0;
        b[off + 47] = (byte) gm.priority1();
        b[off + 48] = (byte) gm.clockClass();
        b[off + 49] = (byte) gm.clockAccuracy();
        put16(b, off + 50, gm.variance());
        b[off + 52] = (byte) gm.priority2();
        put64(b, off + 53, gm.identity());
        put16(b, off + 61, gm.stepsRemoved());
        b[off + 63] = (byte) gm.timeSource();
        return 64;
    }

    private static void header(byte[] b, int off, PtpMessageType type, int length, int domain, int flags,
                               long clockIdentity, int portNumber, int sequenceId, int control, int logInterval) {
        b[off] = (byte) type.code();
        b[off + 1] = 2;
        put16(b, off + 2, length);
        b[off + 4] = (byte) domain;
        b[off + 5] = 0;
        put16(b, off + 6, flags);
        java.util.Arrays.fill(b, off + 8, off + 20, (byte) 0); // correctionField, reserved
        put64(b, off + 20, clockIdentity);
        put16(b, off + 28, portNumber);
        put16(b, off + 30, sequenceId);
        b[off + 32] = (byte) control;
        b[off + 33] = (byte) logInterval;
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    private static void put32(byte[] b, int i, int v) {
        put16(b, i, v >>> 16);
        put16(b, i + 2, v);
    }

    private static void put48(byte[] b, int i, long v) {
        put16(b, i, (int) (v >>> 32));
        put32(b, i + 2, (int) v);
    }

    private static void put64(byte[] b, int i, long v) {
        put32(b, i, (int) (v >>> 32));
        put32(b, i + 4, (int) v);
    }
}
