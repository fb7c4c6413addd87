package org.gapwatch.protocol.rtps;

/**
 * One submessage as {@link RtpsSink} sees it: a view over the datagram and the reader's state (the source GUID
 * prefix of the header or of the last INFO_SRC, the time of the last INFO_TS, the destination of the last INFO_DST),
 * valid during the call. Numbers are read in the submessage's own byte order (flag E, bit 0: 1 = little-endian);
 * GUID prefixes and entity ids are octet arrays, read big-endian in any submessage.
 */
public final class Submessage {
    public static final int PAD = 0x01, ACKNACK = 0x06, HEARTBEAT = 0x07, GAP = 0x08, INFO_TS = 0x09,
            INFO_SRC = 0x0c, INFO_REPLY_IP4 = 0x0d, INFO_DST = 0x0e, INFO_REPLY = 0x0f, NACK_FRAG = 0x12,
            HEARTBEAT_FRAG = 0x13, DATA = 0x15, DATA_FRAG = 0x16;
    /** Flags of DATA: inline QoS, data, key. DATA_FRAG: inline QoS 0x02, key 0x04. */
    public static final int FLAG_ENDIAN = 0x01, FLAG_INLINE_QOS = 0x02, FLAG_DATA = 0x04, FLAG_KEY = 0x08,
            FLAG_FRAG_KEY = 0x04, FLAG_HEARTBEAT_FINAL = 0x02, FLAG_HEARTBEAT_LIVELINESS = 0x04;

    byte[] b;
    int body;          // the first byte after the 4-byte submessage header
    int length;        // the body's length
    int kind;
    int flags;
    boolean little;
    long srcHigh;
    int srcLow;
    boolean hasTime;
    int timeSeconds;
    int timeFraction;
    boolean hasDestination;
    long dstHigh;
    int dstLow;
    int payload = -1;
    int payloadLength;

    public int kind() {
        return kind;
    }

    public int flags() {
        return flags;
    }

    public boolean littleEndian() {
        return little;
    }

    int u16(int p) {
        int v = (b[p] & 0xFF) << 8 | b[p + 1] & 0xFF;
        return little ? Integer.reverseBytes(v) >>> 16 : v;
    }

    int s32(int p) {
        int v = beS32(b, p);
        return little ? Integer.reverseBytes(v) : v;
    }

    static int beS32(byte[] b, int p) {
        return (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | b[p + 3] & 0xFF;
    }

    static long beS64(byte[] b, int p) {
        return (long) beS32(b, p) << 32 | beS32(b, p + 4) & 0xFFFFFFFFL;
    }

    /** SequenceNumber_t {int32 high; uint32 low} as one 64-bit number. */
    long sn(int p) {
        return (long) s32(p) << 32 | s32(p + 4) & 0xFFFFFFFFL;
    }

    /** The reader entity id (DATA, DATA_FRAG, HEARTBEAT, GAP). */
    public int readerId() {
        return beS32(b, body + (isData() ? 4 : 0));
    }

    /** The writer entity id (DATA, DATA_FRAG, HEARTBEAT, GAP). */
    public int writerId() {
        return beS32(b, body + (isData() ? 8 : 4));
    }

    private boolean isData() {
        return kind == DATA || kind == DATA_FRAG;
    }

    /** The source GUID prefix's first 8 bytes (the header's or the last INFO_SRC's). */
    public long sourcePrefixHigh() {
        return srcHigh;
    }

    public int sourcePrefixLow() {
        return srcLow;
    }

    /** The writer's GUID: the source prefix and the writer entity id. */
    public Guid writer() {
        return new Guid(srcHigh, srcLow, writerId());
    }

    /** writerSN of a DATA or DATA_FRAG. */
    public long sequence() {
        require(isData(), "DATA or DATA_FRAG");
        return sn(body + 12);
    }

    public long firstSequence() {
        require(kind == HEARTBEAT, "HEARTBEAT");
        return sn(body + 8);
    }

    public long lastSequence() {
        require(kind == HEARTBEAT, "HEARTBEAT");
        return sn(body + 16);
    }

    public int heartbeatCount() {
        require(kind == HEARTBEAT, "HEARTBEAT");
        return s32(body + 24);
    }

    /** GAP: the first number of the contiguous irrelevant range [gapStart, bitmapBase - 1]. */
    public long gapStart() {
        require(kind == GAP, "GAP");
        return sn(body + 8);
    }

    /** GAP: gapList.bitmapBase; bit i set means bitmapBase + i is irrelevant too. */
    public long bitmapBase() {
        require(kind == GAP, "GAP");
        return sn(body + 16);
    }

    public int numBits() {
        require(kind == GAP, "GAP");
        return s32(body + 24);
    }

    /** GAP: whether bitmapBase + i is irrelevant (bit 0 is the most significant bit of the first word). */
    public boolean bit(int i) {
        if (i < 0 || i >= numBits()) {
            throw new IndexOutOfBoundsException(i);
        }
        int word = s32(body + 28 + 4 * (i >> 5));
        return (word >>> (31 - (i & 31)) & 1) != 0;
    }

    public int fragmentStart() {
        require(kind == DATA_FRAG, "DATA_FRAG");
        return s32(body + 20);
    }

    public int fragmentsInSubmessage() {
        require(kind == DATA_FRAG, "DATA_FRAG");
        return u16(body + 24);
    }

    public int fragmentSize() {
        require(kind == DATA_FRAG, "DATA_FRAG");
        return u16(body + 26);
    }

    public int sampleSize() {
        require(kind == DATA_FRAG, "DATA_FRAG");
        return s32(body + 28);
    }

    /** True when an INFO_TS with a time came before it in the message (and no invalidating one since). */
    public boolean hasTimestamp() {
        return hasTime;
    }

    public int timestampSeconds() {
        return timeSeconds;
    }

    /** The fraction of a second, in units of 2^-32 s. */
    public long timestampFraction() {
        return timeFraction & 0xFFFFFFFFL;
    }

    /** The INFO_TS time in nanoseconds since the epoch. */
    public long timestampNanos() {
        return timeSeconds * 1_000_000_000L + ((timestampFraction() * 1_000_000_000L) >>> 32);
    }

    /** True when an INFO_DST came before it (a prefix of all zeros, "unknown", counts as none). */
    public boolean hasDestination() {
        return hasDestination;
    }

    public long destinationPrefixHigh() {
        return dstHigh;
    }

    public int destinationPrefixLow() {
        return dstLow;
    }

    /** Offset of the serialized payload of a DATA (with its 4-byte encapsulation header), or -1 when none. */
    public int payloadOffset() {
        return payload;
    }

    public int payloadLength() {
        return payload < 0 ? 0 : payloadLength;
    }

    /** The array the offsets point into. */
    public byte[] bytes() {
        return b;
    }

    private void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("not a " + what + " submessage: 0x" + Integer.toHexString(kind));
        }
    }
}
