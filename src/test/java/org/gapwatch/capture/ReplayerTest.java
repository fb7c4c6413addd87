package org.gapwatch.capture;

import static org.gapwatch.capture.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gapwatch.engine.Engine;
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

    @Test
    void oneTimesSpeedTakesAsLongAsTheCapture() throws Exception {
        List<CapturedDatagram> ds = stream(60, 5_000_000); // 295 ms of capture
        Path file = write(dir.resolve("r.pcap"), ds);
        Engine engine = new Engine(TrackerConfig.defaults());
        try (Replayer r = new Replayer(file, CaptureFilter.multicast(), engine)) {
            r.start();
            Await.until("loaded", () -> r.progress().state() != Replayer.State.LOADING);
            long started = System.nanoTime();
            // A view asking things all the time must not slow the replay's clock.
            Thread asker = Thread.ofPlatform().daemon().start(() -> {
                while (r.progress().state() != Replayer.State.FINISHED) {
                    engine.query(t -> t.sourceCount()).join();
                }
            });
            Await.until("the end", () -> r.progress().state() == Replayer.State.FINISHED);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            asker.join(5000);
            assertTrue(tookMillis >= 250 && tookMillis < 2000, "took " + tookMillis + " ms");
            assertEquals(live(ds), engine.snapshot().totals());
        }
        Engine fast = new Engine(TrackerConfig.defaults());
        try (Replayer r = new Replayer(file, CaptureFilter.multicast(), fast)) {
            r.speed(10);
            r.start();
            Await.until("loaded", () -> r.progress().state() != Replayer.State.LOADING);
            long started = System.nanoTime();
            Await.until("the end", () -> r.progress().state() == Replayer.State.FINISHED);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMillis < 200, "10x took " + tookMillis + " ms");
        }
    }

    @Test
    void pauseHoldsTheClockAndSeekBackwardsStartsAgain() throws Exception {
        List<CapturedDatagram> ds = stream(3000, 1_000_000); // 3 s of capture
        Path file = write(dir.resolve("r.pcap"), ds);
        Engine engine = new Engine(TrackerConfig.defaults());
        try (Replayer r = new Replayer(file, CaptureFilter.multicast(), engine)) {
            r.pause();
            r.start();
            Await.until("paused after loading", () -> r.progress().state() == Replayer.State.PAUSED);
            assertEquals(0, r.progress().fed());
            Thread.sleep(100); // nothing may move while paused
            assertEquals(T0, r.progress().positionNanos());
            assertEquals(0, r.progress().fed());

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
