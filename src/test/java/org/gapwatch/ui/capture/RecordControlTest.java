package org.gapwatch.ui.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.gapwatch.capture.CaptureFilter;
import org.gapwatch.capture.CaptureReader;
import org.gapwatch.capture.CapturedDatagram;
import org.gapwatch.capture.Disks;
import org.gapwatch.capture.Recorder;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Loopback;
import org.gapwatch.net.Publisher;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.External;
import org.gapwatch.testutil.ManualClock;
import org.gapwatch.testutil.Screenshots;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class RecordControlTest {
    private final GroupSpec group = Loopback.freshGroup();
    private Loopback loop;
    private RecordControl control;
    private Scene scene;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        loop = new Loopback(TrackerConfig.defaults(), List.of(group));
        control = new RecordControl(loop.receiver);
        control.setFileChoice(RecordControl.NO_DIALOG);
        scene = new Scene(control, 1400, 64);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        Await.onFx(() -> {
            control.stop();
            return null;
        });
        loop.close();
    }

    private static String update(int seq) {
        return "{\"src\":\"rec/a\",\"seq\":" + seq + ",\"value\":" + seq + "}";
    }

    private void sendAndAwait(Publisher p, int from, int to) {
        for (int seq = from; seq <= to; seq++) {
            Loopback.send(p, update(seq));
        }
        loop.await(s -> s.totals().received() == to, to + " datagrams received");
    }

    private String text(String id) {
        return Await.onFx(() -> ((Label) scene.lookup(id)).getText());
    }

    private boolean shown(String id) {
        return Await.onFx(() -> {
            Node n = scene.lookup(id);
            return n.isVisible() && n.isManaged();
        });
    }

    @Test
    void recordsExactlyTheDatagramsReceivedWhileRecordingWithTheirDestination(FxRobot robot) throws Exception {
        Await.onFx(() -> {
            control.directoryProperty().set(dir);
            return null;
        });
        assertEquals("Record", Await.onFx(() -> ((Button) scene.lookup("#record-button")).getText()));
        assertFalse(shown("#record-badge"));
        robot.clickOn("#record-button");
        Await.fx("recording", () -> control.recordingProperty().get());
        Path file = Await.onFx(() -> control.fileProperty().get());
        assertEquals(dir, file.getParent());
        assertTrue(file.getFileName().toString().matches("gapwatch-\\d{8}-\\d{6}\\.pcap"), file.toString());
        assertEquals("Stop", Await.onFx(() -> ((Button) scene.lookup("#record-button")).getText()));
        assertTrue(shown("#record-badge"));
        assertEquals(file.getFileName().toString(), text("#record-file"));

        int n = 250;
        try (Publisher p = Loopback.publisher(group)) {
            sendAndAwait(p, 1, n);
        }
        Await.fx("250 written shown", () -> "250 datagrams".equals(
                ((Label) scene.lookup("#record-count")).getText()));
        Await.onFx(() -> Screenshots.write(scene, "record-recording"));
        robot.clickOn("#record-button");
        Await.fx("stopped", () -> !control.recordingProperty().get());
        assertNull(Await.onFx(() -> control.errorProperty().get()));
        assertEquals(n, Await.onFx(() -> control.writtenProperty().get()));

        List<CapturedDatagram> read = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(file, CaptureFilter.multicast())) {
            CapturedDatagram d;
            while ((d = r.next()) != null) {
                read.add(d);
            }
            assertEquals(List.of(), r.stats().problemLines());
        }
        assertEquals(n, read.size());
        long previous = 0;
        for (int i = 0; i < n; i++) {
            CapturedDatagram d = read.get(i);
            assertArrayEquals(update(i + 1).getBytes(StandardCharsets.UTF_8), d.payload(), "datagram " + (i + 1));
            assertEquals(group.socketAddress(), d.destination());
            assertTrue(d.sender().getAddress().isLoopbackAddress(), d.sender().toString());
            assertTrue(d.arrivalEpochNanos() >= previous, "arrival times in order");
            previous = d.arrivalEpochNanos();
        }
    }

    @Test
    void aFolderThatIsAFileShowsTheReasonAndMonitoringGoesOn(FxRobot robot) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        Await.onFx(() -> {
            control.directoryProperty().set(notAFolder);
            return null;
        });
        robot.clickOn("#record-button");
        Await.fx("error shown", () -> control.errorProperty().get() != null);
        assertFalse(Await.onFx(() -> control.recordingProperty().get()));
        String error = text("#record-error");
        assertTrue(error.startsWith("Cannot record to gapwatch-") && error.endsWith(
                ".pcap: Not a directory — monitoring goes on"), error);
        assertTrue(shown("#record-error"));
        try (Publisher p = Loopback.publisher(group)) {
            sendAndAwait(p, 1, 20);
        }
    }

    @Test
    void aFullDiskStopsRecordingWithARedLineWhileTheReceiverKeepsCounting(FxRobot robot) throws Exception {
        Path full = Path.of("/dev/full");
        External.require(java.nio.file.Files.isWritable(full), "/dev/full", "a Linux machine has it");
        Await.onFx(() -> {
            control.setFileChoice((owner, suggested) -> full);
            return null;
        });
        robot.clickOn("#record-button");
        Await.fx("recording", () -> control.recordingProperty().get());
        try (Publisher p = Loopback.publisher(group)) {
            sendAndAwait(p, 1, 30);
            // The writer hands its buffer to the OS within a second: there the disk is full.
            Await.fx("stopped by the full disk", () -> !control.recordingProperty().get());
            String error = text("#record-error");
            assertTrue(error.matches("RECORDING STOPPED at \\d\\d:\\d\\d:\\d\\d: No space left on device \\(full\\) "
                    + "— monitoring goes on"), error);
            assertTrue(shown("#record-error"));
            assertFalse(shown("#record-badge"));
            assertEquals("Record", Await.onFx(() -> ((Button) scene.lookup("#record-button")).getText()));
            Await.onFx(() -> Screenshots.write(scene, "record-stopped-disk-full"));
            sendAndAwait(p, 31, 80);
        }
        assertEquals(0, loop.engine.snapshot().totals().lost());
    }

    @Test
    void rotationSettingsReachTheWriterAndNoDatagramIsLostAcrossFiles(FxRobot robot) throws Exception {
        Await.onFx(() -> {
            control.directoryProperty().set(dir);
            control.maxFileBytesProperty().set(2000);
            control.keepFilesProperty().set(50);
            return null;
        });
        robot.clickOn("#record-button");
        Await.fx("recording", () -> control.recordingProperty().get());
        int n = 100; // about 85 bytes a record: 23 records a file
        try (Publisher p = Loopback.publisher(group)) {
            sendAndAwait(p, 1, n);
        }
        Await.fx("100 written", () -> control.writtenProperty().get() == n);
        robot.clickOn("#record-button");
        Await.fx("stopped", () -> !control.recordingProperty().get());
        Path file = Await.onFx(() -> control.fileProperty().get());

        List<Path> files = new ArrayList<>();
        for (int k = 50; k >= 1; k--) {
            Path older = file.resolveSibling(file.getFileName() + "." + k);
            if (Files.exists(older)) {
                files.add(older);
            }
        }
        files.add(file);
        assertTrue(files.size() >= 4, files.toString());
        int seq = 0;
        for (Path f : files) {
            assertTrue(Files.size(f) <= 2000, f + " has " + Files.size(f) + " bytes");
            try (CaptureReader r = CaptureReader.open(f, CaptureFilter.multicast())) {
                CapturedDatagram d;
                while ((d = r.next()) != null) {
                    seq++;
                    assertArrayEquals(update(seq).getBytes(StandardCharsets.UTF_8), d.payload(), "datagram " + seq);
                }
            }
        }
        assertEquals(n, seq);
    }

    /**
     * The FX thread's CPU time for {@code work}, in µs: the work itself, not the time other processes on a loaded
     * machine take from it (wall-clock windows fail from load alone). A call blocked on the disk would not return.
     */
    private static long fxMicros(Runnable work) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return Await.onFx(() -> {
            long t0 = mx.getCurrentThreadCpuTime();
            work.run();
            return (mx.getCurrentThreadCpuTime() - t0) / 1000;
        });
    }

    /**
     * Issue 8 §3: a disk whose writes block for seconds. Tracking stays exact, the control's work on the FX thread
     * (start, each 250 ms refresh, stop) returns while the disk is blocked and stays under a 16 ms frame, because it
     * only reads the recorder's published status; and the drops are shown.
     */
    @Test
    void aBlockingDiskNeverHoldsUpTheFxThreadAndTheDropsAreShown() throws Exception {
        Disks.Blocking disk = new Disks.Blocking();
        ManualClock clock = new ManualClock();
        int slots = 16;
        Path file = dir.resolve("blocked.pcap");
        Await.onFx(() -> {
            control.setOptions(Recorder.Options.defaults().withQueue(slots, 1 << 16).withClock(clock)
                    .withOpener(disk.opener()));
            return null;
        });
        List<Long> fxMicros = new ArrayList<>();
        fxMicros.add(fxMicros(() -> control.start(file)));
        // Opened on the recorder's thread: only then does its second begin, so move the clock after it.
        Await.fx("the recording open", () -> control.recordingProperty().get());
        clock.advance(java.time.Duration.ofSeconds(1)); // the recorder's next round writes, and blocks
        Await.until("the recorder blocked in a write", () -> disk.writes.get() == 1);
        int n = 100;
        try (Publisher p = Loopback.publisher(group)) {
            sendAndAwait(p, 1, n);
        }
        assertEquals(0, loop.engine.snapshot().totals().lost());
        Await.fx("drops shown", () -> control.droppedProperty().get() == n - slots);
        assertEquals("recording dropped 84", text("#record-dropped"));
        assertTrue(shown("#record-dropped"));
        assertEquals("0 datagrams", text("#record-count"));
        for (int i = 0; i < 20; i++) {
            fxMicros.add(fxMicros(control::refresh));
        }
        fxMicros.add(fxMicros(control::stop));
        assertFalse(Await.onFx(() -> control.recordingProperty().get()), "stopped at once, the disk still held");
        assertEquals(1, disk.writes.get(), "all of it while the recorder's one write was blocked");
        for (long us : fxMicros) {
            assertTrue(us < 16_000, "FX work took " + us + " µs of CPU: " + fxMicros);
        }
        System.err.println("FX work while the disk blocked, µs of CPU: start, 20 refreshes, stop: " + fxMicros);
        disk.release();
        Await.fx("the file finished in the background", () -> control.writtenProperty().get() == slots);
        assertEquals(n - slots, Await.onFx(() -> control.droppedProperty().get()));
        assertNull(Await.onFx(() -> control.errorProperty().get()));
        int read = 0;
        try (CaptureReader r = CaptureReader.open(file, CaptureFilter.multicast())) {
            while (r.next() != null) {
                read++;
            }
        }
        assertEquals(slots, read);
    }
}
