package org.gapwatch.protocol.sacn;

import java.nio.charset.StandardCharsets;

/**
 * A flyweight over one ANSI E1.31-2018 packet: {@link #wrap} checks the root layer (preamble 0x0010, post-amble 0,
 * ACN packet identifier "ASC-E1.17\0\0\0", root vector, CID), the framing layer and, for data, the DMP layer, and
 * points the accessors at them. Three kinds (4.1-4.3):
 * <ul>
 * <li>{@link Kind#DATA}: root vector 0x00000004, framing vector 0x00000002; source name (64 bytes, UTF-8, NUL
 *     terminated), priority 0-200, synchronization address, sequence number, options (preview data 0x80,
 *     stream terminated 0x40, force synchronization 0x20), universe; DMP vector 0x02, address and data type 0xa1,
 *     first property address 0, increment 1, property value count 1-513: the START code and up to 512 slots;</li>
 * <li>{@link Kind#SYNC}: root vector 0x00000008, framing vector 0x00000001; sequence number and synchronization
 *     address (the universe it synchronizes);</li>
 * <li>{@link Kind#DISCOVERY}: root vector 0x00000008, framing vector 0x00000002, sent on universe 64214; source
 *     name, page, last page and a sorted list of up to 512 universes.</li>
 * </ul>
 * Each layer's "flags and length" must have the flags 0x7 and a length that reaches no farther than the datagram.
 * No copy, no allocation but the source name (built on demand). Any bytes: no exception.
 */
public final class E131Packet {
    public static final int PORT = 5568;
    public static final int DISCOVERY_UNIVERSE = 64214;
    public static final int MAX_UNIVERSE = 63999;
    public static final int MAX_PRIORITY = 200;
    public static final int DEFAULT_PRIORITY = 100;
    public static final int OPTION_PREVIEW = 0x80, OPTION_STREAM_TERMINATED = 0x40, OPTION_FORCE_SYNC = 0x20;

    public static final int VECTOR_ROOT_DATA = 0x00000004, VECTOR_ROOT_EXTENDED = 0x00000008;
    public static final int VECTOR_DATA_PACKET = 0x00000002, VECTOR_EXTENDED_SYNC = 0x00000001,
            VECTOR_EXTENDED_DISCOVERY = 0x00000002, VECTOR_DMP_SET_PROPERTY = 0x02,
            VECTOR_UNIVERSE_DISCOVERY_LIST = 0x00000001;

    /** The minimum lengths: a data packet with no slot after the START code, a sync packet, an empty list. */
    public static final int DATA_MIN = 126, SYNC_LENGTH = 49, DISCOVERY_MIN = 120;

    private static final byte[] IDENTIFIER = {0x41, 0x53, 0x43, 0x2d, 0x45, 0x31, 0x2e, 0x31, 0x37, 0, 0, 0};

    public enum Kind { DATA, SYNC, DISCOVERY }

    private byte[] b;
    private int o;
    private Kind kind;
    private int slots;
    private int universes;

    /** Points at a packet; returns null when it is one, else why not (the accessors are then undefined). */
    public SacnReject wrap(byte[] bytes, int offset, int length) {
        b = bytes;
        o = offset;
        kind = null;
        if (offset < 0 || length < 38 || offset + length > bytes.length || offset + length < 0) {
            return SacnReject.TOO_SHORT;
        }
        if (u16(0) != 0x0010 || u16(2) != 0) {
            return SacnReject.BAD_PREAMBLE;
        }
        for (int i = 0; i < IDENTIFIER.length; i++) {
            if (b[o + 4 + i] != IDENTIFIER[i]) {
                return SacnReject.BAD_PREAMBLE;
            }
        }
        if (!layer(16, length)) {
            return SacnReject.BAD_LENGTH;
        }
        int rootVector = s32(18);
        if (rootVector != VECTOR_ROOT_DATA && rootVector != VECTOR_ROOT_EXTENDED) {
            return SacnReject.UNKNOWN_VECTOR;
        }
        if (length < 44) {
            return SacnReject.TOO_SHORT;
        }
        if (!layer(38, length)) {
            return SacnReject.BAD_LENGTH;
        }
        int framingVector = s32(40);
        if (rootVector == VECTOR_ROOT_DATA) {
            if (framingVector != VECTOR_DATA_PACKET) {
                return SacnReject.UNKNOWN_VECTOR;
            }
            return data(length);
        }
        if (framingVector == VECTOR_EXTENDED_SYNC) {
            if (length < SYNC_LENGTH) {
                return SacnReject.TOO_SHORT;
            }
            kind = Kind.SYNC;
            return null;
        }
        if (framingVector == VECTOR_EXTENDED_DISCOVERY) {
            return discovery(length);
        }
        return SacnReject.UNKNOWN_VECTOR;
    }

    private SacnReject data(int length) {
        if (length < DATA_MIN) {
            return SacnReject.TOO_SHORT;
        }
        if (!layer(115, length)) {
            return SacnReject.BAD_LENGTH;
        }
        if ((b[o + 117] & 0xFF) != VECTOR_DMP_SET_PROPERTY) {
            return SacnReject.UNKNOWN_VECTOR;
        }
        int u = u16(113);
        if (u < 1 || u > MAX_UNIVERSE) {
            return SacnReject.BAD_UNIVERSE;
        }
        if ((b[o + 108] & 0xFF) > MAX_PRIORITY) {
            return SacnReject.BAD_PRIORITY;
        }
        int count = u16(123);
        int dmpLength = u16(115) & 0x0FFF;
        if ((b[o + 118] & 0xFF) != 0xa1 || u16(119) != 0 || u16(121) != 1 || count < 1 || count > 513
                || dmpLength != 10 + count || 115 + dmpLength > length) {
            return SacnReject.BAD_DMP;
        }
        slots = count - 1;
        kind = Kind.DATA;
        return null;
    }

    private SacnReject discovery(int length) {
        if (length < DISCOVERY_MIN) {
            return SacnReject.TOO_SHORT;
        }
        if (!layer(112, length)) {
            return SacnReject.BAD_LENGTH;
        }
        if (s32(114) != VECTOR_UNIVERSE_DISCOVERY_LIST) {
            return SacnReject.UNKNOWN_VECTOR;
        }
        int listLength = (u16(112) & 0x0FFF) - 8;
        if (listLength < 0 || (listLength & 1) != 0 || listLength > 1024) {
            return SacnReject.BAD_LENGTH;
        }
        universes = listLength / 2;
        kind = Kind.DISCOVERY;
        return null;
    }

    /** A layer's flags and length at {@code p}: flags 0x7, length at least 2 and within the datagram. */
    private boolean layer(int p, int length) {
        int v = u16(p);
        int n = v & 0x0FFF;
        return (v >>> 12) == 0x7 && n >= 2 && p + n <= length;
    }

    private int u16(int p) {
        return (b[o + p] & 0xFF) << 8 | b[o + p + 1] & 0xFF;
    }

    private int s32(int p) {
        return u16(p) << 16 | u16(p + 2);
    }

    private void require(Kind k) {
        if (kind != k) {
            throw new IllegalStateException("not a " + k + " packet: " + kind);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The root vector (0x00000004 data, 0x00000008 extended). */
    public int rootVector() {
        return s32(18);
    }

    public int framingVector() {
        return s32(40);
    }

    /** The CID's first 8 bytes (big-endian). */
    public long cidHigh() {
        return (long) s32(22) << 32 | s32(26) & 0xFFFFFFFFL;
    }

    /** The CID's last 8 bytes (big-endian). */
    public long cidLow() {
        return (long) s32(30) << 32 | s32(34) & 0xFFFFFFFFL;
    }

    /** The CID as a UUID string (RFC 4122 text form). */
    public String cidText() {
        return cidText(cidHigh(), cidLow());
    }

    public static String cidText(long high, long low) {
        return new java.util.UUID(high, low).toString();
    }

    /** The source name of a data or discovery packet: UTF-8 up to its first NUL within 64 bytes. */
    public String sourceName() {
        if (kind == Kind.SYNC) {
            throw new IllegalStateException("a sync packet has no source name");
        }
        int n = 0;
        while (n < 64 && b[o + 44 + n] != 0) {
            n++;
        }
        return new String(b, o + 44, n, StandardCharsets.UTF_8);
    }

    public int priority() {
        require(Kind.DATA);
        return b[o + 108] & 0xFF;
    }

    /** The universe a data packet waits for the sync of (0: not synchronized), or a sync packet's own address. */
    public int syncAddress() {
        return kind == Kind.SYNC ? u16(45) : dataField(109);
    }

    private int dataField(int p) {
        require(Kind.DATA);
        return u16(p);
    }

    /** The 8-bit sequence number (data and sync). */
    public int sequence() {
        if (kind == Kind.DISCOVERY) {
            throw new IllegalStateException("a discovery packet has no sequence number");
        }
        return b[o + (kind == Kind.SYNC ? 44 : 111)] & 0xFF;
    }

    public int options() {
        require(Kind.DATA);
        return b[o + 112] & 0xFF;
    }

    public boolean preview() {
        return (options() & OPTION_PREVIEW) != 0;
    }

    public boolean streamTerminated() {
        return (options() & OPTION_STREAM_TERMINATED) != 0;
    }

    public boolean forceSync() {
        return (options() & OPTION_FORCE_SYNC) != 0;
    }

    /** The universe of a data packet, or 64214 for discovery. */
    public int universe() {
        return kind == Kind.DISCOVERY ? DISCOVERY_UNIVERSE : dataField(113);
    }

    /** The DMX512-A START code (0 for levels, 0xDD for per-address priority). */
    public int startCode() {
        require(Kind.DATA);
        return b[o + 125] & 0xFF;
    }

    /** Slots after the START code, 0-512. */
    public int slotCount() {
        require(Kind.DATA);
        return slots;
    }

    /** Slot i (0-based: DMX address i + 1), 0-255. */
    public int slot(int i) {
        require(Kind.DATA);
        if (i < 0 || i >= slots) {
            throw new IndexOutOfBoundsException(i);
        }
        return b[o + 126 + i] & 0xFF;
    }

    /** Slots that are not zero (what a tile shows). */
    public int nonZeroSlots() {
        require(Kind.DATA);
        int n = 0;
        for (int i = 0; i < slots; i++) {
            n += b[o + 126 + i] != 0 ? 1 : 0;
        }
        return n;
    }

    /** The array the packet was wrapped over: its slots are at {@link #slotOffset()}, {@link #slotCount()} of them. */
    public byte[] array() {
        return b;
    }

    /** Where slot 0 (DMX address 1) is in {@link #array()}. */
    public int slotOffset() {
        require(Kind.DATA);
        return o + 126;
    }

    /** Copies the slots into {@code into} (at least slotCount long); returns slotCount. */
    public int copySlots(byte[] into) {
        require(Kind.DATA);
        System.arraycopy(b, o + 126, into, 0, slots);
        return slots;
    }

    public int page() {
        require(Kind.DISCOVERY);
        return b[o + 118] & 0xFF;
    }

    public int lastPage() {
        require(Kind.DISCOVERY);
        return b[o + 119] & 0xFF;
    }

    public int universeCount() {
        require(Kind.DISCOVERY);
        return universes;
    }

    public int listedUniverse(int i) {
        require(Kind.DISCOVERY);
        if (i < 0 || i >= universes) {
            throw new IndexOutOfBoundsException(i);
        }
        return u16(120 + 2 * i);
    }
}
