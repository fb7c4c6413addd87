package org.gapwatch.capture;

import static org.gapwatch.capture.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gapwatch.engine.Engine;
import org.gapwatch.fault.ErrorLog;
import org.gapwatch.fault.Faults;
import org.gapwatch.testutil.ManualClock;
import org.gapwatch.track.Totals;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.testutil.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayerTest {
    static final InetSocketAddress SENDER = at("10.0.0.7", 40000);
    static final InetSocketAddress GROUP = at("239.255.3.3", 5000);
    static final long T0 = 1_780_000_000_000_000_000L;

    @TempDir
    Path dir;

    /** Three sources, one update every {@code stepNanos}; source b skips every 10th sequence number. */
    static List<CapturedDatagram> stream(int count, long stepNanos) {
        List<CapturedDatagram> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String src = "plant/" + "abc".charAt(i % 3);
            long seq = i / 3;
            if (src.endsWith("b") && seq % 10 == 9) {
                continue;
            }
            out.add(new CapturedDatagram(T0 + i * stepNanos, SENDER, GROUP, Fixtures.update(src, seq)));
        }
        return out;
    }

    static Path write(Path file, List<CapturedDatagram> datagrams) throws IOException {
        try (PcapWriter w = new PcapWriter(file, msg -> { throw new AssertionError(msg); })) {
            for (CapturedDatagram d : datagrams) {
                w.datagram(d.payload(), 0, d.payload().length, d.sender(), d.destination(), d.arrivalEpochNanos());
            }
        }
        return file;
    }

    /** What live monitoring of the same datagrams would have counted. */
    static Totals live(List<CapturedDatagram> datagrams) {
        Engine e = new Engine(TrackerConfig.defaults());
        for (CapturedDatagram d : datagrams) {
            e.datagram(d.payload(), 0, d.payload().length, d.sender(), d.arrivalEpochMillis());
        }
        return e.trackerOnWriterThread().totals();
    }

    @Test
    void asFastAsPossibleGivesTheLiveNumbersAndAnswersQueries() throws Exception {
        List<CapturedDatagram> ds = stream(30_000, 1_000_000);
        Path file = write(dir.resolve("r.pcap"), ds);
        Engine engine = new Engine(TrackerConfig.defaults());
        try (Replayer r = new Replayer(file, CaptureFilter.multicast(), engine)) {
            r.speed(Replayer.AS_FAST_AS_POSSIBLE);
            r.start();
            Await.until("the end", () -> r.progress().state() == Replayer.State.FINISHED);
            Replayer.Progress p = r.progress();
            assertEquals(ds.size(), p.fed());
            assertEquals(ds.size(), p.total());
            assertEquals(T0, p.startNanos());
            assertEquals(ds.getLast().arrivalEpochNanos(), p.endNanos());
            assertEquals(p.endNanos(), p.positionNanos());
            assertEquals(1.0, p.fraction());
            Totals expected = live(ds);
            assertEquals(expected, engine.snapshot().totals());
            assertEquals(999, engine.snapshot().totals().lost()); // 9999 numbers of b, one in ten skipped
            assertEquals(p.endNanos() / 1_000_000, engine.snapshot().takenMillis());
            int sources = engine.query(t -> t.sourceCount()).get(5, TimeUnit.SECONDS);
            assertEquals(3, sources);
        }
    }

    private final ManualClock clock = new ManualClock();

    private Replayer driven(Path file, Engine engine) {
        return new Replayer(file, CaptureFilter.multicast(), engine, clock,
                new Faults(ErrorLog.echoOnly(line -> { throw new AssertionError(line); })));
    }

    /** Datagrams of {@code ds} at or before {@code nanos}. */
    private static long upTo(List<CapturedDatagram> ds, long nanos) {
        return ds.stream().filter(d -> d.arrivalEpochNanos() <= nanos).count();
    }

    /** Waits for a round of the replay loop that began after this call (each round publishes a new Progress). */
    private static Replayer.Progress nextRound(Replayer r) throws InterruptedException {
        Replayer.Progress before = r.progress();
        Await.until("a round of the replay loop", () -> r.progress() != before);
        Replayer.Progress after = r.progress();
        Await.until("a second round", () -> r.progress() != after);
        return r.progress();
    }

    @Test
    void oneTimesSpeedFollowsTheClockExactly() throws Exception {
        List<CapturedDatagram> ds = stream(60, 5_000_000); // 295 ms of capture
        Path file = write(dir.resolve("r.pcap"), ds);
        Engine engine = new Engine(TrackerConfig.defaults());
        try (Replayer r = driven(file, engine)) {
            r.start();
            Await.until("playing", () -> r.progress().state() == Replayer.State.PLAYING);
            // A view asking things all the time must not move the replay's clock.
            Thread asker = Thread.ofPlatform().daemon().start(() -> {
                while (r.progress().state() != Replayer.State.FINISHED
                        && r.progress().state() != Replayer.State.CLOSED) {
                    engine.query(t -> t.sourceCount()).join();
                }
            });
            Replayer.Progress still = nextRound(r);
            assertEquals(T0, still.positionNanos(), "no time has passed");
            assertEquals(1, still.fed());
            clock.advance(Duration.ofMillis(100));
            Await.until("100 ms played", () -> r.progress().positionNanos() == T0 + 100_000_000L);
            assertEquals(upTo(ds, T0 + 100_000_000L), r.progress().fed());
            assertEquals(Replayer.State.PLAYING, nextRound(r).state());
            assertEquals(T0 + 100_000_000L, r.progress().positionNanos(), "queries do not move the clock");
            clock.advance(Duration.ofMillis(194));
            Await.until("294 ms played", () -> r.progress().positionNanos() == T0 + 294_000_000L);
            assertEquals(ds.size() - 1, r.progress().fed());
            clock.advance(Duration.ofMillis(1));
            Await.until("the end at 295 ms", () -> r.progress().state() == Replayer.State.FINISHED);
            assertEquals(ds.getLast().arrivalEpochNanos(), r.progress().positionNanos());
            asker.join(5000);
            assertEquals(live(ds), engine.snapshot().totals());
        }
        Engine fast = new Engine(TrackerConfig.defaults());
        try (Replayer r = driven(file, fast)) {
            r.speed(10);
            r.start();
            Await.until("playing", () -> r.progress().state() == Replayer.State.PLAYING);
            clock.advance(Duration.ofMillis(10));
            Await.until("10 ms at 10x is 100 ms", () -> r.progress().positionNanos() == T0 + 100_000_000L);
            clock.advance(Duration.ofNanos(19_500_000));
            Await.until("29.5 ms at 10x is the whole capture", () -> r.progress().state() == Replayer.State.FINISHED);
            assertEquals(ds.size(), r.progress().fed());
        }
    }

    @Test
    void closeInsideABackwardsSeekReturnsAtOnceAndStopsWithinOneBatch() throws Exception {
        List<CapturedDatagram> ds = stream(100_000, 1_000_000); // 96,667 datagrams: 24 batches to seek through
        Path file = write(dir.resolve("seek.pcap"), ds);
        Engine engine = new Engine(TrackerConfig.defaults());
        Replayer r = driven(file, engine);
        r.speed(Replayer.AS_FAST_AS_POSSIBLE);
        r.start();
        Await.until("the end", () -> r.progress().state() == Replayer.State.FINISHED);
        r.pause();
        long target = ds.getLast().arrivalEpochNanos() - 1_000_000L;
        long fedAtTarget = upTo(ds, target);
        assertTrue(fedAtTarget % 4096 != 0);
        r.seek(target); // backwards: from the start again
        CountDownLatch inSeek = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long[] fedWhenHeld = new long[1];
        // Queries run between batches; one that finds a whole number of batches fed since the reset runs inside the
        // seek, and holds the replay's thread there.
        for (int i = 0; i < 10_000 && inSeek.getCount() > 0; i++) {
            CompletableFuture<Long> q = engine.query(t -> {
                long n = t.totals().datagrams();
                if (n > 0 && n % 4096 == 0 && inSeek.getCount() > 0) {
                    fedWhenHeld[0] = n;
                    inSeek.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return n;
            });
            while (!q.isDone() && inSeek.getCount() > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000); // polling a condition, not a guess
            }
        }
        assertTrue(inSeek.await(0, TimeUnit.SECONDS), "a query ran inside the seek");
        // The replay's thread is held inside the seek: close must not wait for it (it used to, for 5 s).
        CompletableFuture.runAsync(r::close).get(1, TimeUnit.SECONDS);
        assertEquals(Replayer.State.FINISHED, r.progress().state(), "close returned while the seek is still held");
        release.countDown();
        Await.until("closed", () -> r.progress().state() == Replayer.State.CLOSED);
        assertTrue(fedWhenHeld[0] < fedAtTarget, fedWhenHeld[0] + " of " + fedAtTarget);
        assertEquals(fedWhenHeld[0], engine.trackerOnWriterThread().totals().datagrams(),
                "not one more batch was fed after close");
    }

    @Test
    void pauseHoldsTheClockAndSeekBackwardsStartsAgain() throws Exception {
        List<CapturedDatagram> ds = stream(3000, 1_000_000); // 3 s of capture
        Path file = write(dir.resolve("r.pcap"), ds);
        Engine engine = new Engine(TrackerConfig.defaults());
        try (Replayer r = driven(file, engine)) {
            r.pause();
            r.start();
            Await.until("paused after loading", () -> r.progress().state() == Replayer.State.PAUSED);
            assertEquals(0, r.progress().fed());
            clock.advance(Duration.ofSeconds(1)); // nothing may move while paused
            Replayer.Progress held = nextRound(r);
            assertEquals(T0, held.positionNanos());
            assertEquals(0, held.fed());

            long middle = T0 + 1_500_000_000L;
            r.seek(middle);
            Await.until("the seek", () -> r.progress().positionNanos() == middle);
            List<CapturedDatagram> firstHalf = ds.stream().filter(d -> d.arrivalEpochNanos() <= middle).toList();
            assertEquals(firstHalf.size(), r.progress().fed());
            Await.until("a snapshot at the seek", () -> engine.snapshot().takenMillis() == middle / 1_000_000);
            assertEquals(live(firstHalf), engine.snapshot().totals());

            r.speed(Replayer.AS_FAST_AS_POSSIBLE);
            r.play();
            Await.until("the end", () -> r.progress().state() == Replayer.State.FINISHED);
            assertEquals(live(ds), engine.snapshot().totals());

            long early = T0 + 300_000_000L;
            long versionBefore = engine.snapshot().version();
            r.pause(); // a seek keeps playing or pausing as it was
            r.seek(early);
            Await.until("the seek back", () -> r.progress().positionNanos() == early);
            List<CapturedDatagram> head = ds.stream().filter(d -> d.arrivalEpochNanos() <= early).toList();
            Await.until("a snapshot at the seek back", () -> engine.snapshot().takenMillis() == early / 1_000_000);
            assertEquals(live(head), engine.snapshot().totals());
            assertTrue(engine.snapshot().version() > versionBefore, "versions keep rising across a reset");
            assertEquals(head.size(), r.progress().fed());
        }
    }

    @Test
    void notACaptureFailsWithOneLine() throws Exception {
        Path file = dir.resolve("x.pcap");
        java.nio.file.Files.writeString(file, "nope");
        try (Replayer r = new Replayer(file, CaptureFilter.multicast(), new Engine(TrackerConfig.defaults()))) {
            r.start();
            Await.until("failure", () -> r.progress().state() == Replayer.State.FAILED);
            assertEquals(file + " is not a pcap or pcapng capture (starts with 0x6e6f7065)", r.progress().error());
        }
    }
}
