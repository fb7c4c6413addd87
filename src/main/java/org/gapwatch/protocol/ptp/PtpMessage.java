package org.gapwatch.protocol.ptp;

/**
 * A flyweight over one IEEE 1588-2008 (version 2) message in a byte array: {@link #wrap} checks the header and
 * points the accessors at it; no copy, no allocation. Header (13.3): messageType, versionPTP, messageLength,
 * domainNumber, flagField, correctionField, sourcePortIdentity, sequenceId, controlField, logMessageInterval.
 * Announce body (13.5). For the response messages, the requestingPortIdentity (13.8, 13.10, 13.11).
 * versionPTP is the low nibble of byte 1; the high nibble (minorVersionPTP of 1588-2019) is not checked.
 */
public final class PtpMessage {
    public static final int HEADER_LENGTH = 34;
    public static final int EVENT_PORT = 319;
    public static final int GENERAL_PORT = 320;

    /** flagField bits (13.3.2.6), as {@link #flags()} returns them: octet 0 in the high byte. */
    public static final int FLAG_ALTERNATE_MASTER = 0x0100, FLAG_TWO_STEP = 0x0200, FLAG_UNICAST = 0x0400,
            FLAG_PROFILE_1 = 0x2000, FLAG_PROFILE_2 = 0x4000, FLAG_LEAP61 = 0x0001, FLAG_LEAP59 = 0x0002,
            FLAG_UTC_OFFSET_VALID = 0x0004, FLAG_PTP_TIMESCALE = 0x0008, FLAG_TIME_TRACEABLE = 0x0010,
            FLAG_FREQUENCY_TRACEABLE = 0x0020;

    private byte[] b;
    private int o;
    private int length;
    private PtpMessageType type;

    /** Points at a message; returns null when it is one, else why not (and the accessors are then undefined). */
    public PtpReject wrap(byte[] bytes, int offset, int datagramLength) {
        b = bytes;
        o = offset;
        type = null;
        if (datagramLength < HEADER_LENGTH || offset < 0 || offset + datagramLength > bytes.length) {
            return PtpReject.TOO_SHORT;
        }
        if ((b[o + 1] & 0x0F) != 2) {
            return PtpReject.BAD_VERSION;
        }
        PtpMessageType t = PtpMessageType.of(b[o] & 0x0F);
        if (t == null) {
            return PtpReject.UNKNOWN_TYPE;
        }
        if (datagramLength < t.minLength()) {
            return PtpReject.TOO_SHORT;
        }
        int declared = u16(2);
        if (declared > datagramLength || declared < t.minLength()) {
            return PtpReject.BAD_LENGTH;
        }
        type = t;
        length = declared;
        return null;
    }

    private int u16(int p) {
        return (b[o + p] & 0xFF) << 8 | b[o + p + 1] & 0xFF;
    }

    private long u48(int p) {
        return (long) u16(p) << 32 | (u16(p + 2) & 0xFFFFL) << 16 | u16(p + 4);
    }

    private long u64(int p) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[o + p + i] & 0xFF);
        }
        return v;
    }

    private void require(PtpMessageType t) {
        if (type != t) {
            throw new IllegalStateException("not an " + t.label() + " message: " + type);
        }
    }

    public PtpMessageType type() {
        return type;
    }

    /** transportSpecific (majorSdoId in 1588-2019): the high nibble of byte 0. */
    public int transportSpecific() {
        return (b[o] >> 4) & 0x0F;
    }

    public int versionPtp() {
        return b[o + 1] & 0x0F;
    }

    /** messageLength: header, body and TLVs. */
    public int messageLength() {
        return length;
    }

    public int domainNumber() {
        return b[o + 4] & 0xFF;
    }

    /** flagField, octet 0 in the high byte; see the FLAG_ constants. */
    public int flags() {
        return u16(6);
    }

    public boolean flag(int mask) {
        return (flags() & mask) != 0;
    }

    /** correctionField in nanoseconds times 2^16 (signed). */
    public long correctionField() {
        return u64(8);
    }

    /** clockIdentity of the sourcePortIdentity, 8 bytes as one number (EUI-64 order). */
    public long clockIdentity() {
        return u64(20);
    }

    public int portNumber() {
        return u16(28);
    }

    public int sequenceId() {
        return u16(30);
    }

    public int controlField() {
        return b[o + 32] & 0xFF;
    }

    /** logMessageInterval: log2 of the seconds between messages of this type (signed; 0x7F: not given). */
    public int logMessageInterval() {
        return b[o + 33];
    }

    // ---- Announce body ----

    /** originTimestamp seconds (48 bits). Announce only. */
    public long originSeconds() {
        require(PtpMessageType.ANNOUNCE);
        return u48(34);
    }

    /** originTimestamp nanoseconds. Announce only. */
    public long originNanoseconds() {
        require(PtpMessageType.ANNOUNCE);
        return (long) u16(40) << 16 | u16(42);
    }

    /** currentUtcOffset in seconds (signed). Announce only. */
    public int currentUtcOffset() {
        require(PtpMessageType.ANNOUNCE);
        return (short) u16(44);
    }

    public int grandmasterPriority1() {
        require(PtpMessageType.ANNOUNCE);
        return b[o + 47] & 0xFF;
    }

    public int clockClass() {
        require(PtpMessageType.ANNOUNCE);
        return b[o + 48] & 0xFF;
    }

    public int clockAccuracy() {
        require(PtpMessageType.ANNOUNCE);
        return b[o + 49] & 0xFF;
    }

    public int offsetScaledLogVariance() {
        require(PtpMessageType.ANNOUNCE);
        return u16(50);
    }

    public int grandmasterPriority2() {
        require(PtpMessageType.ANNOUNCE);
        return b[o + 52] & 0xFF;
    }

    public long grandmasterIdentity() {
        require(PtpMessageType.ANNOUNCE);
        return u64(53);
    }

    public int stepsRemoved() {
        require(PtpMessageType.ANNOUNCE);
        return u16(61);
    }

    /** timeSource (Table 7): 0x10 ATOMIC_CLOCK, 0x20 GPS, 0x40 PTP, 0x50 NTP, 0xA0 INTERNAL_OSCILLATOR, ... */
    public int timeSource() {
        require(PtpMessageType.ANNOUNCE);
        return b[o + 63] & 0xFF;
    }

    // ---- responses ----

    /** requestingPortIdentity's clockIdentity of a Delay_Resp, Pdelay_Resp or Pdelay_Resp_Follow_Up. */
    public long requestingClockIdentity() {
        if (type == null || !type.response()) {
            throw new IllegalStateException("not a response message: " + type);
        }
        return u64(44);
    }

    public int requestingPortNumber() {
        if (type == null || !type.response()) {
            throw new IllegalStateException("not a response message: " + type);
        }
        return u16(52);
    }

    /** A clockIdentity as linuxptp prints it: bytes 0-2, 3-4 and 5-7 in hex, e.g. "001122.fffe.334455". */
    public static String clockIdentityText(long id) {
        String hex = String.format("%016x", id);
        return hex.substring(0, 6) + "." + hex.substring(6, 10) + "." + hex.substring(10);
    }

    /** timeSource names of Table 7, or the hex value. */
    public static String timeSourceName(int v) {
        return switch (v) {
            case 0x10 -> "ATOMIC_CLOCK";
            case 0x20 -> "GPS";
            case 0x30 -> "TERRESTRIAL_RADIO";
            case 0x40 -> "PTP";
            case 0x50 -> "NTP";
            case 0x60 -> "HAND_SET";
            case 0x90 -> "OTHER";
            case 0xA0 -> "INTERNAL_OSCILLATOR";
            default -> String.format("0x%02X", v);
        };
    }
}
