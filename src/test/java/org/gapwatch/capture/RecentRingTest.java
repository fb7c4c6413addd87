package org.gapwatch.capture;

import static org.gapwatch.capture.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.gapwatch.testutil.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recent ring's bounds, driven by hand on one thread (the sink is the recorder loop's) with a manual clock. */
class RecentRingTest {
    static final InetSocketAddress FROM = at("10.0.0.1", 1);
    static final InetSocketAddress TO = at("239.255.0.1", 2);
    static final long SECOND = 1_000_000_000L;
    /** A pcap record of one of {@link #payload}'s datagrams: 16 header + 20 IPv4 + 8 UDP + 100. */
    static final int RECORD = 16 + 20 + 8 + 100;
    static final int FILE_HEADER = 24;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.ofEpochSecond(1_800_000_000L));

    private long now() {
        Instant i = clock.instant();
        return i.getEpochSecond() * SECOND + i.getNano();
    }

    private static byte[] payload(int i) {
        byte[] b = new byte[100];
        b[0] = (byte) i;
        return b;
    }

    /** One datagram arriving now. */
    private void hand(RecentRing ring, int i) {
        ring.datagram(payload(i), 0, 100, FROM, TO, now());
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("seg-")).sorted().toList();
        }
    }

    @Test
    void theOldestSegmentGoesExactlyWhenItsNewestDatagramIsOlderThanTheTimeBound() throws IOException {
        RecentRing ring = new RecentRing(dir, new RingBounds(Duration.ofSeconds(30), 1L << 30), 10 * SECOND,
                1L << 20, clock, PcapWriter.FILES);
        // Segment A: datagrams at 0 s .. 9 s; B from 10 s.
        for (int i = 0; i < 10; i++) {
            hand(ring, i);
            clock.advance(Duration.ofSeconds(1));
        }
        long lastOfA = now() - SECOND;
        hand(ring, 10); // 10 s after A's first: B begins
        assertEquals(2, ring.segments().size());
        Path a = ring.segments().getFirst().file();
        assertEquals(lastOfA, ring.segments().getFirst().lastNanos());

        clock.advance(Duration.ofNanos(lastOfA + 30 * SECOND - now())); // exactly 30 s after A's newest
        ring.tick();
        assertTrue(Files.exists(a), "kept while its newest datagram is exactly 30 s old");
        assertEquals(0, ring.deleted());

        clock.advance(Duration.ofNanos(1));
        ring.tick();
        assertFalse(Files.exists(a), "deleted one nanosecond later");
        assertEquals(1, ring.deleted());
        // B was closed by the tick that found it 10 s old; its newest datagram is 29 s old: kept.
        assertEquals(1, ring.segments().size());
        assertEquals(lastOfA + SECOND, ring.segments().getFirst().firstNanos());
        assertTrue(Files.exists(ring.segments().getFirst().file()));
        ring.close();
    }

    @Test
    void theOldestSegmentGoesExactlyWhenTheSizeBoundIsPassed() throws IOException {
        // Segments of 10 records: 24 + 10 x 144 = 1464 bytes each; the bound holds 3 whole segments and a fourth
        // with one record.
        long segment = FILE_HEADER + 10L * RECORD;
        long bound = 3 * segment + FILE_HEADER + RECORD;
        RecentRing ring = new RecentRing(dir, new RingBounds(Duration.ofHours(1), bound), 3600 * SECOND,
                segment, clock, PcapWriter.FILES);
        for (int i = 0; i < 30; i++) {
            hand(ring, i);
        }
        // 3 full segments; the third closes when the 31st datagram comes.
        hand(ring, 30);
        assertEquals(4, ring.segments().size());
        assertEquals(3 * segment + FILE_HEADER + RECORD, ring.bytes());
        // Exactly at the bound: kept. The next record passes it.
        Path oldest = ring.segments().getFirst().file();
        assertTrue(ring.bytes() <= bound);
        assertEquals(0, ring.deleted());
        hand(ring, 31);
        assertFalse(Files.exists(oldest), "deleted by the datagram that passed the bound");
        assertEquals(1, ring.deleted());
        assertEquals(2 * segment + FILE_HEADER + 2L * RECORD, ring.bytes());
        ring.close();
        assertEquals(3, files().size());
        assertEquals(32, ring.written());
        assertEquals(0, ring.notWritten());
    }

    @Test
    void theSmallerBoundWins() throws IOException {
        long segment = FILE_HEADER + 10L * RECORD;
        // By size: 4 segments; by time: 40 s, a datagram a second, 10 a segment. The size bound is reached first
        // (the 41st datagram would need a fifth segment), so it is the one that deletes.
        RecentRing bySize = new RecentRing(dir.resolve("size"), new RingBounds(Duration.ofSeconds(40),
                4 * segment), 3600 * SECOND, segment, clock, PcapWriter.FILES);
        for (int i = 0; i < 40; i++) {
            hand(bySize, i);
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(0, bySize.deleted());
        hand(bySize, 40);
        assertEquals(1, bySize.deleted(), "the size bound, 4 segments, is passed first");
        bySize.close();

        // The same stream with twice the room: now the time bound is the smaller one.
        clock.advance(Duration.ofHours(1));
        RecentRing byTime = new RecentRing(dir.resolve("time"), new RingBounds(Duration.ofSeconds(40),
                8 * segment), 10 * SECOND, segment, clock, PcapWriter.FILES);
        long first = now();
        for (int i = 0; i < 60; i++) {
            hand(byTime, i);
            clock.advance(Duration.ofSeconds(1));
            byTime.tick();
        }
        // At 60 s the first segment's newest datagram (9 s) is 51 s old: gone; the second's (19 s) 41 s: gone too.
        assertEquals(2, byTime.deleted());
        assertEquals(first + 20 * SECOND, byTime.segments().getFirst().firstNanos());
        assertTrue(byTime.bytes() < 8 * segment, "well inside the size bound");
        byTime.close();
    }

    @Test
    void zeroTurnsTheRingOff() throws Exception {
        assertTrue(RingBounds.of(0, 256).off());
        assertTrue(RingBounds.of(5, 0).off());
        assertFalse(RingBounds.defaults().off());
        assertEquals(new RingBounds(Duration.ofMinutes(5), 268_435_456L), RingBounds.defaults());
        assertThrows(IllegalArgumentException.class, () -> new RecentRing(dir, RingBounds.of(0, 256), clock));
        RecentRecording off = RecentRecording.start(dir.resolve("root"), RingBounds.of(5, 0));
        assertNull(off.tap(), "nothing taps the receiver");
        assertTrue(off.status().off());
        RecentRecording.Moment m = off.freeze(now(), Duration.ofSeconds(30), Duration.ofSeconds(30)).get();
        assertFalse(m.found());
        assertEquals("The recent ring is off (Settings: keep the last minutes / MiB): nothing to replay.",
                m.problem());
        off.close();
        assertFalse(Files.exists(dir.resolve("root")), "a ring that is off makes no folder");
    }

    @Test
    void segmentsLeftByAPreviousRunAreDeletedAtStart() throws IOException {
        Files.createDirectories(dir);
        Path stale = dir.resolve("seg-0000000000000000001.pcap");
        Files.write(stale, new byte[100]);
        Path other = dir.resolve("notes.txt");
        Files.write(other, new byte[1]);
        new RecentRing(dir, RingBounds.defaults(), clock).close();
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(other), "only segments are the ring's");
    }

    @Test
    void theDefaultSegmentsAreTenSecondsAndAtMostEightMebibytes() {
        RingBounds d = RingBounds.defaults();
        assertEquals(10 * SECOND, d.segmentNanos());
        assertEquals(8L << 20, d.segmentBytes());
        assertEquals(5 * SECOND, new RingBounds(Duration.ofSeconds(30), 1L << 30).segmentNanos());
        assertEquals(64L << 10, RingBounds.of(5, 1).segmentBytes());
    }

    @Test
    void aFailingDiskIsCountedAndSaidAndTheRingTriesAgainLater() throws IOException {
        boolean[] fail = {true};
        PcapWriter.Opener flaky = f -> {
            if (fail[0]) {
                throw new java.nio.file.FileSystemException(f.toString(), null, "No space left on device");
            }
            return PcapWriter.FILES.open(f);
        };
        RecentRing ring = new RecentRing(dir, RingBounds.defaults(), 10 * SECOND, 1 << 20, clock, flaky);
        hand(ring, 0);
        hand(ring, 1);
        assertEquals(2, ring.notWritten());
        assertTrue(ring.problem().endsWith("No space left on device"), ring.problem());
        fail[0] = false;
        clock.advance(Duration.ofMillis(4_999));
        hand(ring, 2);
        assertEquals(3, ring.notWritten(), "no new try within 5 s");
        clock.advance(Duration.ofMillis(1));
        hand(ring, 3);
        clock.advance(Duration.ofSeconds(1));
        ring.tick();
        assertEquals(1, ring.written());
        assertNull(ring.problem(), "writing again");
        ring.close();
    }
}
