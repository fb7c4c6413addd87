package org.gapwatch.realpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.gapwatch.capture.CaptureFilter;
import org.gapwatch.capture.Recorder;
import org.gapwatch.cli.AnalyzeCommand;
import org.gapwatch.engine.Engine;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.MulticastReceiver;
import org.gapwatch.net.ReceiverConfig;
import org.gapwatch.testutil.Await;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;

/**
 * Gapwatch's own receiver and engine, in-process but inside a test's namespace: the receiver is made (its sockets
 * opened and joined) and started on a thread that entered the namespace ({@link Netns#open}), and threads inherit
 * their creator's network namespace, so its sockets join the group on the namespace's lo beside the test's oracle receiver (both bind the
 * port with SO_REUSEADDR and each gets every datagram the firewall let through). Gapwatch's recorder keeps what it
 * received, so {@code analyze} can be run on it.
 */
final class GapwatchInNsRecording implements AutoCloseable {
    final List<GroupSpec> groups;
    final Engine engine = new Engine(TrackerConfig.defaults());
    private MulticastReceiver receiver;
    private final Recorder recorder;
    private final Path recording;

    private GapwatchInNsRecording(List<GroupSpec> groups, Path recording) throws Exception {
        this.groups = groups;
        this.recording = recording;
        engine.setResources(org.gapwatch.files.MappingFiles::read);
        recorder = Recorder.start(recording, Recorder.Options.defaults(), reason -> { });
        recorder.awaitOpened(Duration.ofSeconds(10));
    }

    /** Starts Gapwatch inside the namespace on these subscriptions, recording to {@code recording}. */
    static GapwatchInNsRecording start(Netns ns, List<GroupSpec> groups, Path recording) throws Exception {
        GapwatchInNsRecording g = new GapwatchInNsRecording(groups, recording);
        g.receiver = ns.open(() -> {
            // Opened, joined and started from inside: its sockets and loop threads are the namespace's.
            MulticastReceiver r = new MulticastReceiver(g.engine, new ReceiverConfig(groups, "lo", 8 << 20));
            r.setTap(g.recorder);
            r.start();
            return r;
        });
        Await.until("Gapwatch joined " + groups + " in the namespace",
                () -> g.receiver.status().notJoined().isEmpty() && g.receiver.status().groups().size() > 0);
        return g;
    }

    /** The newest snapshot once {@code condition} holds. */
    TrackerSnapshot await(Predicate<TrackerSnapshot> condition, String what) {
        return Await.value(() -> what + "; last totals " + engine.snapshot().totals(), () -> {
            TrackerSnapshot s = engine.snapshot();
            return condition.test(s) ? s : null;
        });
    }

    /** Once Gapwatch has taken {@code datagrams} datagrams: the live snapshot. */
    TrackerSnapshot awaitDatagrams(long datagrams) {
        return await(s -> s.totals().datagrams() >= datagrams, datagrams + " datagrams");
    }

    /** Stops, and {@code gapwatch analyze} on what its recorder kept. */
    AnalyzeCommand.Result analyzeRecording() throws Exception {
        close();
        return AnalyzeCommand.analyze(recording, CaptureFilter.of(groups, List.of()), TrackerConfig.defaults());
    }

    /** {@code gapwatch analyze} on a capture taken elsewhere (tcpdump). */
    AnalyzeCommand.Result analyze(Path capture) throws Exception {
        return AnalyzeCommand.analyze(capture, CaptureFilter.of(groups, List.of()), TrackerConfig.defaults());
    }

    static SourceView source(TrackerSnapshot s, String src) {
        return s.sources().stream().filter(v -> v.src().equals(src)).findFirst()
                .orElseThrow(() -> new AssertionError("no source " + src));
    }

    private boolean closed;

    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        if (receiver != null) {
            receiver.close();
        }
        recorder.close();
        assertTrue(recorder.awaitClosed(Duration.ofSeconds(10)), "recording closed");
        assertEquals(0, recorder.status().dropped(), "the recording kept every datagram");
    }
}
