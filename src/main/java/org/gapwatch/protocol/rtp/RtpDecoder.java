package org.gapwatch.protocol.rtp;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.gapwatch.protocol.DecodeResult;
import org.gapwatch.protocol.ProtocolDecoder;
import org.gapwatch.protocol.SequenceSpace;
import org.gapwatch.protocol.Update;

/**
 * Decodes the RTP packets (and RTCP on port + 1, or multiplexed per RFC 5761) of one subscription. A source is one
 * SSRC: {@code rtp/<group:port>/<CNAME>} once RTCP gave its CNAME, {@code rtp/<group:port>/<ssrc in hex>} before.
 * Each packet is one update: its 16-bit sequence number in {@link SequenceSpace#RTP_16}, as value the bit rate
 * (kbit/s over the last second, whole RTP packets) and as text payload type, packets/s, marker rate and the
 * interarrival jitter of RFC 3550 6.4.1 (where the clock rate is known: static payload types of RFC 3551, or the
 * subscription's {@code clock=}). State per SSRC is made once; a packet allocates nothing (the text is made once a
 * second).
 */
public final class RtpDecoder implements ProtocolDecoder {
    static final int MAX_SSRCS = 4096;
    static final int PT_MP2T = 33;
    private static final long SECOND = 1_000_000_000L;

    private final String prefix;
    private final int rtpPort;
    private final int clockOption;
    private final ProtocolDecoder transportStream;
    // One RTP packet's update, and room for the TS packets of a PT 33 payload up to 64 KiB (348 of 188 bytes).
    private final DecodeResult result = new DecodeResult(1 + 65_536 / 188);
    private final SsrcTable ssrcs = new SsrcTable();
    private final Set<String> names = new HashSet<>();

    /**
     * @param label           the subscription's {@code group:port}, part of every source name
     * @param rtpPort         the RTP port (RTCP arrives on rtpPort + 1)
     * @param clockRate       the clock of every payload type, in Hz; 0 for the static ones of RFC 3551 only
     * @param transportStream decoder of the MPEG-TS inside payload type 33, or null when there is none yet
     */
    public RtpDecoder(String label, int rtpPort, int clockRate, ProtocolDecoder transportStream) {
        this.prefix = "rtp/" + label + "/";
        this.rtpPort = rtpPort;
        this.clockOption = clockRate;
        this.transportStream = transportStream;
    }

    @Override
    public DecodeResult decode(byte[] data, int off, int len, int port, long arrivalNanos) {
        result.reset();
        if (port == rtpPort + 1) {
            rtcp(data, off, len);
            return result;
        }
        int pt8 = len >= 2 ? data[off + 1] & 0xFF : 0;
        if (pt8 >= 192 && pt8 <= 223 && (data[off] & 0xC0) == 0x80) {
            // RFC 5761: RTCP multiplexed on the RTP port (packet types 192-223 are never RTP payload types).
            rtcp(data, off, len);
            return result;
        }
        rtp(data, off, len, arrivalNanos);
        return result;
    }

    private void rtp(byte[] b, int off, int len, long arrivalNanos) {
        if (len < 12) {
            result.reject(RtpReason.TOO_SHORT);
            return;
        }
        int b0 = b[off] & 0xFF;
        if (b0 >> 6 != 2) {
            result.reject(RtpReason.BAD_VERSION);
            return;
        }
        int header = 12 + 4 * (b0 & 0x0F);
        if (header > len) {
            result.reject(RtpReason.BAD_CSRC_COUNT);
            return;
        }
        if ((b0 & 0x10) != 0) {
            if (header + 4 > len) {
                result.reject(RtpReason.BAD_EXTENSION);
                return;
            }
            header += 4 + 4 * u16(b, off + header + 2);
            if (header > len) {
                result.reject(RtpReason.BAD_EXTENSION);
                return;
            }
        }
        int payload = len - header;
        if ((b0 & 0x20) != 0) {
            int pad = b[off + len - 1] & 0xFF;
            if (pad == 0 || pad > payload) {
                result.reject(RtpReason.BAD_PADDING);
                return;
            }
            payload -= pad;
        }
        int b1 = b[off + 1] & 0xFF;
        boolean marker = (b1 & 0x80) != 0;
        int pt = b1 & 0x7F;
        int seq = u16(b, off + 2);
        int timestamp = (int) u32(b, off + 4);
        int ssrc = (int) u32(b, off + 8);
        Ssrc s = ssrcs.get(ssrc);
        if (s == null) {
            if (ssrcs.size() >= MAX_SSRCS) {
                result.reject(RtpReason.TOO_MANY_SSRCS);
                return;
            }
            s = newSsrc(ssrc);
        }
        boolean renewed = s.account(len, marker, pt, timestamp, arrivalNanos, clockOption);
        Update u = result.next().src(s.name).seq(seq).protocol("rtp").space(SequenceSpace.RTP_16)
                .sameValue(!renewed);
        if (s.previousName != null) {
            u.previousSrc(s.previousName);
            s.previousName = null;
        }
        if (s.kbps >= 0) {
            u.number(s.kbps).unit("kbit/s");
        }
        u.text(s.text);
        if (pt == PT_MP2T && transportStream != null && payload > 0) {
            // MPEG-TS inside RTP: the TS decoder's updates (its own source, lanes per PID) follow the packet's.
            result.appendAll(transportStream.decode(b, off + header, payload, rtpPort, arrivalNanos));
        }
    }

    /** The state of an SSRC, or null: for tests. */
    Ssrc ssrcState(int ssrc) {
        return ssrcs.get(ssrc);
    }

    private Ssrc newSsrc(int ssrc) {
        Ssrc s = new Ssrc(ssrc, prefix + String.format(Locale.ROOT, "%08x", ssrc));
        ssrcs.put(s);
        names.add(s.name);
        return s;
    }

    /** A compound RTCP packet: learns CNAMEs from SDES; other packet types are only checked. */
    private void rtcp(byte[] b, int off, int len) {
        int p = off;
        int end = off + len;
        if (len < 4) {
            result.reject(RtpReason.BAD_RTCP);
            return;
        }
        while (p < end) {
            if (end - p < 4 || (b[p] & 0xC0) != 0x80) {
                result.reject(RtpReason.BAD_RTCP);
                return;
            }
            int count = b[p] & 0x1F;
            int type = b[p + 1] & 0xFF;
            int next = p + 4 + 4 * u16(b, p + 2);
            if (next > end) {
                result.reject(RtpReason.BAD_RTCP);
                return;
            }
            if (type == 202) {
                sdes(b, p, next, count);
            }
            p = next;
        }
    }

    /** The SDES packet starting at {@code start} (its header), ending before {@code end}. */
    private void sdes(byte[] b, int start, int end, int chunks) {
        int p = start + 4;
        for (int c = 0; c < chunks && p + 4 <= end; c++) {
            int ssrc = (int) u32(b, p);
            p += 4;
            while (p < end && b[p] != 0) {
                if (p + 2 > end) {
                    return;
                }
                int type = b[p] & 0xFF;
                int n = b[p + 1] & 0xFF;
                if (p + 2 + n > end) {
                    return;
                }
                if (type == 1 && n > 0) {
                    cname(ssrc, new String(b, p + 2, n, StandardCharsets.UTF_8));
                }
                p += 2 + n;
            }
            // The end item, then padding to the next 32-bit boundary of the packet.
            p = start + ((p - start) / 4 + 1) * 4;
        }
    }

    private void cname(int ssrc, String cname) {
        Ssrc s = ssrcs.get(ssrc);
        if (s == null) {
            if (ssrcs.size() >= MAX_SSRCS) {
                return;
            }
            s = newSsrc(ssrc);
        }
        if (cname.equals(s.cname)) {
            return;
        }
        // A CNAME is a name, not levels of the source tree; two SSRCs of one CNAME (audio and video) stay apart.
        String name = prefix + cname.replace('/', '_');
        if (names.contains(name)) {
            name = name + "#" + String.format(Locale.ROOT, "%08x", ssrc);
        }
        if (names.contains(name)) {
            return;
        }
        s.cname = cname;
        if (s.previousName == null) {
            s.previousName = s.name;
        }
        names.remove(s.name);
        s.name = name;
        names.add(name);
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static long u32(byte[] b, int i) {
        return (long) (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    /** Clock rate of a static payload type (RFC 3551 table 4 and 5), or 0 when dynamic or unassigned. */
    static int staticClockRate(int pt) {
        return switch (pt) {
            case 0, 3, 4, 5, 7, 8, 9, 12, 13, 15, 18 -> 8000;
            case 6 -> 16000;
            case 10, 11 -> 44100;
            case 16 -> 11025;
            case 17 -> 22050;
            case 14, 25, 26, 28, 31, 32, 33, 34 -> 90000;
            default -> 0;
        };
    }

    /** What is known of one SSRC. */
    static final class Ssrc {
        final int ssrc;
        String name;
        String previousName;
        String cname;
        int pt = -1;
        // Jitter (RFC 3550 6.4.1), in timestamp units.
        long baseNanos;
        boolean haveTransit;
        int lastTransit;
        double jitter;
        int clock;
        // The current one-second window, and the figures of the last one.
        long windowStart;
        long windowPackets;
        long windowBytes;
        long windowMarkers;
        double kbps = -1;
        String text;

        Ssrc(int ssrc, String name) {
            this.ssrc = ssrc;
            this.name = name;
        }

        /** Accounts one packet; true when the figures (rate, text) were renewed by it. */
        boolean account(int bytes, boolean marker, int payloadType, int timestamp, long arrivalNanos,
                        int clockOption) {
            boolean renewed = false;
            if (payloadType != pt) {
                renewed = true;
                pt = payloadType;
                clock = clockOption > 0 ? clockOption : staticClockRate(pt);
                haveTransit = false;
                jitter = 0;
                text = describe(0, 0);
            }
            if (windowStart == 0) {
                windowStart = arrivalNanos;
                baseNanos = arrivalNanos;
            }
            if (clock > 0) {
                // Arrival in timestamp units, modulo 2^32 like the timestamp itself.
                int arrival = (int) (long) ((arrivalNanos - baseNanos) * 1e-9 * clock);
                int transit = arrival - timestamp;
                if (haveTransit) {
                    int d = Math.abs(transit - lastTransit);
                    jitter += (d - jitter) / 16.0;
                }
                lastTransit = transit;
                haveTransit = true;
            }
            long elapsed = arrivalNanos - windowStart;
            if (elapsed >= SECOND) {
                double seconds = elapsed / 1e9;
                kbps = Math.round(windowBytes * 8 / seconds / 100.0) / 10.0;
                text = describe(windowPackets / seconds, windowMarkers / seconds);
                windowStart = arrivalNanos;
                windowPackets = 0;
                windowBytes = 0;
                windowMarkers = 0;
                renewed = true;
            }
            windowPackets++;
            windowBytes += bytes;
            if (marker) {
                windowMarkers++;
            }
            return renewed;
        }

        private String describe(double packetsPerSecond, double markersPerSecond) {
            String j = clock > 0 ? String.format(Locale.ROOT, "jitter %.2f ms", jitter * 1000.0 / clock)
                    : "jitter: clock unknown";
            return String.format(Locale.ROOT, "PT %d · %.1f pkt/s · marker %.1f/s · %s", pt, packetsPerSecond,
                    markersPerSecond, j);
        }
    }

    /** SSRC to state, open addressing: no boxing of the 32-bit key per packet. */
    static final class SsrcTable {
        private Ssrc[] slots = new Ssrc[64];
        private int size;

        Ssrc get(int ssrc) {
            int mask = slots.length - 1;
            for (int i = mix(ssrc) & mask; ; i = (i + 1) & mask) {
                Ssrc s = slots[i];
                if (s == null || s.ssrc == ssrc) {
                    return s;
                }
            }
        }

        void put(Ssrc s) {
            if ((size + 1) * 2 > slots.length) {
                Ssrc[] old = slots;
                slots = new Ssrc[old.length * 2];
                size = 0;
                for (Ssrc o : old) {
                    if (o != null) {
                        put(o);
                    }
                }
            }
            int mask = slots.length - 1;
            int i = mix(s.ssrc) & mask;
            while (slots[i] != null) {
                i = (i + 1) & mask;
            }
            slots[i] = s;
            size++;
        }

        int size() {
            return size;
        }

        private static int mix(int x) {
            x *= 0x9E3779B9;
            return x ^ (x >>> 16);
        }
    }
}
