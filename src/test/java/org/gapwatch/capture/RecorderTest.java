package org.gapwatch.capture;

import static org.gapwatch.capture.Fixtures.at;
import org.gapwatch.testutil.Await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gapwatch.net.Loopback;
import org.gapwatch.net.Publisher;
import org.gapwatch.testutil.ManualClock;
import org.gapwatch.testutil.ThreadAllocation;
import org.gapwatch.track.Totals;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {
    static final InetSocketAddress FROM = at("10.0.0.1", 1);
    static final InetSocketAddress TO = at("239.255.0.1", 2);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final List<String> stops = new CopyOnWriteArrayList<>();

    private Recorder.Options options() {
        return Recorder.Options.defaults().withClock(clock);
    }

    private static void hand(Recorder r, int from, int count) {
        for (int i = from; i < from + count; i++) {
            byte[] d = Fixtures.update("rec/a", i);
            r.datagram(d, 0, d.length, FROM, TO, 1_000_000L * (i + 1));
        }
    }

    private static Recorder.Status closeAndAwait(Recorder r) throws InterruptedException {
        r.close();
        assertTrue(r.awaitClosed(Duration.ofSeconds(10)), "closed");
        return r.status();
    }

    static List<CapturedDatagram> readAll(Path file) throws IOException {
        return PcapWriterTest.readAll(file);
    }

    @Test
    void recordsEveryDatagramOnItsOwnThreadAndClosesInTheBackground() throws Exception {
        Path file = dir.resolve("r.pcap");
        Recorder r = Recorder.start(file, options(), stops::add);
        assertEquals(Recorder.State.RECORDING, r.awaitOpened(Duration.ofSeconds(10)).state());
        hand(r, 0, 500);
        Recorder.Status s = closeAndAwait(r);
        assertEquals(new Recorder.Status(Recorder.State.CLOSED, file, 500, 0, null), s);
        List<CapturedDatagram> back = readAll(file);
        assertEquals(500, back.size());
        for (int i = 0; i < 500; i++) {
            assertArrayEquals(Fixtures.update("rec/a", i), back.get(i).payload());
        }
        assertEquals(List.of(), stops);
    }

    @Test
    void reachesTheFileOnceASecondByTheClock() throws Exception {
        Path file = dir.resolve("tick.pcap");
        Recorder r = Recorder.start(file, options(), stops::add);
        r.awaitOpened(Duration.ofSeconds(10));
        hand(r, 0, 7);
        clock.advance(Duration.ofSeconds(1));
        Await.until("7 in the file", () -> r.status().recorded() == 7);
        assertEquals(24 + 7L * (16 + 28 + Fixtures.update("rec/a", 0).length), Files.size(file));
        closeAndAwait(r);
    }

    @Test
    void aFileThatCannotBeOpenedFailsWithOneLine() throws Exception {
        Path file = dir.resolve("missing").resolve("r.pcap");
        Recorder r = Recorder.start(file, options(), stops::add);
        Recorder.Status s = r.awaitOpened(Duration.ofSeconds(10));
        assertEquals(Recorder.State.FAILED, s.state());
        assertEquals("the folder does not exist", s.stopCause());
        assertTrue(r.awaitClosed(Duration.ofSeconds(10)));
        assertEquals(List.of("cannot record to " + file + ": the folder does not exist"), stops);
        hand(r, 0, 3);
        assertEquals(3, r.status().dropped());
    }

    /** Issue 8 §4.2: the folder removed while rotation is on: one line, the state says stopped and why. */
    @Test
    void aRemovedFolderStopsTheRecordingWithOneLineAndCountsWhatFollows() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path file = sub.resolve("rot.pcap");
        Recorder r = Recorder.start(file, options().withRotation(100_000, 3), stops::add);
        r.awaitOpened(Duration.ofSeconds(10));
        hand(r, 0, 10);
        clock.advance(Duration.ofSeconds(1));
        Await.until("10 in the file", () -> r.status().recorded() == 10);
        Files.delete(file);
        Files.delete(sub);
        hand(r, 10, 4);
        clock.advance(Duration.ofSeconds(1));
        Await.until("stopped", () -> r.status().state() == Recorder.State.STOPPED);
        assertTrue(r.awaitClosed(Duration.ofSeconds(10)));
        hand(r, 14, 6);
        Recorder.Status s = r.status();
        assertEquals("its folder " + sub + " was removed", s.stopCause());
        assertEquals(List.of("recording to " + file + " stopped: its folder " + sub + " was removed"), stops);
        assertEquals(10, s.recorded());
        assertEquals(10, s.dropped());
        assertFalse(Files.exists(sub), "not made again: it may have been a disk taken away on purpose");
    }

    /**
     * Issue 8 §3: a disk whose writes block for seconds. Tracking through a real receiver stays exact, the recording
     * keeps what its queue holds and drops the rest, counted, and closing returns at once.
     */
    @Test
    void aBlockingDiskDropsForTheRecordingOnlyAndTrackingStaysExact() throws Exception {
        Disks.Blocking disk = new Disks.Blocking();
        Path file = dir.resolve("slow.pcap");
        int slots = 64;
        Recorder r = Recorder.start(file, options().withQueue(slots, 1 << 16).withOpener(disk.opener()), stops::add);
        r.awaitOpened(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(1)); // the next round writes: and blocks
        Await.until("the recorder blocked in a write", () -> disk.writes.get() == 1);
        var group = Loopback.freshGroup();
        int n = 2000;
        try (Loopback loop = new Loopback(TrackerConfig.defaults(), List.of(group));
             Publisher p = Loopback.publisher(group)) {
            loop.receiver.setTap(r);
            for (int seq = 0; seq < n; seq++) {
                Loopback.send(p, "{\"src\":\"slow/a\",\"seq\":" + seq + ",\"value\":1}");
                if (seq % 500 == 499) {
                    int sent = seq + 1;
                    loop.await(s -> s.totals().received() == sent, sent + " tracked");
                }
            }
            TrackerSnapshot t = loop.await(s -> s.totals().received() == n, "all tracked");
            Totals totals = t.totals();
            assertEquals(n, totals.datagrams());
            assertEquals(0, totals.lost());
            Await.until("the overflow counted", () -> r.status().dropped() == n - slots);
            loop.receiver.setTap(null);
        }
        Recorder.Status blocked = r.status();
        assertEquals(new Recorder.Status(Recorder.State.RECORDING, file, 0, n - slots, null), blocked);
        long t0 = System.nanoTime();
        r.close();
        long closeMicros = (System.nanoTime() - t0) / 1000;
        assertFalse(r.awaitClosed(Duration.ofMillis(50)), "still held by the disk");
        assertTrue(closeMicros < 16_000, "close took " + closeMicros + " µs");
        disk.release();
        Recorder.Status s = closeAndAwait(r);
        assertEquals(new Recorder.Status(Recorder.State.CLOSED, file, slots, n - slots, null), s);
        List<CapturedDatagram> back = readAll(file);
        assertEquals(slots, back.size());
        for (int i = 0; i < slots; i++) {
            assertEquals("{\"src\":\"slow/a\",\"seq\":" + i + ",\"value\":1}",
                    new String(back.get(i).payload(), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(List.of(), stops);
    }

    /**
     * Issue 8 §4.3 on a real full disk (a 1 MiB tmpfs): the count is what the files hold, no file is cut inside a
     * record, and no empty file is left by the rotation that found the disk full.
     */
    @Test
    void onAFullTmpfsTheCountIsWhatTheFilesHold() throws Exception {
        Path mnt = Files.createDirectory(dir.resolve("tmpfs"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt.toString())
                .redirectErrorStream(true).start();
        String out = new String(mount.getInputStream().readAllBytes());
        Assumptions.assumeTrue(mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0,
                "skipped: cannot mount a 1 MiB tmpfs (needs root): " + out.strip());
        Path file = mnt.resolve("full.pcap");
        Recorder r = null;
        try {
            r = Recorder.start(file, Recorder.Options.defaults().withRotation(300_000, 10), stops::add);
            assertEquals(Recorder.State.RECORDING, r.awaitOpened(Duration.ofSeconds(10)).state());
            byte[] payload = new byte[1000];
            int n = 3000; // 3 MB: three times the disk, and all of it fits in the queue
            for (int i = 0; i < n; i++) {
                payload[0] = (byte) i;
                r.datagram(payload, 0, payload.length, FROM, TO, 1_000_000L * (i + 1));
            }
            Recorder.Status s = closeAndAwait(r);
            assertEquals(Recorder.State.STOPPED, s.state());
            assertEquals("No space left on device", s.stopCause());
            assertEquals(List.of("recording to " + file + " stopped: No space left on device"), stops);
            assertEquals(n, s.recorded() + s.dropped());
            long inFiles = 0;
            List<Path> files;
            try (Stream<Path> list = Files.list(mnt)) {
                files = list.sorted().toList();
            }
            for (Path f : files) {
                assertTrue(Files.size(f) > 24, f + " holds records (" + Files.size(f) + " bytes)");
                inFiles += readAll(f).size(); // no problem lines: every file ends on a whole record
            }
            assertEquals(inFiles, s.recorded(), files.toString());
            // Records of 1044 bytes: 287 fill a 300,000-byte file (74 pages of 4 KiB); three such files leave 34 of
            // the 256 pages for the fourth, which takes 133 whole records before the disk is full.
            assertEquals(List.of(mnt.resolve("full.pcap"), mnt.resolve("full.pcap.1"), mnt.resolve("full.pcap.2"),
                    mnt.resolve("full.pcap.3")), files);
            assertEquals(3 * 287 + 133, s.recorded());
        } finally {
            if (r != null) {
                r.close();
                r.awaitClosed(Duration.ofSeconds(10)); // an open file would keep the mount busy
            }
            new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The tap runs on the receiver's processing thread: it copies, and allocates nothing. */
    @Test
    void theTapAllocatesNothingPerDatagram() throws Exception {
        Recorder r = Recorder.start(dir.resolve("alloc.pcap"), options().withQueue(1 << 10, 1 << 20), stops::add);
        r.awaitOpened(Duration.ofSeconds(10));
        byte[] d = Fixtures.update("rec/a", 1);
        for (int i = 0; i < 20_000; i++) { // warm up: the path compiled, the queue full (drops counted too)
            r.datagram(d, 0, d.length, FROM, TO, i);
        }
        long baseline = ThreadAllocation.during(() -> { });
        long taps = ThreadAllocation.during(() -> {
            for (int i = 0; i < 100_000; i++) {
                r.datagram(d, 0, d.length, FROM, TO, i);
            }
        });
        // One object per datagram would be 1.6 MB or more; the reading itself costs the same in both.
        assertTrue(taps - baseline < 100_000, (taps - baseline) + " bytes allocated by 100,000 taps");
        closeAndAwait(r);
    }
}
