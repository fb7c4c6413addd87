package org.gapwatch.protocol.rtps;

/**
 * Reads one RTPS message (OMG DDSI-RTPS 2.x, 8.3 and 9.4): the 20-byte header ("RTPS", protocol version, vendor
 * id, GUID prefix), then submessages, each {@code id (1), flags (1), octetsToNextHeader (2, in the submessage's
 * byte order)}; 0 means "to the end of the message" for all but PAD and INFO_TS. DATA, DATA_FRAG, HEARTBEAT and GAP
 * go to the sink; INFO_TS, INFO_SRC and INFO_DST set the state later submessages see; the rest are skipped and
 * counted. A submessage that reaches beyond the datagram or is shorter than its kind stops the read (what came
 * before was delivered); one with an impossible sequence number is skipped and counted. Any bytes: no exception,
 * one pass. Not thread-safe.
 */
public final class RtpsReader {
    public static final int HEADER_LENGTH = 20;

    private final Submessage s = new Submessage();
    private int versionMajor;
    private int versionMinor;
    private int vendorId;
    private long prefixHigh;
    private int prefixLow;
    private int skipped;
    private int badSequences;
    private int delivered;

    public RtpsReject read(byte[] b, int off, int len, RtpsSink sink) {
        skipped = badSequences = delivered = 0;
        if (off < 0 || len < HEADER_LENGTH || off + len > b.length || off + len < 0) {
            return RtpsReject.TOO_SHORT;
        }
        if (b[off] != 'R' || b[off + 1] != 'T' || b[off + 2] != 'P' || b[off + 3] != 'S') {
            return RtpsReject.BAD_MAGIC;
        }
        versionMajor = b[off + 4] & 0xFF;
        versionMinor = b[off + 5] & 0xFF;
        if (versionMajor != 2) {
            return RtpsReject.BAD_VERSION;
        }
        vendorId = (b[off + 6] & 0xFF) << 8 | b[off + 7] & 0xFF;
        prefixHigh = Submessage.beS64(b, off + 8);
        prefixLow = Submessage.beS32(b, off + 16);
        s.b = b;
        s.srcHigh = prefixHigh;
        s.srcLow = prefixLow;
        s.hasTime = false;
        s.hasDestination = false;
        int p = off + HEADER_LENGTH;
        int end = off + len;
        while (p < end) {
            if (end - p < 4) {
                return RtpsReject.BAD_SUBMESSAGE;
            }
            s.kind = b[p] & 0xFF;
            s.flags = b[p + 1] & 0xFF;
            s.little = (s.flags & Submessage.FLAG_ENDIAN) != 0;
            int n = s.u16(p + 2);
            s.body = p + 4;
            if (n == 0 && s.kind != Submessage.PAD && s.kind != Submessage.INFO_TS) {
                n = end - s.body;
            }
            if (n > end - s.body) {
                return RtpsReject.BAD_SUBMESSAGE;
            }
            s.length = n;
            if (!submessage(sink)) {
                return RtpsReject.BAD_SUBMESSAGE;
            }
            p = s.body + n;
        }
        return badSequences > 0 ? RtpsReject.BAD_SEQUENCE : null;
    }

    /** Handles the submessage at s; false when it is shorter than its kind. */
    private boolean submessage(RtpsSink sink) {
        switch (s.kind) {
            case Submessage.DATA, Submessage.DATA_FRAG -> {
                boolean frag = s.kind == Submessage.DATA_FRAG;
                if (s.length < (frag ? 32 : 20)) {
                    return false;
                }
                if (s.sequence() < 1) {
                    badSequences++;
                    return true;
                }
                payload(frag);
                delivered++;
                sink.data(s);
            }
            case Submessage.HEARTBEAT -> {
                if (s.length < 28) {
                    return false;
                }
                long first = s.firstSequence();
                long last = s.lastSequence();
                if (first < 1 || last < first - 1) {
                    badSequences++;
                    return true;
                }
                delivered++;
                sink.heartbeat(s);
            }
            case Submessage.GAP -> {
                if (s.length < 28) {
                    return false;
                }
                int bits = s.numBits();
                if (bits < 0 || bits > 256) {
                    badSequences++;
                    return true;
                }
                if (s.length < 28 + 4 * ((bits + 31) / 32)) {
                    return false;
                }
                long start = s.gapStart();
                long base = s.bitmapBase();
                if (start < 1 || base < start) {
                    badSequences++;
                    return true;
                }
                delivered++;
                sink.gap(s);
            }
            case Submessage.INFO_TS -> {
                if ((s.flags & 0x02) != 0) {
                    s.hasTime = false;
                } else {
                    if (s.length < 8) {
                        return false;
                    }
                    s.hasTime = true;
                    s.timeSeconds = s.s32(s.body);
                    s.timeFraction = s.s32(s.body + 4);
                }
            }
            case Submessage.INFO_SRC -> {
                if (s.length < 20) {
                    return false;
                }
                s.srcHigh = Submessage.beS64(s.b, s.body + 8);
                s.srcLow = Submessage.beS32(s.b, s.body + 16);
            }
            case Submessage.INFO_DST -> {
                if (s.length < 12) {
                    return false;
                }
                s.dstHigh = Submessage.beS64(s.b, s.body);
                s.dstLow = Submessage.beS32(s.b, s.body + 8);
                s.hasDestination = s.dstHigh != 0 || s.dstLow != 0;
            }
            default -> skipped++;
        }
        return true;
    }

    /** Finds a DATA's serialized payload: after octetsToInlineQos and, with flag Q, after the inline QoS list. */
    private void payload(boolean frag) {
        s.payload = -1;
        boolean hasPayload = frag || (s.flags & (Submessage.FLAG_DATA | Submessage.FLAG_KEY)) != 0;
        int end = s.body + s.length;
        int p = s.body + 4 + s.u16(s.body + 2);
        if (!hasPayload || p > end) {
            return;
        }
        if ((s.flags & Submessage.FLAG_INLINE_QOS) != 0) {
            p = ParameterList.end(s.b, p, end, s.little);
            if (p < 0) {
                return;
            }
        }
        s.payload = p;
        s.payloadLength = end - p;
    }

    public int versionMajor() {
        return versionMajor;
    }

    public int versionMinor() {
        return versionMinor;
    }

    /** The vendor id, e.g. 0x0110 for Eclipse Cyclone DDS, 0x010f for eProsima Fast DDS. */
    public int vendorId() {
        return vendorId;
    }

    public long guidPrefixHigh() {
        return prefixHigh;
    }

    public int guidPrefixLow() {
        return prefixLow;
    }

    /** Submessages of the last message that were skipped (ACKNACK, NACK_FRAG, HEARTBEAT_FRAG, PAD, unknown...). */
    public int skipped() {
        return skipped;
    }

    /** Submessages of the last message skipped for an impossible sequence number. */
    public int badSequences() {
        return badSequences;
    }

    /** DATA, DATA_FRAG, HEARTBEAT and GAP submessages handed to the sink from the last message. */
    public int delivered() {
        return delivered;
    }
}
