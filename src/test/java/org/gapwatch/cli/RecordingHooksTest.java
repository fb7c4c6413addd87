package org.gapwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.gapwatch.testutil.Await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gapwatch.capture.Disks;
import org.gapwatch.capture.Recorder;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Loopback;
import org.gapwatch.net.Publisher;
import org.gapwatch.testutil.ManualClock;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** listen --record on a disk that blocks: the final line and the JSON say what the recording dropped. */
class RecordingHooksTest {
    @TempDir
    Path dir;

    @Test
    void theFinalLineAndTheJsonSayWhatTheRecordingDropped() throws Exception {
        Disks.Blocking disk = new Disks.Blocking();
        ManualClock clock = new ManualClock();
        Path file = dir.resolve("slow.pcap");
        RecordingHooks hooks = new RecordingHooks(file,
                Recorder.Options.defaults().withQueue(8, 1 << 16).withClock(clock).withOpener(disk.opener()));
        clock.advance(Duration.ofSeconds(1)); // the recorder's next round writes, and blocks
        Await.until("the recorder blocked in a write", () -> disk.writes.get() == 1);
        GroupSpec group = Loopback.freshGroup();
        StringWriter err = new StringWriter();
        PrintWriter errOut = new PrintWriter(err, true);
        String json;
        try (Loopback loop = new Loopback(TrackerConfig.defaults(), List.of(group));
             Publisher p = Loopback.publisher(group)) {
            hooks.started(loop.receiver, errOut);
            for (int seq = 0; seq < 50; seq++) {
                Loopback.send(p, "{\"src\":\"slow/a\",\"seq\":" + seq + "}");
            }
            loop.await(s -> s.totals().received() == 50 && s.totals().lost() == 0, "all 50 tracked");
            loop.receiver.setTap(null);
            disk.release();
            hooks.stopped(errOut);
            json = Summary.json(loop.engine.snapshot(), 0, hooks::json);
        }
        assertEquals("gapwatch: recording to " + file + "\n"
                + "gapwatch: recorded 8 datagrams to " + file + "; recording dropped 42\n", err.toString());
        JsonNode recording = JsonMapper.builder().build().readTree(json).get("recording");
        assertEquals("{\"file\":\"" + file + "\",\"recorded\":8,\"dropped\":42,\"state\":\"closed\",\"stopped\":null}",
                recording.toString());
    }
}
