package org.gapwatch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.gapwatch.capture.CaptureFilter;
import org.gapwatch.capture.Recorder;
import org.gapwatch.cli.AnalyzeCommand;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;

/**
 * Crafted datagrams of any protocol sent through loopback (TTL 0) to subscriptions on fresh groups and ports,
 * received live by Gapwatch's own receiver and engine while recorded, then the capture analysed: {@link #run}
 * returns both snapshots, and {@link #figures} is what must be the same in both.
 */
public final class LiveAndCapture {
    /** The live snapshot once {@code done} held, and the snapshot of {@code gapwatch analyze} on the recording. */
    public record Result(TrackerSnapshot live, TrackerSnapshot analyzed) {
        public SourceView live(String src) {
            return find(live, src);
        }
    }

    /** Sends datagrams: {@code send(i, bytes)} to subscription i's group and port. */
    public interface Sender {
        void send(int subscription, byte[] datagram);
    }

    private LiveAndCapture() {
    }

    public static Result run(Path dir, List<GroupSpec> subscriptions, java.util.function.Consumer<Sender> script,
                             Predicate<TrackerSnapshot> done, String what) throws Exception {
        Path file = dir.resolve("live.pcap");
        TrackerSnapshot live;
        List<Publisher> publishers = subscriptions.stream().map(Loopback::publisher).toList();
        try (Loopback lo = new Loopback(TrackerConfig.defaults(), subscriptions);
             Recorder writer = Recorder.start(file, Recorder.Options.defaults(), reason -> { })) {
            lo.engine.setResources(org.gapwatch.files.MappingFiles::read);
            writer.awaitOpened(Duration.ofSeconds(10));
            lo.receiver.setTap(writer);
            script.accept((i, b) -> assertTrue(publishers.get(i).send(b, 0, b.length), "sent"));
            live = lo.await(done, what);
            writer.close();
            assertTrue(writer.awaitClosed(Duration.ofSeconds(10)), "recording closed");
            assertEquals(0, writer.status().dropped(), "the recording kept every datagram");
        } finally {
            publishers.forEach(Publisher::close);
        }
        AnalyzeCommand.Result r = AnalyzeCommand.analyze(file, CaptureFilter.of(subscriptions, List.of()),
                TrackerConfig.defaults());
        return new Result(live, r.snapshot());
    }

    /** Per source: received, lost, late, duplicates, restarts, highest. */
    public static Map<String, List<Long>> figures(TrackerSnapshot s) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (SourceView v : s.sources()) {
            out.put(v.src(), List.of(v.received(), v.lost(), v.late(), v.duplicates(), v.restarts(), v.highest()));
        }
        return out;
    }

    public static SourceView find(TrackerSnapshot s, String src) {
        for (SourceView v : s.sources()) {
            if (v.src().equals(src)) {
                return v;
            }
        }
        throw new AssertionError("no source " + src + " in " + figures(s).keySet());
    }

    /** A spec of {@code scheme} on a fresh loopback group and port ({@code ?query} may follow). */
    public static GroupSpec fresh(String scheme, String query) {
        return GroupSpec.parse(scheme + "://" + Loopback.freshGroup() + query);
    }
}
