package org.gapwatch.capture;

import static org.gapwatch.capture.Fixtures.at;
import static org.gapwatch.capture.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gapwatch.net.GroupSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaptureReaderTest {
    static final InetSocketAddress SRC = at("10.1.2.3", 40000);
    static final InetSocketAddress DST = at("239.255.1.1", 5000);
    static final InetSocketAddress SRC6 = at("fd00::1", 40001);
    static final InetSocketAddress DST6 = at("ff15::1:2", 5001);
    static final long T0 = 1_780_000_000_123_456_789L;
    static final byte[] PAYLOAD = utf8("{\"src\":\"a/b\",\"seq\":7,\"value\":1}");

    @TempDir
    Path dir;

    record Result(List<CapturedDatagram> datagrams, CaptureStats stats, String format) {
    }

    Result read(byte[] file) throws IOException {
        return read(file, CaptureFilter.multicast());
    }

    Result read(byte[] file, CaptureFilter filter) throws IOException {
        Path p = Files.createTempFile(dir, "cap", ".pcap");
        Files.write(p, file);
        List<CapturedDatagram> out = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(p, filter)) {
            CapturedDatagram d;
            while ((d = r.next()) != null) {
                out.add(d);
            }
            assertNull(r.next());
            return new Result(out, r.stats(), r.format());
        }
    }

    static void assertDatagram(CapturedDatagram d, long nanos, InetSocketAddress src, InetSocketAddress dst,
                               byte[] payload) {
        assertEquals(nanos, d.arrivalEpochNanos());
        assertEquals(src, d.sender());
        assertEquals(dst, d.destination());
        assertArrayEquals(payload, d.payload());
    }

    @ParameterizedTest
    @CsvSource({"true,true", "true,false", "false,true", "false,false"})
    void pcapBothByteOrdersMicroAndNanoseconds(boolean little, boolean nanos) throws IOException {
        byte[] file = new Fixtures.Pcap(little, nanos, 1)
                .record(T0, Fixtures.ethernet(Fixtures.ipv4(SRC, DST, PAYLOAD)))
                .record(T0 + 1_000_000_000L, Fixtures.ethernet(Fixtures.ipv6(SRC6, DST6, PAYLOAD)))
                .bytes();
        Result r = read(file);
        long expected = nanos ? T0 : T0 / 1000 * 1000;
        assertEquals(2, r.datagrams().size());
        assertDatagram(r.datagrams().get(0), expected, SRC, DST, PAYLOAD);
        assertDatagram(r.datagrams().get(1), expected + 1_000_000_000L, SRC6, DST6, PAYLOAD);
        assertEquals(2, r.stats().records());
        assertEquals("pcap (" + (little ? "little" : "big") + "-endian, " + (nanos ? "nano" : "micro")
                + "seconds, Ethernet)", r.format());
    }

    @Test
    void ethernetWithVlanAndQinQTags() throws IOException {
        byte[] file = new Fixtures.Pcap(true, true, 1)
                .record(T0, Fixtures.ethernet(Fixtures.ipv4(SRC, DST, PAYLOAD), 0x8100))
                .record(T0 + 1, Fixtures.ethernet(Fixtures.ipv6(SRC6, DST6, PAYLOAD), 0x88A8, 0x8100))
                .record(T0 + 2, Fixtures.ethernetOther(0x0806, new byte[28]))
                .bytes();
        Result r = read(file);
        assertEquals(2, r.datagrams().size());
        assertDatagram(r.datagrams().get(0), T0, SRC, DST, PAYLOAD);
        assertDatagram(r.datagrams().get(1), T0 + 1, SRC6, DST6, PAYLOAD);
        assertEquals(1, r.stats().skipped(SkipReason.NOT_IP));
    }

    @Test
    void linuxCookedV1AndV2() throws IOException {
        Result v1 = read(new Fixtures.Pcap(true, false, 113)
                .record(T0, Fixtures.sll(Fixtures.ipv4(SRC, DST, PAYLOAD)))
                .record(T0, Fixtures.sll(Fixtures.ipv6(SRC6, DST6, PAYLOAD))).bytes());
        Result v2 = read(new Fixtures.Pcap(true, false, 276)
                .record(T0, Fixtures.sll2(Fixtures.ipv4(SRC, DST, PAYLOAD)))
                .record(T0, Fixtures.sll2(Fixtures.ipv6(SRC6, DST6, PAYLOAD))).bytes());
        for (Result r : List.of(v1, v2)) {
            assertEquals(2, r.datagrams().size());
            assertDatagram(r.datagrams().get(0), T0 / 1000 * 1000, SRC, DST, PAYLOAD);
            assertDatagram(r.datagrams().get(1), T0 / 1000 * 1000, SRC6, DST6, PAYLOAD);
        }
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void netfilterLogInEitherByteOrder(boolean little) throws IOException {
        byte[] odd = Arrays.copyOf(PAYLOAD, PAYLOAD.length + 1); // a packet whose length needs padding
        Result r = read(new Fixtures.Pcap(little, false, 239)
                .record(T0, Fixtures.nflog(Fixtures.ipv4(SRC, DST, odd), little))
                .record(T0, Fixtures.nflog(Fixtures.ipv6(SRC6, DST6, PAYLOAD), little))
                .record(T0, new byte[] {2, 0, 0, 7, 8, 0, 10, 0, 's', 'e', 'e', 0}).bytes()); // no payload TLV
        assertEquals(2, r.datagrams().size());
        assertDatagram(r.datagrams().get(0), T0 / 1000 * 1000, SRC, DST, odd);
        assertDatagram(r.datagrams().get(1), T0 / 1000 * 1000, SRC6, DST6, PAYLOAD);
        assertEquals(1, r.stats().skipped(SkipReason.NOT_IP));
    }

    @ParameterizedTest
    @CsvSource({"101", "12", "14", "228"})
    void rawIp(int linkType) throws IOException {
        Fixtures.Pcap pcap = new Fixtures.Pcap(false, true, linkType).record(T0, Fixtures.ipv4(SRC, DST, PAYLOAD));
        if (linkType != 228) {
            pcap.record(T0 + 5, Fixtures.ipv6(SRC6, DST6, PAYLOAD));
        }
        Result r = read(pcap.bytes());
        assertEquals(linkType == 228 ? 1 : 2, r.datagrams().size());
        assertDatagram(r.datagrams().get(0), T0, SRC, DST, PAYLOAD);
    }

    @Test
    void bsdLoopbackInEitherHostOrderAndLoop() throws IOException {
        Result nullLink = read(new Fixtures.Pcap(true, true, 0)
                .record(T0, Fixtures.loopback(Fixtures.ipv4(SRC, DST, PAYLOAD), 2, true))
                .record(T0 + 1, Fixtures.loopback(Fixtures.ipv6(SRC6, DST6, PAYLOAD), 30, false)) // macOS, BE host
                .record(T0 + 2, Fixtures.loopback(Fixtures.ipv6(SRC6, DST6, PAYLOAD), 24, true))
                .bytes());
        assertEquals(3, nullLink.datagrams().size());
        assertDatagram(nullLink.datagrams().get(0), T0, SRC, DST, PAYLOAD);
        assertDatagram(nullLink.datagrams().get(2), T0 + 2, SRC6, DST6, PAYLOAD);
        Result loop = read(new Fixtures.Pcap(true, true, 108)
                .record(T0, Fixtures.loopback(Fixtures.ipv4(SRC, DST, PAYLOAD), 2, false)).bytes());
        assertDatagram(loop.datagrams().getFirst(), T0, SRC, DST, PAYLOAD);
    }

    @Test
    void ipv6ExtensionHeaderSkipped() throws IOException {
        Result r = read(new Fixtures.Pcap(true, true, 101).record(T0, Fixtures.ipv6WithHopByHop(SRC6, DST6, PAYLOAD))
                .bytes());
        assertEquals(1, r.datagrams().size());
        assertDatagram(r.datagrams().getFirst(), T0, SRC6, DST6, PAYLOAD);
    }

    @Test
    void fragmentedIpv4ReassembledInAnyOrder() throws IOException {
        byte[] big = new byte[3000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        byte[][] f = Fixtures.ipv4Fragments(SRC, DST, big, 77, 1480);
        assertEquals(3, f.length);
        byte[][] g = Fixtures.ipv4Fragments(SRC, DST, PAYLOAD, 78, 16);
        byte[] file = new Fixtures.Pcap(true, true, 101)
                .record(T0, f[2]).record(T0 + 1, g[0]).record(T0 + 2, f[0]).record(T0 + 3, g[1])
                .record(T0 + 4, f[1])
                .record(T0 + 5, Fixtures.ipv4Fragments(SRC, DST, big, 79, 1480)[0]) // never completed
                .bytes();
        Result r = read(file);
        assertEquals(1, r.datagrams().size());
        assertDatagram(r.datagrams().getFirst(), T0 + 4, SRC, DST, big);
        // Datagram 78 lost fragments after the first two; 79 has only its first.
        assertEquals(2, r.stats().skipped(SkipReason.FRAGMENTS_INCOMPLETE));
    }

    @Test
    void fragmentsOlderThanTheTimeoutAreDropped() throws IOException {
        byte[][] f = Fixtures.ipv4Fragments(SRC, DST, new byte[100], 5, 64);
        Result r = read(new Fixtures.Pcap(true, true, 101).record(T0, f[0]).record(T0 + 31_000_000_000L, f[1])
                .bytes());
        assertEquals(0, r.datagrams().size());
        assertEquals(2, r.stats().skipped(SkipReason.FRAGMENTS_INCOMPLETE));
    }

    @Test
    void fragmentedIpv6Reassembled() throws IOException {
        byte[] big = new byte[2000];
        big[1999] = 42;
        byte[][] f = Fixtures.ipv6Fragments(SRC6, DST6, big, 0x01020304, 1232);
        Result r = read(new Fixtures.Pcap(true, true, 101).record(T0, f[1]).record(T0 + 9, f[0]).bytes());
        assertEquals(1, r.datagrams().size());
        assertDatagram(r.datagrams().getFirst(), T0 + 9, SRC6, DST6, big);
    }

    @Test
    void snapLengthTruncatedPacketsAreCountedAndSkipped() throws IOException {
        byte[] frame = Fixtures.ethernet(Fixtures.ipv4(SRC, DST, PAYLOAD));
        byte[] cut = java.util.Arrays.copyOf(frame, 40);
        byte[] file = new Fixtures.Pcap(true, true, 1)
                .record(T0, cut, cut.length, frame.length)
                .record(T0 + 1, frame)
                .bytes();
        Result r = read(file);
        assertEquals(1, r.datagrams().size());
        assertEquals(T0 + 1, r.datagrams().getFirst().arrivalEpochNanos());
        assertEquals(1, r.stats().skipped(SkipReason.SNAPLEN_TRUNCATED));
        assertTrue(r.stats().problemLines().getFirst().startsWith("skipped 1 snaplen-truncated"));
    }

    @Test
    void truncatedFileKeepsWhatCameBefore() throws IOException {
        byte[] whole = new Fixtures.Pcap(true, true, 101)
                .record(T0, Fixtures.ipv4(SRC, DST, PAYLOAD)).record(T0 + 1, Fixtures.ipv4(SRC, DST, PAYLOAD))
                .bytes();
        Result r = read(java.util.Arrays.copyOf(whole, whole.length - 5));
        assertEquals(1, r.datagrams().size());
        assertTrue(r.stats().truncation().contains("truncated capture"), r.stats().truncation());
        Result header = read(java.util.Arrays.copyOf(whole, 24 + 10));
        assertEquals(0, header.datagrams().size());
        assertTrue(header.stats().truncation().contains("record header"));
    }

    @Test
    void wrongMagicIsAOneLineError() throws IOException {
        Path p = dir.resolve("notes.txt");
        Files.writeString(p, "hello, this is not a capture\n");
        CaptureFormatException e = assertThrows(CaptureFormatException.class,
                () -> CaptureReader.open(p, CaptureFilter.multicast()));
        assertEquals(p + " is not a pcap or pcapng capture (starts with 0x68656c6c)", e.getMessage());
        Path empty = dir.resolve("empty.pcap");
        Files.write(empty, new byte[0]);
        assertThrows(CaptureFormatException.class, () -> CaptureReader.open(empty, CaptureFilter.multicast()));
        Path header = dir.resolve("short.pcap");
        Files.write(header, new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0});
        assertTrue(assertThrows(CaptureFormatException.class,
                () -> CaptureReader.open(header, CaptureFilter.multicast())).getMessage().contains("cut short"));
    }

    @Test
    void absurdRecordLengthDoesNotAllocateAndReadingGoesOnAtTheNextRecord() throws IOException {
        byte[] file = new Fixtures.Pcap(true, true, 101)
                .record(T0, Fixtures.ipv4(SRC, DST, PAYLOAD))
                .record(T0, new byte[64], 0xFFFFFFF0L, 0xFFFFFFF0L)
                .record(T0 + 1, Fixtures.ipv4(SRC, DST, PAYLOAD))
                .record(T0 + 2, Fixtures.ipv4(SRC, DST, PAYLOAD))
                .bytes();
        Result r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> read(file));
        assertEquals(List.of(T0, T0 + 1, T0 + 2),
                r.datagrams().stream().map(CapturedDatagram::arrivalEpochNanos).toList());
        assertEquals(1, r.stats().skipped(SkipReason.BAD_RECORD));
        assertEquals(1, r.stats().skipped(SkipReason.GARBAGE));
        assertNull(r.stats().truncation());
        Result last = read(java.util.Arrays.copyOf(file, file.length - 2 * (16 + 20 + 8 + PAYLOAD.length)));
        assertEquals(1, last.datagrams().size());
        assertEquals(1, last.stats().skipped(SkipReason.BAD_RECORD));
    }

    @Test
    void recordWithCaptureLengthOverItsOriginalLengthIsDamageAndSwallowsNothing() throws IOException {
        // 2,000 updates of one source, 10 ms apart; record 500 claims 65,696 captured bytes of a 160-byte packet
        // (its data is its own 80 or so bytes): read as a whole, it would swallow the next 800 records.
        Fixtures.Pcap f = new Fixtures.Pcap(true, false, 101);
        for (int i = 0; i < 2000; i++) {
            byte[] ip = Fixtures.ipv4(SRC, DST, Fixtures.update("plant/pump", i));
            long t = T0 / 1000 * 1000 + i * 10_000_000L;
            if (i == 500) {
                f.record(t, ip, 65_696, 160);
            } else {
                f.record(t, ip);
            }
        }
        Path p = Files.createTempFile(dir, "cap", ".pcap");
        Files.write(p, f.bytes());
        org.gapwatch.cli.AnalyzeCommand.Result r = org.gapwatch.cli.AnalyzeCommand.analyze(p,
                CaptureFilter.multicast(), org.gapwatch.track.TrackerConfig.defaults());
        assertEquals(1999, r.datagrams());
        org.gapwatch.track.SourceView pump = r.snapshot().sources().getFirst();
        assertEquals(1999, pump.received());
        assertEquals(1, pump.lost());
        assertEquals(List.of("skipped 1 bad-record: records with an impossible length",
                "skipped 1 garbage: stretches of bytes that are no record or block, skipped to the next one"),
                r.problems());
    }

    @Test
    void longRecordsUpToTheLimitAreRead() throws IOException {
        byte[] ip = Fixtures.ipv4(SRC, DST, PAYLOAD);
        byte[] padded = java.util.Arrays.copyOf(ip, 900_000); // trailing bytes after the IP packet are ignored
        Result r = read(new Fixtures.Pcap(true, true, 101).record(T0, ip).record(T0 + 1, padded)
                .record(T0 + 2, ip).bytes());
        assertEquals(List.of(T0, T0 + 1, T0 + 2),
                r.datagrams().stream().map(CapturedDatagram::arrivalEpochNanos).toList());
    }

    @Test
    void recordsOfExactlyTheLimitAreReadOnTheMainAndTheResyncPath() throws IOException {
        byte[] ip = Fixtures.ipv4(SRC, DST, PAYLOAD);
        byte[] max = java.util.Arrays.copyOf(ip, ByteSource.MAX_RECORD); // 1,048,576 bytes of packet data
        Result r = read(new Fixtures.Pcap(true, true, 101).record(T0, ip).record(T0 + 1, max)
                .record(T0 + 2, new byte[64], 0xFFFFFFF0L, 0xFFFFFFF0L) // resync from here...
                .record(T0 + 3, max)                                   // ...onto a record of the limit
                .record(T0 + 4, ip).bytes());
        assertEquals(List.of(T0, T0 + 1, T0 + 3, T0 + 4),
                r.datagrams().stream().map(CapturedDatagram::arrivalEpochNanos).toList());
        assertEquals(1, r.stats().skipped(SkipReason.BAD_RECORD));
        assertNull(r.stats().truncation());
        byte[] over = java.util.Arrays.copyOf(ip, ByteSource.MAX_RECORD + 1);
        Result refused = read(new Fixtures.Pcap(true, true, 101).record(T0, ip).record(T0 + 1, over)
                .record(T0 + 2, ip).bytes());
        assertEquals(List.of(T0, T0 + 2),
                refused.datagrams().stream().map(CapturedDatagram::arrivalEpochNanos).toList());
        assertEquals(1, refused.stats().skipped(SkipReason.BAD_RECORD));
    }

    @Test
    void pcapngBlockWithPacketDataOfTheLimitIsRead() throws IOException {
        byte[] ip = Fixtures.ipv4(SRC, DST, PAYLOAD);
        byte[] max = java.util.Arrays.copyOf(ip, ByteSource.MAX_RECORD);
        Result r = read(new Fixtures.Pcapng(true).idb(101, 0, 9).epb(0, T0, max).epb(0, T0 + 1, ip).bytes());
        assertEquals(List.of(T0, T0 + 1), r.datagrams().stream().map(CapturedDatagram::arrivalEpochNanos).toList());
        assertEquals(Map.of(), r.stats().skippedByReason());
    }

    @Test
    void unknownLinkTypeIsCounted() throws IOException {
        Result r = read(new Fixtures.Pcap(true, true, 147).record(T0, new byte[50]).record(T0, new byte[50])
                .bytes());
        assertEquals(0, r.datagrams().size());
        assertEquals(2, r.stats().skipped(SkipReason.UNKNOWN_LINKTYPE));
        assertEquals(List.of("skipped 2 unknown-linktype: packets of a link type this reader does not know [147]"),
                r.stats().problemLines());
    }

    @Test
    void filterKeepsChosenGroupsAndPortsDefaultMulticast() throws IOException {
        InetSocketAddress unicast = at("10.9.9.9", 5000);
        InetSocketAddress other = at("239.255.1.2", 6000);
        byte[] file = new Fixtures.Pcap(true, true, 101)
                .record(T0, Fixtures.ipv4(SRC, DST, PAYLOAD))
                .record(T0 + 1, Fixtures.ipv4(SRC, unicast, PAYLOAD))
                .record(T0 + 2, Fixtures.ipv4(SRC, other, PAYLOAD))
                .record(T0 + 3, Fixtures.ipv4Packet(SRC.getAddress(), DST.getAddress(), 6, 1, 0, false,
                        new byte[20]))
                .bytes();
        Result all = read(file);
        assertEquals(2, all.datagrams().size());
        assertEquals(1, all.stats().skipped(SkipReason.FILTERED));
        assertEquals(1, all.stats().skipped(SkipReason.NOT_UDP));
        Result group = read(file, CaptureFilter.of(List.of(GroupSpec.parse("239.255.1.2:6000")), List.of()));
        assertEquals(List.of(other), group.datagrams().stream().map(CapturedDatagram::destination).toList());
        Result ssm = read(file, CaptureFilter.of(List.of(GroupSpec.parse("239.255.1.1:5000@10.1.2.4")), List.of()));
        assertEquals(0, ssm.datagrams().size());
        Result port = read(file, CaptureFilter.of(List.of(), List.of(5000)));
        assertEquals(List.of(DST, unicast), port.datagrams().stream().map(CapturedDatagram::destination).toList());
    }

    // ---- pcapng ----

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void pcapngSeveralInterfacesResolutionsAndBlockTypes(boolean little) throws IOException {
        byte[] file = new Fixtures.Pcapng(little)
                .idb(1, 262144, -1)            // 0: Ethernet, microseconds
                .idb(113, 262144, 9)           // 1: SLL, nanoseconds
                .idb(101, 0, 0x80 | 20)        // 2: raw IP, 2^-20 s
                .block(0x0BAD0BAD & 0x7FFFFFFF, new byte[8]) // some block we do not know
                .epb(0, T0 / 1000, Fixtures.ethernet(Fixtures.ipv4(SRC, DST, PAYLOAD)))
                .epb(1, T0, Fixtures.sll(Fixtures.ipv6(SRC6, DST6, PAYLOAD)))
                .epb(2, (T0 / 1_000_000_000L << 20) | (1 << 19), Fixtures.ipv4(SRC, DST, PAYLOAD))
                .spb(Fixtures.ethernet(Fixtures.ipv4(SRC, DST, PAYLOAD)))
                .epb(3, T0, Fixtures.ipv4(SRC, DST, PAYLOAD)) // no such interface
                .bytes();
        Result r = read(file);
        assertEquals("pcapng (" + (little ? "little" : "big") + "-endian)", r.format());
        assertEquals(4, r.datagrams().size());
        assertDatagram(r.datagrams().get(0), T0 / 1000 * 1000, SRC, DST, PAYLOAD);
        assertDatagram(r.datagrams().get(1), T0, SRC6, DST6, PAYLOAD);
        long half = T0 / 1_000_000_000L * 1_000_000_000L + 500_000_000L;
        assertDatagram(r.datagrams().get(2), half, SRC, DST, PAYLOAD);
        assertDatagram(r.datagrams().get(3), half, SRC, DST, PAYLOAD); // simple packet: time of the one before
        assertEquals(1, r.stats().skipped(SkipReason.UNKNOWN_INTERFACE));
        assertEquals(1, r.stats().skipped(SkipReason.UNKNOWN_BLOCK));
    }

    @Test
    void pcapngNewSectionOfOtherByteOrder() throws IOException {
        byte[] first = new Fixtures.Pcapng(true).idb(101, 0, 9).epb(0, T0, Fixtures.ipv4(SRC, DST, PAYLOAD)).bytes();
        byte[] second = new Fixtures.Pcapng(false).idb(1, 0, 9)
                .epb(0, T0 + 1, Fixtures.ethernet(Fixtures.ipv4(SRC, DST, PAYLOAD))).bytes();
        Result r = read(concat(first, second));
        assertEquals(2, r.datagrams().size());
        assertEquals(T0 + 1, r.datagrams().get(1).arrivalEpochNanos());
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void pcapngTimeOffsetOption(boolean little) throws IOException {
        long offset = 1_700_000_000L;
        Result r = read(new Fixtures.Pcapng(little).idb(101, 3, offset) // milliseconds since the offset
                .epb(0, 1234, Fixtures.ipv4(SRC, DST, PAYLOAD)).bytes());
        assertEquals((offset + 1) * 1_000_000_000L + 234_000_000L, r.datagrams().getFirst().arrivalEpochNanos());
    }

    @Test
    void modifiedPcapWithLongerRecordHeaders() throws IOException {
        byte[] ip = Fixtures.ipv4(SRC, DST, PAYLOAD);
        Fixtures.Bytes b = new Fixtures.Bytes(true);
        b.u32(0xA1B2CD34).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(101);
        for (int i = 0; i < 2; i++) {
            b.u32(1_780_000_000 + i).u32(250_000).u32(ip.length).u32(ip.length)
                    .u32(7).u16(1).u8(0).u8(0).raw(ip); // ifindex, protocol, packet type, padding
        }
        Result r = read(b.toArray());
        assertEquals(List.of(1_780_000_000_250_000_000L, 1_780_000_001_250_000_000L),
                r.datagrams().stream().map(CapturedDatagram::arrivalEpochNanos).toList());
        assertEquals("pcap (little-endian, microseconds, modified pcap, raw IP)", r.format());
    }

    @Test
    void garbageBetweenBlocksIsSkipped() throws IOException {
        byte[] file = new Fixtures.Pcapng(true).idb(101, 0, 9)
                .epb(0, T0, Fixtures.ipv4(SRC, DST, PAYLOAD))
                .raw(utf8("GARBAGE! 0123456789 \u0001\u0000\u0000\u0000\u00ff\u00ff\u00ff\u00ff x"))
                .epb(0, T0 + 1, Fixtures.ipv4(SRC, DST, PAYLOAD))
                .raw(new byte[] {6, 0, 0, 0, (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0})
                .epb(0, T0 + 2, Fixtures.ipv4(SRC, DST, PAYLOAD))
                .bytes();
        Result r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> read(file));
        assertEquals(List.of(T0, T0 + 1, T0 + 2),
                r.datagrams().stream().map(CapturedDatagram::arrivalEpochNanos).toList());
        assertEquals(2, r.stats().skipped(SkipReason.GARBAGE));
    }

    /** 500 datagrams, {@code junk}, 500 datagrams (pcapng: the second half a big-endian section). */
    static byte[] junkBetween(boolean pcapng, byte[] junk) {
        byte[][] halves = new byte[2][];
        for (int half = 0; half < 2; half++) {
            Fixtures.Pcapng ng = new Fixtures.Pcapng(half == 0).idb(101, 0, 9);
            Fixtures.Pcap pcap = new Fixtures.Pcap(true, true, 101);
            for (int i = 0; i < 500; i++) {
                byte[] ip = Fixtures.ipv4(SRC, DST, PAYLOAD);
                ng.epb(0, T0 + half * 500 + i, ip);
                pcap.record(T0 + half * 500 + i, ip);
            }
            byte[] b = pcapng ? ng.bytes() : pcap.bytes();
            halves[half] = half == 1 && !pcapng ? java.util.Arrays.copyOfRange(b, 24, b.length) : b;
        }
        return concat(concat(halves[0], junk), halves[1]);
    }

    /** Seeded random bytes, with a start no record header can have and, every 10,000 bytes, a false block start. */
    static byte[] junk(int length) {
        byte[] junk = new byte[length];
        new java.util.Random(8).nextBytes(junk);
        java.util.Arrays.fill(junk, 0, 16, (byte) 0xFF);
        for (int at = 10_000; at + 12 <= length; at += 10_000) {
            // An enhanced packet block header of 64 bytes whose trailer does not match.
            System.arraycopy(new byte[] {6, 0, 0, 0, 64, 0, 0, 0}, 0, junk, at, 8);
        }
        return junk;
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void junkIsLookedThroughInBulkUpToTheNextRecord(boolean pcapng) throws IOException {
        // 4 MiB and 3 bytes: the next block starts across the boundary of the 64 KiB stretches looked through.
        byte[] file = junkBetween(pcapng, junk(4 * 1024 * 1024 + 3));
        Path p = Files.createTempFile(dir, "junk", ".cap");
        Files.write(p, file);
        List<Long> offsets = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(p, CaptureFilter.multicast())) {
            r.onRead((offset, size) -> {
                assertEquals(file.length, size);
                offsets.add(offset);
            });
            List<Long> times = new ArrayList<>();
            CapturedDatagram d;
            while ((d = r.next()) != null) {
                times.add(d.arrivalEpochNanos());
            }
            assertEquals(java.util.stream.LongStream.range(T0, T0 + 1000).boxed().toList(), times);
            assertEquals(pcapng ? Map.of("garbage", 1L) : Map.of("bad-record", 1L, "garbage", 1L),
                    r.stats().skippedByReason());
            // Byte by byte this was one step per junk byte (4 million); in bulk one per record or block, one for the
            // start of the junk, one per false block start (419 of them in pcapng) and one for the end.
            long blocks = pcapng ? 2 * (2 + 500) : 1000;
            assertEquals(blocks + 2 + (pcapng ? 419 : 0), r.steps());
        }
        assertEquals(file.length, offsets.getLast());
        assertTrue(offsets.size() > 10, offsets.toString());
        for (int i = 1; i < offsets.size(); i++) {
            assertTrue(offsets.get(i) > offsets.get(i - 1), offsets.toString());
        }
    }

    @Test
    void pcapngTruncatedBlockAndAbsurdCaptureLength() throws IOException {
        Fixtures.Pcapng ng = new Fixtures.Pcapng(true).idb(101, 0, 9).epb(0, T0, Fixtures.ipv4(SRC, DST, PAYLOAD));
        // An enhanced packet block whose captured length is larger than the block.
        Fixtures.Bytes body = new Fixtures.Bytes(true);
        body.u32(0).u32(0).u32(0).u32(0xFFFFFFF0).u32(0xFFFFFFF0).raw(new byte[8]);
        ng.block(6, body.toArray());
        byte[] whole = ng.epb(0, T0 + 3, Fixtures.ipv4(SRC, DST, PAYLOAD)).bytes();
        Result r = read(java.util.Arrays.copyOf(whole, whole.length - 7));
        assertEquals(1, r.datagrams().size());
        assertEquals(1, r.stats().skipped(SkipReason.BAD_RECORD));
        assertTrue(r.stats().truncation().contains("file ends inside a block"), r.stats().truncation());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
