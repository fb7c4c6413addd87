package org.gapwatch.capture;

import static org.gapwatch.capture.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gapwatch.testutil.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {
    @TempDir
    Path dir;

    record Sent(byte[] payload, InetSocketAddress sender, InetSocketAddress destination, long nanos) {
    }

    static List<CapturedDatagram> readAll(Path file) throws IOException {
        List<CapturedDatagram> out = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(file, CaptureFilter.multicast())) {
            CapturedDatagram d;
            while ((d = r.next()) != null) {
                out.add(d);
            }
            assertEquals(List.of(), r.stats().problemLines());
        }
        return out;
    }

    @Test
    void recordedFileReadsBackExactly() throws IOException {
        Random random = new Random(7);
        List<Sent> sent = new ArrayList<>();
        InetSocketAddress[][] pairs = {
                {at("10.0.0.5", 41000), at("239.255.1.1", 5000)},
                {at("127.0.0.1", 65535), at("239.255.200.7", 1)},
                {at("fd00::99", 40000), at("ff15::abcd", 5002)},
        };
        long t = 1_780_000_000_000_000_001L;
        for (int i = 0; i < 500; i++) {
            InetSocketAddress[] pair = pairs[i % pairs.length];
            byte[] payload = new byte[i == 0 ? 0 : random.nextInt(i % 50 == 0 ? 9000 : 300)];
            random.nextBytes(payload);
            t += random.nextInt(2_000_000) + 1;
            sent.add(new Sent(payload, pair[0], pair[1], t));
        }
        Path file = dir.resolve("rec.pcap");
        PcapWriter w = new PcapWriter(file, msg -> { throw new AssertionError(msg); });
        byte[] buf = new byte[10_000];
        for (Sent s : sent) {
            System.arraycopy(s.payload(), 0, buf, 3, s.payload().length);
            w.datagram(buf, 3, s.payload().length, s.sender(), s.destination(), s.nanos());
        }
        w.close();
        assertEquals(500, w.written());
        List<CapturedDatagram> back = readAll(file);
        assertEquals(sent.size(), back.size());
        for (int i = 0; i < sent.size(); i++) {
            Sent s = sent.get(i);
            CapturedDatagram d = back.get(i);
            assertArrayEquals(s.payload(), d.payload(), "payload " + i);
            assertEquals(s.sender(), d.sender());
            assertEquals(s.destination(), d.destination());
            assertEquals(s.nanos(), d.arrivalEpochNanos());
        }
    }

    @Test
    void headersAndChecksumsAreThoseOfOrdinaryUdp() throws IOException {
        Path file = dir.resolve("one.pcap");
        byte[] payload = Fixtures.utf8("{\"src\":\"x\",\"seq\":1}");
        try (PcapWriter w = new PcapWriter(file, msg -> { })) {
            w.datagram(payload, 0, payload.length, at("10.0.0.1", 1234), at("239.255.0.1", 5000), 1_000_000_000L);
        }
        byte[] b = Files.readAllBytes(file);
        // Global header: nanosecond magic (little-endian), version 2.4, raw IP.
        assertArrayEquals(new byte[] {0x4d, 0x3c, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0}, java.util.Arrays.copyOf(b, 8));
        assertEquals(101, b[20]);
        int ip = 24 + 16;
        assertEquals(24 + 16 + 20 + 8 + payload.length, b.length);
        assertEquals(0x45, b[ip]);
        assertEquals(20 + 8 + payload.length, PacketDecoder.u16(b, ip + 2));
        assertEquals(17, b[ip + 9]);
        assertEquals(0xFFFF, PcapWriter.sum(b, ip, 20, 0), "IPv4 header checksum");
        int udp = ip + 20;
        assertEquals(8 + payload.length, PacketDecoder.u16(b, udp + 4));
        long pseudo = PcapWriter.sum(b, ip + 12, 8, 0) + 17 + 8 + payload.length;
        assertEquals(0xFFFF, PcapWriter.sum(b, udp, 8 + payload.length, pseudo), "UDP checksum");
    }

    @Test
    void rotatesBySizeKeepingNFiles() throws IOException {
        Path file = dir.resolve("rot.pcap");
        byte[] payload = new byte[1000];
        int n = 40;
        try (PcapWriter w = new PcapWriter(file, 10_000, 3, msg -> { throw new AssertionError(msg); })) {
            for (int i = 0; i < n; i++) {
                payload[0] = (byte) i;
                w.datagram(payload, 0, payload.length, at("10.0.0.1", 1), at("239.255.0.1", 2), 1_000L * (i + 1));
            }
        }
        assertTrue(Files.exists(file));
        assertTrue(Files.exists(dir.resolve("rot.pcap.1")));
        assertTrue(Files.exists(dir.resolve("rot.pcap.2")));
        assertFalse(Files.exists(dir.resolve("rot.pcap.3")));
        List<CapturedDatagram> all = new ArrayList<>();
        for (String name : List.of("rot.pcap.2", "rot.pcap.1", "rot.pcap")) {
            assertTrue(Files.size(dir.resolve(name)) <= 10_000, name);
            all.addAll(readAll(dir.resolve(name)));
        }
        // Each file holds 9 records (24 + 9 * 1044 <= 10000); the newest files hold the newest, contiguously.
        assertEquals(9 + 9 + n % 9, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals((byte) (n - all.size() + i), all.get(i).payload()[0]);
        }
    }

    private static final InetSocketAddress FROM = at("10.0.0.1", 1);
    private static final InetSocketAddress TO = at("239.255.0.1", 2);
    /** A datagram of 100 bytes is a record of 16 + 20 + 8 + 100 bytes. */
    private static final int RECORD = 144;

    private static void write(PcapWriter w, int n) {
        byte[] payload = new byte[100];
        for (int i = 0; i < n; i++) {
            payload[0] = (byte) i;
            w.datagram(payload, 0, payload.length, FROM, TO, 1_000L * (i + 1));
        }
    }

    @Test
    void reachesTheFileOnceASecondWithoutClose() throws Exception {
        Path file = dir.resolve("flush.pcap");
        ManualClock clock = new ManualClock();
        try (PcapWriter w = new PcapWriter(file, 0, 1, msg -> { }, clock, PcapWriter.FILES)) {
            w.datagram(new byte[10], 0, 10, FROM, TO, 5);
            assertFalse(w.tick(), "not a second yet");
            assertEquals(0, Files.size(file));
            assertEquals(0, w.written(), "nothing is in the file yet");
            clock.advance(Duration.ofMillis(999));
            assertFalse(w.tick());
            clock.advance(Duration.ofMillis(1));
            assertTrue(w.tick());
            assertEquals(24 + 16 + 38, Files.size(file));
            assertEquals(1, w.written());
        }
    }

    @Test
    void fullDiskStopsRecordingWithOneLineAndNeverThrows() throws IOException {
        Path full = Path.of("/dev/full");
        org.gapwatch.testutil.External.require(Files.isWritable(full), "/dev/full", "a Linux machine has it");
        List<String> messages = new CopyOnWriteArrayList<>();
        PcapWriter w = new PcapWriter(full, messages::add);
        w.datagram(new byte[100], 0, 100, FROM, TO, 5);
        w.flush();
        w.datagram(new byte[100], 0, 100, FROM, TO, 6);
        w.close();
        assertFalse(w.recording());
        assertEquals(List.of("recording to /dev/full stopped: No space left on device"), messages);
        assertEquals("No space left on device", w.stopCause());
        assertEquals(0, w.written(), "the device took nothing");
        assertEquals(2, w.notWritten());
        assertTrue(Files.exists(full), "a device is never removed");
    }

    @Test
    void aFullDiskCountsWhatTheFileHoldsAndCutsItBackToWholeRecords() throws IOException {
        Path file = dir.resolve("full.pcap");
        List<String> messages = new CopyOnWriteArrayList<>();
        Disks.Small disk = new Disks.Small(24 + 10 * RECORD + 50); // room for 10 records and a third of one
        PcapWriter w = new PcapWriter(file, 0, 1, messages::add, InstantSource.system(), disk.opener());
        write(w, 20);
        w.flush();
        write(w, 3);
        w.close();
        assertEquals(List.of("recording to " + file + " stopped: No space left on device"), messages);
        assertEquals(10, w.written());
        assertEquals(13, w.notWritten());
        assertEquals(24 + 10 * RECORD, Files.size(file), "the part of the 11th record is cut off");
        List<CapturedDatagram> back = readAll(file);
        assertEquals(10, back.size());
        assertEquals(9, back.getLast().payload()[0]);
    }

    @Test
    void aRotationThatFindsTheDiskFullLeavesNoEmptyFile() throws IOException {
        Path file = dir.resolve("rot.pcap");
        List<String> messages = new CopyOnWriteArrayList<>();
        long max = 24 + 12 * RECORD;
        Disks.Small disk = new Disks.Small(max); // one file's worth
        PcapWriter w = new PcapWriter(file, max, 3, messages::add, InstantSource.system(), disk.opener());
        write(w, 13); // the 13th starts a new file, whose header finds no room
        w.close();
        assertEquals(2, disk.opened.get());
        assertEquals(List.of("recording to " + file + " stopped: No space left on device"), messages);
        assertFalse(Files.exists(file), "the new file held nothing and was removed");
        assertEquals(12, readAll(dir.resolve("rot.pcap.1")).size());
        assertEquals(12, w.written());
        assertEquals(1, w.notWritten());
    }

    @Test
    void aFolderRemovedBeforeARotationStopsRecordingWithOneLine() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path file = sub.resolve("rot.pcap");
        List<String> messages = new CopyOnWriteArrayList<>();
        long max = 24 + 12 * RECORD;
        PcapWriter w = new PcapWriter(file, max, 3, messages::add);
        write(w, 12);
        w.flush();
        Files.delete(file);
        Files.delete(sub);
        write(w, 5); // the first of these rotates
        assertFalse(w.recording());
        assertEquals(List.of("recording to " + file + " stopped: cannot start the next file: its folder " + sub
                + " was removed"), messages);
        assertEquals(12, w.written());
        assertEquals(5, w.notWritten());
        w.close();
        assertEquals(1, messages.size());
        assertFalse(Files.exists(sub), "the folder is not made again");
    }

    @Test
    void aFileRemovedWhileRecordingIsNoticedWithinASecond() throws IOException {
        Path file = dir.resolve("gone.pcap");
        List<String> messages = new CopyOnWriteArrayList<>();
        ManualClock clock = new ManualClock();
        PcapWriter w = new PcapWriter(file, 0, 1, messages::add, clock, PcapWriter.FILES);
        write(w, 4);
        clock.advance(Duration.ofSeconds(1));
        assertTrue(w.tick());
        assertEquals(4, w.written());
        Files.delete(file);
        write(w, 3);
        clock.advance(Duration.ofSeconds(1));
        w.tick();
        assertFalse(w.recording());
        assertEquals(List.of("recording to " + file + " stopped: the file was removed"), messages);
        assertEquals(4, w.written(), "nothing more went into the removed file");
        assertEquals(3, w.notWritten());
        assertFalse(Files.exists(file));
    }

    @Test
    void aFileReplacedWhileRecordingIsNoticedAndTheNewOneLeftAlone() throws IOException {
        Path file = dir.resolve("replaced.pcap");
        List<String> messages = new CopyOnWriteArrayList<>();
        ManualClock clock = new ManualClock();
        PcapWriter w = new PcapWriter(file, 0, 1, messages::add, clock, PcapWriter.FILES);
        Files.delete(file);
        Files.writeString(file, "someone else's");
        write(w, 2);
        clock.advance(Duration.ofSeconds(1));
        w.tick();
        assertEquals(List.of("recording to " + file + " stopped: the file was replaced by another"), messages);
        assertEquals(0, w.written());
        assertEquals(2, w.notWritten());
        assertEquals("someone else's", Files.readString(file));
    }
}
