package org.gapwatch.protocol.mpegts;

/**
 * A flyweight over one 188-byte transport stream packet (ISO/IEC 13818-1, 2.4.3.2) inside a byte array: {@link #wrap}
 * points it at a packet, the accessors read the header fields from the bytes. No copy, no allocation; the caller
 * guarantees that 188 bytes exist from the offset (see {@link TsDatagram}).
 */
public final class TsPacket {
    public static final int SIZE = 188;
    public static final int SYNC_BYTE = 0x47;
    public static final int NULL_PID = 0x1FFF;
    public static final int PID_COUNT = 8192;

    /** adaptation_field_control values. */
    public static final int AFC_RESERVED = 0, AFC_PAYLOAD_ONLY = 1, AFC_ADAPTATION_ONLY = 2, AFC_BOTH = 3;

    private byte[] b;
    private int o;

    public TsPacket wrap(byte[] bytes, int offset) {
        b = bytes;
        o = offset;
        return this;
    }

    /** The array the packet is in. */
    public byte[] bytes() {
        return b;
    }

    public int offset() {
        return o;
    }

    public int syncByte() {
        return b[o] & 0xFF;
    }

    public boolean syncOk() {
        return b[o] == SYNC_BYTE;
    }

    /** transport_error_indicator: a demodulator upstream could not correct the packet; its header is unreliable. */
    public boolean transportError() {
        return (b[o + 1] & 0x80) != 0;
    }

    /** payload_unit_start_indicator: a PES packet or (for PSI) a pointer_field starts in this payload. */
    public boolean payloadUnitStart() {
        return (b[o + 1] & 0x40) != 0;
    }

    public boolean transportPriority() {
        return (b[o + 1] & 0x20) != 0;
    }

    public int pid() {
        return (b[o + 1] & 0x1F) << 8 | b[o + 2] & 0xFF;
    }

    /** transport_scrambling_control: 0 is not scrambled. */
    public int scrambling() {
        return (b[o + 3] >> 6) & 3;
    }

    public int adaptationFieldControl() {
        return (b[o + 3] >> 4) & 3;
    }

    public int continuityCounter() {
        return b[o + 3] & 0x0F;
    }

    public boolean hasAdaptation() {
        return (b[o + 3] & 0x20) != 0;
    }

    public boolean hasPayload() {
        return (b[o + 3] & 0x10) != 0;
    }

    /** adaptation_field_length, or -1 without an adaptation field. */
    public int adaptationLength() {
        return hasAdaptation() ? b[o + 4] & 0xFF : -1;
    }

    /**
     * False when the adaptation field control is the reserved 00 (decoders discard such packets) or the
     * adaptation_field_length does not fit: 183 exactly without payload (AFC 10), at most 182 with it (AFC 11).
     */
    public boolean layoutValid() {
        int afc = adaptationFieldControl();
        if (afc == AFC_RESERVED) {
            return false;
        }
        if (afc == AFC_PAYLOAD_ONLY) {
            return true;
        }
        int length = b[o + 4] & 0xFF;
        return afc == AFC_ADAPTATION_ONLY ? length == 183 : length <= 182;
    }

    private int adaptationFlags() {
        return hasAdaptation() && (b[o + 4] & 0xFF) > 0 ? b[o + 5] & 0xFF : 0;
    }

    /** discontinuity_indicator of the adaptation field (false without one or with an empty one). */
    public boolean discontinuity() {
        return (adaptationFlags() & 0x80) != 0;
    }

    public boolean randomAccess() {
        return (adaptationFlags() & 0x40) != 0;
    }

    /** PCR_flag set and the adaptation field long enough (7 bytes) to hold the PCR. */
    public boolean hasPcr() {
        return (adaptationFlags() & 0x10) != 0 && (b[o + 4] & 0xFF) >= 7;
    }

    /** program_clock_reference_base (33 bits, 90 kHz), or -1 without a PCR. */
    public long pcrBase() {
        if (!hasPcr()) {
            return -1;
        }
        int p = o + 6;
        return (b[p] & 0xFFL) << 25 | (b[p + 1] & 0xFFL) << 17 | (b[p + 2] & 0xFFL) << 9 | (b[p + 3] & 0xFFL) << 1
                | (b[p + 4] & 0xFF) >> 7;
    }

    /** program_clock_reference_extension (9 bits, 27 MHz), or -1 without a PCR. */
    public int pcrExtension() {
        return hasPcr() ? (b[o + 10] & 1) << 8 | b[o + 11] & 0xFF : -1;
    }

    /** The PCR in 27 MHz ticks (base x 300 + extension), or -1 without one. */
    public long pcr() {
        return hasPcr() ? pcrBase() * 300 + pcrExtension() : -1;
    }

    /** Index in the array of the first payload byte; meaningful only when {@link #payloadLength()} is above 0. */
    public int payloadOffset() {
        return o + 4 + (hasAdaptation() ? 1 + (b[o + 4] & 0xFF) : 0);
    }

    /** Payload bytes in this packet: 0 without payload or with an invalid layout. */
    public int payloadLength() {
        if (!hasPayload() || !layoutValid()) {
            return 0;
        }
        return o + SIZE - payloadOffset();
    }
}
