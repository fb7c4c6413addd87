package org.gapwatch.capture;

import static org.gapwatch.capture.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.gapwatch.engine.Engine;
import org.gapwatch.fault.ErrorLog;
import org.gapwatch.fault.Faults;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Loopback;
import org.gapwatch.net.Publisher;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.ManualClock;
import org.gapwatch.track.Gap;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Freezing a moment out of the recent ring: while it rotates, too old, and end to end from a loopback stream. */
class RecentRecordingTest {
    static final InetSocketAddress FROM = at("10.0.0.1", 1);
    static final InetSocketAddress TO = at("239.255.0.1", 2);
    static final long MS = 1_000_000L;

    @TempDir
    Path root;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T03:00:00Z"));
    private final long t0 = clock.instant().getEpochSecond() * 1_000_000_000L;
    private final Faults faults = new Faults(ErrorLog.echoOnly(line -> { }));

    private void hand(RecentRecording rr, int from, int to) {
        for (int i = from; i < to; i++) {
            clock.advance(Duration.ofMillis(1));
            byte[] d = Fixtures.update("ring/a", i);
            rr.tap().datagram(d, 0, d.length, FROM, TO, t0 + (i + 1) * MS);
        }
    }

    @Test
    void aFrozenMomentHoldsEveryDatagramOfItsSpanWhileTheRingDeletesTheSegmentsItCameFrom() throws Exception {
        // 2 s back, segments of 200 ms: the ring deletes a segment every 200 ms of the stream.
        RecentRecording rr = RecentRecording.start(root, new RingBounds(Duration.ofSeconds(2), 1L << 30), clock,
                ZoneOffset.UTC, faults, 200 * MS, 1L << 20);
        assertTrue(rr.awaitOpened(Duration.ofSeconds(10)));
        hand(rr, 0, 2000); // datagram i arrives at t0 + (i + 1) ms
        long from = t0 + 1001 * MS;
        long to = t0 + 1800 * MS;
        Await.until("the ring's loop has come past the span", () -> !rr.segments().isEmpty()
                && rr.segments().getLast().firstNanos() > to);
        List<Path>[] copied = new List[1];
        rr.afterOpenForTest = () -> {
            // The segments to copy are open; the stream goes on 4 s, and the ring deletes every one of them.
            copied[0] = rr.segments().stream().filter(s -> s.lastNanos() >= from && s.firstNanos() <= to)
                    .map(RecentRing.Segment::file).toList();
            hand(rr, 2000, 6000);
            Await.until("the ring deleted the segments being frozen",
                    () -> copied[0].stream().noneMatch(Files::exists));
        };
        RecentRecording.Moment m = rr.freeze(t0 + 1500 * MS, Duration.ofMillis(499), Duration.ofMillis(300)).get();
        assertTrue(m.found(), m.problem());
        assertTrue(copied[0].size() >= 4, "the span crosses segments: " + copied[0]);
        List<CapturedDatagram> back = PcapWriterTest.readAll(m.file());
        assertEquals(800, back.size(), "datagrams 1000..1799, arriving from 1001 ms to 1800 ms");
        assertEquals(800, m.datagrams());
        assertEquals(from, m.fromNanos());
        assertEquals(to, m.toNanos());
        for (int k = 0; k < 800; k++) {
            assertArrayEquals(Fixtures.update("ring/a", 1000 + k), back.get(k).payload());
            assertEquals(from + k * MS, back.get(k).arrivalEpochNanos());
        }
        assertTrue(m.file().startsWith(rr.dir().resolve("frozen")));
        assertEquals("moment-20261201-030001.500.pcap", m.file().getFileName().toString());
        rr.close();
        assertTrue(rr.awaitClosed(Duration.ofSeconds(10)));
    }

    /** Settings change the bounds while a frozen moment is replayed: the restart keeps it, and the ring's past. */
    @Test
    void aRestartWithNewBoundsKeepsTheFrozenMomentBeingReplayedAndTheSegmentsTheBoundsHold() throws Exception {
        RecentRecording rr = RecentRecording.start(root, new RingBounds(Duration.ofSeconds(10), 1L << 30), clock,
                ZoneOffset.UTC, faults, 200 * MS, 1L << 20);
        assertTrue(rr.awaitOpened(Duration.ofSeconds(10)));
        hand(rr, 0, 2000); // datagram i arrives at t0 + (i + 1) ms; the clock at t0 + 2 s
        Await.until("the ring's loop has come past 1.5 s", () -> !rr.segments().isEmpty()
                && rr.segments().getLast().firstNanos() > t0 + 1500 * MS);
        RecentRecording.Moment m = rr.freeze(t0 + 1000 * MS, Duration.ofMillis(500), Duration.ofMillis(500)).get();
        assertTrue(m.found(), m.problem());
        assertEquals(List.of(t0 + 500 * MS, t0 + 1500 * MS, 1001L), List.of(m.fromNanos(), m.toNanos(), m.datagrams()));
        rr.replaying(m.file());
        Engine engine = new Engine(TrackerConfig.defaults());
        try (Replayer replay = new Replayer(m.file(), CaptureFilter.multicast(), engine)) {
            replay.speed(Replayer.AS_FAST_AS_POSSIBLE);
            replay.start();
            Await.until(() -> "played to the end: " + replay.progress(),
                    () -> replay.progress().state() == Replayer.State.FINISHED);

            // 5 s back now: every segment (all within the last 2 s) still held.
            RecentRecording again = RecentRecording.restart(rr, new RingBounds(Duration.ofSeconds(5), 1L << 30),
                    200 * MS, 1L << 20);
            assertTrue(again.awaitOpened(Duration.ofSeconds(10)));
            assertTrue(Files.exists(m.file()), "the frozen moment survives the restart");
            assertEquals(t0 + MS, again.segments().getFirst().firstNanos(), "the ring still reaches back to the first");

            replay.pause();
            replay.seek(m.fromNanos()); // back to its start: the file is opened and read again
            Await.until(() -> "back at its start: " + replay.progress(),
                    () -> replay.progress().state() == Replayer.State.PAUSED
                            && replay.progress().positionNanos() == m.fromNanos());
            assertEquals(1L, replay.progress().fed(), "the first datagram, at the start itself");
            replay.play();
            Await.until(() -> "played again to the end: " + replay.progress(),
                    () -> replay.progress().state() == Replayer.State.FINISHED && replay.progress().fed() == 1001);
            assertEquals(null, replay.progress().error());
            List<CapturedDatagram> back = PcapWriterTest.readAll(m.file());
            assertEquals(1001, back.size());
            assertEquals(m.fromNanos(), back.getFirst().arrivalEpochNanos());
            assertArrayEquals(Fixtures.update("ring/a", 499), back.getFirst().payload());

            RecentRecording.Moment early = again.freeze(t0 + 100 * MS, Duration.ofMillis(99), Duration.ZERO).get();
            assertTrue(early.found(), early.problem());
            assertEquals(List.of(t0 + MS, 100L), List.of(early.fromNanos(), early.datagrams()),
                    "a moment from before the restart, out of the segments taken over");

            // 1 s back: what ended before t0 + 1 s goes at once; the frozen moment stays.
            RecentRecording third = RecentRecording.restart(again, new RingBounds(Duration.ofSeconds(1), 1L << 30),
                    200 * MS, 1L << 20);
            assertTrue(third.awaitOpened(Duration.ofSeconds(10)));
            List<RecentRing.Segment> held = third.segments();
            assertTrue(!held.isEmpty() && held.getFirst().lastNanos() >= t0 + 1000 * MS
                    && held.getFirst().firstNanos() <= t0 + 1000 * MS, "from about t0 + 1 s on: " + held);
            try (java.util.stream.Stream<Path> segs = Files.list(third.dir())) {
                assertEquals(held.size(), segs.filter(p -> p.getFileName().toString().startsWith("seg-")).count(),
                        "the older segments are deleted");
            }
            assertTrue(Files.exists(m.file()));
            hand(third, 2000, 2100);
            Await.until("the new ring writes on", () -> third.segments().getLast().lastNanos() == t0 + 2100 * MS);
            third.close();
            assertTrue(third.awaitClosed(Duration.ofSeconds(10)));
        }
    }

    @Test
    void theFrozenMomentBeingReplayedIsNeverDeletedByLaterFreezes() throws Exception {
        RecentRecording rr = RecentRecording.start(root, RingBounds.defaults(), clock, ZoneOffset.UTC, faults,
                200 * MS, 1L << 20);
        assertTrue(rr.awaitOpened(Duration.ofSeconds(10)));
        hand(rr, 0, 1000);
        Await.until("in the ring", () -> !rr.segments().isEmpty()
                && rr.segments().getLast().lastNanos() == t0 + 1000 * MS);
        RecentRecording.Moment replayed = rr.freeze(t0 + 100 * MS, Duration.ZERO, Duration.ofMillis(10)).get();
        assertTrue(replayed.found(), replayed.problem());
        rr.replaying(replayed.file());
        Files.setLastModifiedTime(replayed.file(), java.nio.file.attribute.FileTime.fromMillis(0)); // the oldest
        for (int k = 1; k <= RecentRecording.KEEP_FROZEN + 1; k++) {
            assertTrue(rr.freeze(t0 + (100 + 100 * k) * MS, Duration.ZERO, Duration.ofMillis(10)).get().found());
        }
        assertTrue(Files.exists(replayed.file()), "kept while replayed, though the oldest");
        try (java.util.stream.Stream<Path> frozen = Files.list(rr.dir().resolve("frozen"))) {
            assertEquals(RecentRecording.KEEP_FROZEN, frozen.count(), "the replayed one and the 3 newest");
        }
        rr.close();
    }

    @Test
    void aMomentOlderThanTheRingSaysHowFarBackItReachesAndOpensNothing() throws Exception {
        RecentRecording rr = RecentRecording.start(root, new RingBounds(Duration.ofSeconds(2), 1L << 30), clock,
                ZoneOffset.UTC, faults, 200 * MS, 1L << 20);
        assertTrue(rr.awaitOpened(Duration.ofSeconds(10)));
        hand(rr, 0, 5000);
        long now = t0 + 5000 * MS;
        Await.until(() -> "the ring took all and deleted what is over 2 s old: " + rr.segments(),
                () -> !rr.segments().isEmpty() && rr.segments().getLast().lastNanos() == now
                        && rr.segments().getFirst().lastNanos() >= now - 2000 * MS);
        long oldest = rr.segments().getFirst().firstNanos();
        RecentRecording.Moment m = rr.freeze(t0 + 1000 * MS, Duration.ofSeconds(30), Duration.ofSeconds(30)).get();
        assertFalse(m.found());
        String reach = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").format(
                Instant.ofEpochSecond(0, oldest).atZone(ZoneOffset.UTC));
        long back = (clock.instant().toEpochMilli() * MS - oldest) / 1_000_000_000L;
        assertEquals("That moment (03:00:01) is older than the recent ring holds: it reaches back to " + reach
                + " (" + back + " s back). Nothing opened.", m.problem());
        assertFalse(Files.exists(rr.dir().resolve("frozen")), "no file made");
        rr.close();
    }

    @Test
    void aMomentInTheOldestDatagramsMillisecondIsNoOlderThanTheRing() throws Exception {
        RecentRecording rr = RecentRecording.start(root, RingBounds.defaults(), clock, ZoneOffset.UTC, faults,
                200 * MS, 1L << 20);
        assertTrue(rr.awaitOpened(Duration.ofSeconds(10)));
        long first = t0 + 1_500_000L; // 1.5 ms: views give the moment as 1 ms
        byte[] d = Fixtures.update("ring/ms", 1);
        rr.tap().datagram(d, 0, d.length, FROM, TO, first);
        Await.until("in the ring", () -> !rr.segments().isEmpty());
        RecentRecording.Moment m = rr.freeze(t0 + MS, Duration.ZERO, Duration.ofMillis(1)).get();
        assertTrue(m.found(), m.problem());
        assertEquals(List.of(first, first, 1L), List.of(m.fromNanos(), m.toNanos(), m.datagrams()));
        RecentRecording.Moment earlier = rr.freeze(t0, Duration.ZERO, Duration.ofMillis(5)).get();
        assertFalse(earlier.found(), "the millisecond before is older than the ring");
        rr.close();
    }

    @Test
    void staleFoldersOfEndedRunsAreDeletedAndLiveOnesKept() throws Exception {
        Path ended = root.resolve("999999999"); // no such process
        Files.createDirectories(ended.resolve("frozen"));
        Files.write(ended.resolve("seg-0000000000000000001-000001.pcap"), new byte[10]);
        Files.write(ended.resolve("frozen").resolve("moment-x.pcap"), new byte[10]);
        Path alive = root.resolve(Long.toString(ProcessHandle.current().parent().orElseThrow().pid()));
        Files.createDirectories(alive);
        Files.write(alive.resolve("seg-0000000000000000001-000001.pcap"), new byte[10]);
        RecentRecording rr = RecentRecording.start(root, RingBounds.defaults(), clock, ZoneOffset.UTC, faults,
                200 * MS, 1L << 20);
        assertTrue(rr.awaitOpened(Duration.ofSeconds(10)));
        assertFalse(Files.exists(ended));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(rr.dir())), "the payloads are the user's alone");
        assertTrue(Files.exists(alive.resolve("seg-0000000000000000001-000001.pcap")), "another running Gapwatch's");
        rr.close();
    }

    /**
     * End to end: a loopback stream that skips 101-110, received with the ring on; the gap's moment frozen and
     * replayed into an engine of its own shows that gap exactly.
     */
    @Test
    void goingToTheMomentOfAGapReplaysExactlyThatGap() throws Exception {
        GroupSpec g = Loopback.freshGroup();
        RecentRecording rr = RecentRecording.start(root, RingBounds.defaults(), faults);
        Engine replayEngine = new Engine(TrackerConfig.defaults());
        try (Loopback live = new Loopback(TrackerConfig.defaults(), List.of(g));
             Publisher p = Loopback.publisher(g)) {
            live.receiver.setRecentTap(rr.tap());
            assertTrue(rr.awaitOpened(Duration.ofSeconds(10)));
            for (int seq = 1; seq <= 150; seq++) {
                if (seq < 101 || seq > 110) {
                    Loopback.send(p, "{\"src\":\"ring/e2e\",\"seq\":" + seq + ",\"value\":" + seq + "}");
                }
            }
            live.await(s -> {
                SourceView v = live.source(s, "ring/e2e");
                return v != null && v.received() == 140;
            }, "all 140 sent arrived");
            List<Gap> liveGaps = live.engine.query(t -> t.history("ring/e2e", System.currentTimeMillis()).gaps())
                    .join();
            assertEquals(1, liveGaps.size());
            Gap gap = liveGaps.getFirst();
            assertEquals(List.of(101L, 110L, 10L), List.of(gap.first(), gap.last(), gap.count()));

            RecentRecording.Moment m = rr.freeze(gap.detectedMillis() * MS, Duration.ofSeconds(30),
                    Duration.ofSeconds(30)).get();
            assertTrue(m.found(), m.problem());
            assertEquals(140, m.datagrams());

            Replayer replay = new Replayer(m.file(), CaptureFilter.multicast(), replayEngine);
            replay.speed(Replayer.AS_FAST_AS_POSSIBLE);
            replay.start();
            Await.until(() -> "replay finished: " + replay.progress(),
                    () -> replay.progress().state() == Replayer.State.FINISHED);
            List<Gap> replayed = replayEngine.query(t -> t.history("ring/e2e", gap.detectedMillis()).gaps())
                    .join();
            assertEquals(1, replayed.size());
            Gap r = replayed.getFirst();
            assertEquals(List.of(101L, 110L, 10L, 10L), List.of(r.first(), r.last(), r.count(), r.lost()));
            assertEquals(gap.detectedMillis(), r.detectedMillis(), "the moment as live saw it");
            assertNotNull(replay.progress());
            replay.close();
        } finally {
            rr.close();
        }
    }
}
