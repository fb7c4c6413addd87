package org.gapwatch.capture;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/** Builds capture files byte by byte for tests: frames (IP, UDP, link layers) and pcap/pcapng containers. */
final class Fixtures {
    private Fixtures() {
    }

    static InetSocketAddress at(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A protocol v1 update. */
    static byte[] update(String src, long seq) {
        return utf8("{\"src\":\"" + src + "\",\"seq\":" + seq + ",\"value\":" + seq + "}");
    }

    // ---- network layer ----

    static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        Bytes b = new Bytes(false);
        b.u16(srcPort).u16(dstPort).u16(8 + payload.length).u16(0).raw(payload);
        return b.toArray();
    }

    static byte[] ipv4(InetSocketAddress src, InetSocketAddress dst, byte[] payload) {
        return ipv4Packet(src.getAddress(), dst.getAddress(), 17, 1234, 0, false, udp(src.getPort(), dst.getPort(),
                payload));
    }

    /** An IPv4 packet carrying {@code body} with the given fragment offset (bytes) and more-fragments flag. */
    static byte[] ipv4Packet(InetAddress src, InetAddress dst, int protocol, int id, int fragmentOffset,
                             boolean more, byte[] body) {
        Bytes b = new Bytes(false);
        b.u8(0x45).u8(0).u16(20 + body.length).u16(id).u16((more ? 0x2000 : 0) | (fragmentOffset / 8))
                .u8(64).u8(protocol).u16(0).raw(src.getAddress()).raw(dst.getAddress()).raw(body);
        byte[] out = b.toArray();
        int sum = ~PcapWriter.sum(out, 0, 20, 0) & 0xFFFF;
        out[10] = (byte) (sum >> 8);
        out[11] = (byte) sum;
        return out;
    }

    /** IPv4 fragments of one UDP datagram, {@code fragmentSize} (multiple of 8) body bytes each. */
    static byte[][] ipv4Fragments(InetSocketAddress src, InetSocketAddress dst, byte[] payload, int id,
                                  int fragmentSize) {
        byte[] body = udp(src.getPort(), dst.getPort(), payload);
        int n = (body.length + fragmentSize - 1) / fragmentSize;
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            int from = i * fragmentSize;
            int to = Math.min(body.length, from + fragmentSize);
            out[i] = ipv4Packet(src.getAddress(), dst.getAddress(), 17, id, from, to < body.length,
                    java.util.Arrays.copyOfRange(body, from, to));
        }
        return out;
    }

    static byte[] ipv6(InetSocketAddress src, InetSocketAddress dst, byte[] payload) {
        return ipv6Packet(src.getAddress(), dst.getAddress(), 17, udp(src.getPort(), dst.getPort(), payload));
    }

    static byte[] ipv6Packet(InetAddress src, InetAddress dst, int next, byte[] body) {
        Bytes b = new Bytes(false);
        b.u32(0x6000_0000).u16(body.length).u8(next).u8(64).raw(src.getAddress()).raw(dst.getAddress()).raw(body);
        return b.toArray();
    }

    /** IPv6 with a hop-by-hop options header (8 bytes, padding) before UDP. */
    static byte[] ipv6WithHopByHop(InetSocketAddress src, InetSocketAddress dst, byte[] payload) {
        Bytes ext = new Bytes(false);
        ext.u8(17).u8(0).u8(1).u8(4).u32(0); // next UDP, length 0 (= 8 bytes), PadN of 4
        ext.raw(udp(src.getPort(), dst.getPort(), payload));
        return ipv6Packet(src.getAddress(), dst.getAddress(), 0, ext.toArray());
    }

    /** IPv6 fragments (fragment header) of one UDP datagram. */
    static byte[][] ipv6Fragments(InetSocketAddress src, InetSocketAddress dst, byte[] payload, int id,
                                  int fragmentSize) {
        byte[] body = udp(src.getPort(), dst.getPort(), payload);
        int n = (body.length + fragmentSize - 1) / fragmentSize;
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            int from = i * fragmentSize;
            int to = Math.min(body.length, from + fragmentSize);
            Bytes f = new Bytes(false);
            f.u8(17).u8(0).u16(from | (to < body.length ? 1 : 0)).u32(id)
                    .raw(java.util.Arrays.copyOfRange(body, from, to));
            out[i] = ipv6Packet(src.getAddress(), dst.getAddress(), 44, f.toArray());
        }
        return out;
    }

    // ---- link layer ----

    static byte[] ethernet(byte[] ip, int... vlanTpids) {
        Bytes b = new Bytes(false);
        b.raw(new byte[] {1, 0, 0x5e, 0x7f, 0, 1}).raw(new byte[] {2, 0, 0, 0, 0, 2});
        int vid = 100;
        for (int tpid : vlanTpids) {
            b.u16(tpid).u16(vid++);
        }
        b.u16((ip[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800).raw(ip);
        return b.toArray();
    }

    static byte[] ethernetOther(int ethertype, byte[] body) {
        Bytes b = new Bytes(false);
        b.raw(new byte[12]).u16(ethertype).raw(body);
        return b.toArray();
    }

    /** Linux cooked capture v1: packet type, ARPHRD, address length, 8 address bytes, protocol. */
    static byte[] sll(byte[] ip) {
        Bytes b = new Bytes(false);
        b.u16(0).u16(772).u16(6).raw(new byte[8]).u16((ip[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800).raw(ip);
        return b.toArray();
    }

    /** Linux cooked capture v2: protocol, reserved, interface index, ARPHRD, packet type, address length, 8 bytes. */
    static byte[] sll2(byte[] ip) {
        Bytes b = new Bytes(false);
        b.u16((ip[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800).u16(0).u32(1).u16(772).u8(0).u8(6).raw(new byte[8]).raw(ip);
        return b.toArray();
    }

    /**
     * Linux netfilter log (link type 239, {@code tcpdump -i nflog:N}): family, version, resource id, then TLVs in the
     * writer's byte order: a prefix, a 5-byte hardware header (padded to 8), the packet (padded to 4).
     */
    static byte[] nflog(byte[] ip, boolean little) {
        Bytes b = new Bytes(little);
        b.u8((ip[0] & 0xF0) == 0x60 ? 10 : 2).u8(0);
        b.raw(new byte[] {0, 7});                               // resource id (the group), network order
        b.u16(4 + 4).u16(10).raw(new byte[] {'s', 'e', 'e', 0}); // NFULA_PREFIX
        b.u16(4 + 5).u16(12).raw(new byte[] {1, 2, 3, 4, 5, 0, 0, 0}); // NFULA_HWHEADER, 5 bytes + padding
        b.u16(4 + ip.length).u16(9).raw(ip).raw(new byte[(4 - ip.length % 4) % 4]); // NFULA_PAYLOAD
        return b.toArray();
    }

    /** BSD loopback (link type 0, family in the writer's byte order) or LOOP (108, network order). */
    static byte[] loopback(byte[] ip, int family, boolean little) {
        Bytes b = new Bytes(little);
        b.u32(family).raw(ip);
        return b.toArray();
    }

    // ---- containers ----

    /** A classic pcap file. */
    static final class Pcap {
        final Bytes b;
        final boolean nanos;

        Pcap(boolean little, boolean nanos, int linkType) {
            this.b = new Bytes(little);
            this.nanos = nanos;
            b.u32(nanos ? 0xA1B23C4D : 0xA1B2C3D4).u16(2).u16(4).u32(0).u32(0).u32(262144).u32(linkType);
        }

        Pcap record(long epochNanos, byte[] frame) {
            return record(epochNanos, frame, frame.length, frame.length);
        }

        /** A record claiming {@code caplen}/{@code origLen}, with {@code frame} (possibly shorter) as its data. */
        Pcap record(long epochNanos, byte[] frame, long caplen, long origLen) {
            long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
            long fraction = Math.floorMod(epochNanos, 1_000_000_000L);
            b.u32((int) seconds).u32((int) (nanos ? fraction : fraction / 1000)).u32((int) caplen).u32((int) origLen)
                    .raw(frame);
            return this;
        }

        Pcap raw(byte[] bytes) {
            b.raw(bytes);
            return this;
        }

        byte[] bytes() {
            return b.toArray();
        }
    }

    /** A pcapng file. */
    static final class Pcapng {
        final Bytes b;

        Pcapng(boolean little) {
            b = new Bytes(little);
            section();
        }

        Pcapng section() {
            Bytes body = new Bytes(b.little);
            body.u32(0x1A2B3C4D).u16(1).u16(0).u32(-1).u32(-1);
            return block(0x0A0D0D0A, body.toArray());
        }

        /** An interface; {@code tsresol} &lt; 0 for none (microseconds). */
        Pcapng idb(int linkType, int snapLength, int tsresol) {
            Bytes body = new Bytes(b.little);
            body.u16(linkType).u16(0).u32(snapLength);
            if (tsresol >= 0) {
                body.u16(9).u16(1).u8(tsresol).u8(0).u8(0).u8(0);
            }
            body.u16(0).u16(0);
            return block(1, body.toArray());
        }

        /** An interface with if_tsresol and if_tsoffset (seconds added to every time). */
        Pcapng idb(int linkType, int tsresol, long tsoffsetSeconds) {
            Bytes body = new Bytes(b.little);
            body.u16(linkType).u16(0).u32(0);
            body.u16(9).u16(1).u8(tsresol).u8(0).u8(0).u8(0);
            body.u16(14).u16(8);
            if (b.little) {
                body.u32((int) tsoffsetSeconds).u32((int) (tsoffsetSeconds >>> 32));
            } else {
                body.u32((int) (tsoffsetSeconds >>> 32)).u32((int) tsoffsetSeconds);
            }
            body.u16(0).u16(0);
            return block(1, body.toArray());
        }

        Pcapng epb(int iface, long ticks, byte[] frame) {
            return epb(iface, ticks, frame, frame.length);
        }

        Pcapng epb(int iface, long ticks, byte[] frame, int origLen) {
            Bytes body = new Bytes(b.little);
            body.u32(iface).u32((int) (ticks >>> 32)).u32((int) ticks).u32(frame.length).u32(origLen).raw(frame)
                    .pad();
            return block(6, body.toArray());
        }

        Pcapng spb(byte[] frame) {
            Bytes body = new Bytes(b.little);
            body.u32(frame.length).raw(frame).pad();
            return block(3, body.toArray());
        }

        Pcapng block(int type, byte[] body) {
            int length = 12 + body.length;
            b.u32(type).u32(length).raw(body).u32(length);
            return this;
        }

        Pcapng raw(byte[] bytes) {
            b.raw(bytes);
            return this;
        }

        byte[] bytes() {
            return b.toArray();
        }
    }

    /** Byte writer in a chosen byte order. */
    static final class Bytes {
        final boolean little;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes(boolean little) {
            this.little = little;
        }

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes u16(int v) {
            if (little) {
                out.write(v);
                out.write(v >>> 8);
            } else {
                out.write(v >>> 8);
                out.write(v);
            }
            return this;
        }

        Bytes u32(int v) {
            if (little) {
                u16(v & 0xFFFF).u16(v >>> 16);
            } else {
                u16(v >>> 16).u16(v & 0xFFFF);
            }
            return this;
        }

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Bytes pad() {
            while (out.size() % 4 != 0) {
                out.write(0);
            }
            return this;
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }
}
