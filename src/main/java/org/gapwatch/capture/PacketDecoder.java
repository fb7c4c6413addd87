package org.gapwatch.capture;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * From one captured frame to a UDP datagram: the link layer (by link type), IPv4 or IPv6 (extension headers
 * skipped, fragments reassembled), UDP, the filter. Problems are counted in the stats, never thrown.
 */
final class PacketDecoder {
    static final int LINKTYPE_NULL = 0;
    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_RAW_12 = 12;
    static final int LINKTYPE_RAW_14 = 14;
    static final int LINKTYPE_RAW = 101;
    static final int LINKTYPE_LOOP = 108;
    static final int LINKTYPE_LINUX_SLL = 113;
    static final int LINKTYPE_IPV4 = 228;
    static final int LINKTYPE_IPV6 = 229;
    /** Linux netfilter log messages: {@code tcpdump -i nflog:N}, the packets an nftables {@code log group N} saw. */
    static final int LINKTYPE_NFLOG = 239;
    static final int LINKTYPE_LINUX_SLL2 = 276;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int MAX_VLAN_TAGS = 8;
    private static final int MAX_IPV6_EXTENSIONS = 16;
    private static final int UDP = 17;
    private static final int ADDRESS_CACHE = 1 << 16;

    private final CaptureFilter filter;
    private final CaptureStats stats;
    private final Reassembler reassembler;
    private final Map<Long, InetSocketAddress> v4Addresses = new HashMap<>();
    /** The payload TLV's length of the last {@link #nflogPayload} that found one. */
    private int nflogLength;

    PacketDecoder(CaptureFilter filter, CaptureStats stats) {
        this.filter = filter;
        this.stats = stats;
        this.reassembler = new Reassembler(stats);
    }

    static boolean known(int linkType) {
        return switch (linkType) {
            case LINKTYPE_NULL, LINKTYPE_ETHERNET, LINKTYPE_RAW_12, LINKTYPE_RAW_14, LINKTYPE_RAW, LINKTYPE_LOOP,
                 LINKTYPE_LINUX_SLL, LINKTYPE_IPV4, LINKTYPE_IPV6, LINKTYPE_LINUX_SLL2, LINKTYPE_NFLOG -> true;
            default -> false;
        };
    }

    static String linkTypeName(int linkType) {
        return switch (linkType) {
            case LINKTYPE_NULL -> "BSD loopback";
            case LINKTYPE_ETHERNET -> "Ethernet";
            case LINKTYPE_RAW_12, LINKTYPE_RAW_14, LINKTYPE_RAW -> "raw IP";
            case LINKTYPE_LOOP -> "OpenBSD loopback";
            case LINKTYPE_LINUX_SLL -> "Linux cooked v1";
            case LINKTYPE_LINUX_SLL2 -> "Linux cooked v2";
            case LINKTYPE_IPV4 -> "IPv4";
            case LINKTYPE_IPV6 -> "IPv6";
            case LINKTYPE_NFLOG -> "Linux netfilter log";
            default -> "link type " + linkType;
        };
    }

    /**
     * Decodes a frame of {@code caplen} captured bytes (of {@code origLen} on the wire). Returns the datagram, or null
     * when the frame is none (counted) or is a fragment of one not yet complete.
     */
    CapturedDatagram decode(int linkType, byte[] b, int off, int caplen, long nanos) {
        int end = off + caplen;
        int ipOff;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                if (caplen < 14) {
                    return skip(SkipReason.MALFORMED_LINK);
                }
                int p = off + 12;
                int type = u16(b, p);
                int tags = 0;
                while ((type == 0x8100 || type == 0x88A8 || type == 0x9100) && tags++ < MAX_VLAN_TAGS) {
                    p += 4;
                    if (p + 2 > end) {
                        return skip(SkipReason.MALFORMED_LINK);
                    }
                    type = u16(b, p);
                }
                ipOff = p + 2;
                if (type == ETHERTYPE_IPV4) {
                    return ipv4(b, ipOff, end, nanos);
                }
                return type == ETHERTYPE_IPV6 ? ipv6(b, ipOff, end, nanos) : skip(SkipReason.NOT_IP);
            }
            case LINKTYPE_LINUX_SLL -> {
                if (caplen < 16) {
                    return skip(SkipReason.MALFORMED_LINK);
                }
                return byEthertype(u16(b, off + 14), b, off + 16, end, nanos);
            }
            case LINKTYPE_LINUX_SLL2 -> {
                if (caplen < 20) {
                    return skip(SkipReason.MALFORMED_LINK);
                }
                return byEthertype(u16(b, off), b, off + 20, end, nanos);
            }
            case LINKTYPE_NULL, LINKTYPE_LOOP -> {
                if (caplen < 4) {
                    return skip(SkipReason.MALFORMED_LINK);
                }
                // The address family is in the capturing host's byte order (NULL) or network order (LOOP); take
                // whichever reading is small. AF_INET is 2 everywhere; AF_INET6 is 10, 24, 28 or 30.
                int family = u32be(b, off);
                if ((family & 0xFFFF) == 0) {
                    family = Integer.reverseBytes(family);
                }
                return switch (family) {
                    case 2 -> ipv4(b, off + 4, end, nanos);
                    case 10, 24, 28, 30 -> ipv6(b, off + 4, end, nanos);
                    default -> skip(SkipReason.NOT_IP);
                };
            }
            case LINKTYPE_RAW, LINKTYPE_RAW_12, LINKTYPE_RAW_14 -> {
                if (caplen < 1) {
                    return skip(SkipReason.MALFORMED_IP);
                }
                int version = (b[off] & 0xF0) >> 4;
                return version == 4 ? ipv4(b, off, end, nanos)
                        : version == 6 ? ipv6(b, off, end, nanos) : skip(SkipReason.NOT_IP);
            }
            case LINKTYPE_IPV4 -> {
                return ipv4(b, off, end, nanos);
            }
            case LINKTYPE_IPV6 -> {
                return ipv6(b, off, end, nanos);
            }
            case LINKTYPE_NFLOG -> {
                return nflog(b, off, end, nanos);
            }
            default -> {
                return skip(SkipReason.UNKNOWN_LINKTYPE);
            }
        }
    }

    /**
     * An NFLOG frame: family, version, resource id (4 bytes), then TLVs of length (header included) and type, each
     * padded to 4 bytes, in the capturing host's byte order (libpcap writes them so); the packet is the payload TLV
     * (type 9), an IP packet. Read little-endian first (the usual capturing host), big-endian if that does not walk.
     */
    private CapturedDatagram nflog(byte[] b, int off, int end, long nanos) {
        if (end - off < 4) {
            return skip(SkipReason.MALFORMED_LINK);
        }
        int payload = nflogPayload(b, off + 4, end, true);
        if (payload == -1) {
            payload = nflogPayload(b, off + 4, end, false);
        }
        if (payload < 0) {
            return skip(payload == -2 ? SkipReason.NOT_IP : SkipReason.MALFORMED_LINK);
        }
        int family = b[off] & 0xFF;
        int payloadEnd = payload + nflogLength;
        return family == 2 ? ipv4(b, payload, payloadEnd, nanos)
                : family == 10 ? ipv6(b, payload, payloadEnd, nanos) : skip(SkipReason.NOT_IP);
    }

    /** Where the payload TLV's value starts; -1 where the TLVs do not walk, -2 where they hold no payload. */
    private int nflogPayload(byte[] b, int p, int end, boolean littleEndian) {
        while (p + 4 <= end) {
            int length = littleEndian ? (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 : u16(b, p);
            int type = (littleEndian ? (b[p + 2] & 0xFF) | (b[p + 3] & 0xFF) << 8 : u16(b, p + 2)) & 0x3FFF;
            if (length < 4 || p + length > end) {
                return -1;
            }
            if (type == 9) {
                nflogLength = length - 4;
                return p + 4;
            }
            p += (length + 3) & ~3;
        }
        return p == end ? -2 : -1;
    }

    private CapturedDatagram byEthertype(int type, byte[] b, int ipOff, int end, long nanos) {
        return switch (type) {
            case ETHERTYPE_IPV4 -> ipv4(b, ipOff, end, nanos);
            case ETHERTYPE_IPV6 -> ipv6(b, ipOff, end, nanos);
            default -> skip(SkipReason.NOT_IP);
        };
    }

    private CapturedDatagram ipv4(byte[] b, int p, int end, long nanos) {
        if (p + 20 > end) {
            return skip(end - p > 0 && (b[p] & 0xF0) == 0x40 ? SkipReason.SNAPLEN_TRUNCATED : SkipReason.MALFORMED_IP);
        }
        if ((b[p] & 0xF0) != 0x40) {
            return skip(SkipReason.MALFORMED_IP);
        }
        int headerLength = (b[p] & 0x0F) * 4;
        int totalLength = u16(b, p + 2);
        if (headerLength < 20 || totalLength < headerLength) {
            return skip(SkipReason.MALFORMED_IP);
        }
        if (p + totalLength > end) {
            return skip(SkipReason.SNAPLEN_TRUNCATED);
        }
        int protocol = b[p + 9] & 0xFF;
        if (protocol != UDP) {
            return skip(SkipReason.NOT_UDP);
        }
        int flagsOffset = u16(b, p + 6);
        boolean more = (flagsOffset & 0x2000) != 0;
        int fragmentOffset = (flagsOffset & 0x1FFF) * 8;
        int payload = p + headerLength;
        int payloadLength = totalLength - headerLength;
        if (more || fragmentOffset != 0) {
            Reassembler.Key key = Reassembler.Key.of(b, p + 12, p + 16, 4, u16(b, p + 4), protocol);
            byte[] whole = reassembler.add(key, fragmentOffset, more, b, payload, payloadLength, nanos);
            if (whole == null) {
                return null;
            }
            // The addresses are still those of this fragment's header.
            return udp(whole, 0, whole.length, b, p + 12, p + 16, 4, nanos);
        }
        return udp(b, payload, payloadLength, b, p + 12, p + 16, 4, nanos);
    }

    private CapturedDatagram ipv6(byte[] b, int p, int end, long nanos) {
        if (p + 40 > end) {
            return skip(end - p > 0 && (b[p] & 0xF0) == 0x60 ? SkipReason.SNAPLEN_TRUNCATED : SkipReason.MALFORMED_IP);
        }
        if ((b[p] & 0xF0) != 0x60) {
            return skip(SkipReason.MALFORMED_IP);
        }
        int payloadLength = u16(b, p + 4);
        int next = b[p + 6] & 0xFF;
        int q = p + 40;
        int limit = q + payloadLength;
        if (payloadLength == 0) {
            return skip(SkipReason.NOT_UDP); // jumbogram or no payload
        }
        if (limit > end) {
            return skip(SkipReason.SNAPLEN_TRUNCATED);
        }
        for (int i = 0; i < MAX_IPV6_EXTENSIONS; i++) {
            switch (next) {
                case UDP -> {
                    return udp(b, q, limit - q, b, p + 8, p + 24, 16, nanos);
                }
                case 0, 43, 60 -> { // hop-by-hop, routing, destination options
                    if (q + 8 > limit) {
                        return skip(SkipReason.MALFORMED_IP);
                    }
                    next = b[q] & 0xFF;
                    q += ((b[q + 1] & 0xFF) + 1) * 8;
                }
                case 51 -> { // authentication header
                    if (q + 8 > limit) {
                        return skip(SkipReason.MALFORMED_IP);
                    }
                    next = b[q] & 0xFF;
                    q += ((b[q + 1] & 0xFF) + 2) * 4;
                }
                case 44 -> { // fragment
                    if (q + 8 > limit) {
                        return skip(SkipReason.MALFORMED_IP);
                    }
                    int inner = b[q] & 0xFF;
                    int offsetFlags = u16(b, q + 2);
                    long id = u32be(b, q + 4) & 0xFFFFFFFFL;
                    q += 8;
                    int offset = offsetFlags & 0xFFF8;
                    boolean more = (offsetFlags & 1) != 0;
                    if (!more && offset == 0) {
                        next = inner; // atomic fragment
                        continue;
                    }
                    if (inner != UDP) {
                        return skip(SkipReason.NOT_UDP); // extension headers after a fragment header: rare
                    }
                    Reassembler.Key key = Reassembler.Key.of(b, p + 8, p + 24, 16, id, inner);
                    byte[] whole = reassembler.add(key, offset, more, b, q, limit - q, nanos);
                    return whole == null ? null : udp(whole, 0, whole.length, b, p + 8, p + 24, 16, nanos);
                }
                default -> {
                    return skip(SkipReason.NOT_UDP);
                }
            }
            if (q > limit) {
                return skip(SkipReason.MALFORMED_IP);
            }
        }
        return skip(SkipReason.MALFORMED_IP);
    }

    /** The UDP header and payload are {@code len} bytes at {@code p} of {@code u}; addresses are in {@code a}. */
    private CapturedDatagram udp(byte[] u, int p, int len, byte[] a, int srcOff, int dstOff, int addrLen,
                                 long nanos) {
        if (len < 8) {
            return skip(SkipReason.MALFORMED_UDP);
        }
        int udpLength = u16(u, p + 4);
        if (udpLength < 8 || udpLength > len) {
            return skip(SkipReason.MALFORMED_UDP);
        }
        int srcPort = u16(u, p);
        int dstPort = u16(u, p + 2);
        if (!filter.matches(a, srcOff, dstOff, addrLen, dstPort)) {
            return skip(SkipReason.FILTERED);
        }
        byte[] payload = Arrays.copyOfRange(u, p + 8, p + udpLength);
        stats.datagram();
        return new CapturedDatagram(nanos, address(a, srcOff, addrLen, srcPort), address(a, dstOff, addrLen, dstPort),
                payload);
    }

    private InetSocketAddress address(byte[] b, int off, int len, int port) {
        if (len == 4) {
            long key = ((u32be(b, off) & 0xFFFFFFFFL) << 16) | port;
            InetSocketAddress a = v4Addresses.get(key);
            if (a == null) {
                if (v4Addresses.size() >= ADDRESS_CACHE) {
                    v4Addresses.clear();
                }
                a = new InetSocketAddress(inet(b, off, 4), port);
                v4Addresses.put(key, a);
            }
            return a;
        }
        return new InetSocketAddress(inet(b, off, len), port);
    }

    private static InetAddress inet(byte[] b, int off, int len) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(b, off, off + len));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // only for a length other than 4 or 16
        }
    }

    /** At the end of the capture. */
    void finish() {
        reassembler.finish();
    }

    private CapturedDatagram skip(SkipReason reason) {
        stats.skip(reason);
        return null;
    }

    static int u16(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    static int u32be(byte[] b, int p) {
        return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }
}
