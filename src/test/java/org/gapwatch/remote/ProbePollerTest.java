package org.gapwatch.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.gapwatch.export.MetricsServer;
import org.gapwatch.export.SnapshotCollector;
import org.gapwatch.export.SourceLabels;
import org.gapwatch.fault.ErrorLog;
import org.gapwatch.fault.Faults;
import org.gapwatch.judge.RemoteView;
import org.gapwatch.settings.RemoteProbe;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.Feed;
import org.gapwatch.testutil.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The poller against a real probe's server, a port where nothing listens, and a server that answers badly. */
class ProbePollerTest {
    @TempDir
    java.nio.file.Path dir;

    private Faults faults() {
        return new Faults(new ErrorLog(dir.resolve("errors.log"), line -> { }, java.time.InstantSource.system()));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A raw HTTP/1.1 server on loopback that answers every request with {@code status} and {@code body}. */
    private static ServerSocket answering(int status, String body, AtomicReference<String> query) throws IOException {
        ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (!s.isClosed()) {
                try (java.net.Socket c = s.accept()) {
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(c.getInputStream(),
                            StandardCharsets.ISO_8859_1));
                    String request = in.readLine();
                    query.set(request.split(" ")[1].replaceFirst("^[^?]*\\?", ""));
                    while (!in.readLine().isEmpty()) {
                        // headers
                    }
                    byte[] b = body.getBytes(StandardCharsets.UTF_8);
                    c.getOutputStream().write(("HTTP/1.1 " + status + " X\r\nContent-Length: " + b.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    c.getOutputStream().write(b);
                } catch (IOException | RuntimeException e) {
                    // closed, or a client that went away
                }
            }
        });
        return s;
    }

    @Test
    void readsARealProbeAndSaysWhichDoNotAnswerKeepingTheirLastFigures() throws Exception {
        Feed f = new Feed();
        InetSocketAddress to = new InetSocketAddress("239.1.1.1", 5000);
        f.send(1000, "{\"src\":\"plant/a\",\"seq\":1}", Feed.SENDER, to);
        f.send(1100, "{\"src\":\"plant/a\",\"seq\":4}", Feed.SENDER, to); // 2 lost
        f.publish(1200);
        SnapshotCollector c = new SnapshotCollector(() -> f.engine().snapshot(),
                () -> new org.gapwatch.judge.Judge().judge(f.engine().snapshot(), 1300), 100,
                SourceLabels.DEFAULT, SnapshotCollector.Thresholds.ofPercent(1, 5));
        AtomicReference<String> query = new AtomicReference<>();
        ManualClock clock = new ManualClock(java.time.Instant.ofEpochMilli(50_000));
        try (MetricsServer probe = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), c);
             ServerSocket broken = answering(500, "oops", query)) {
            String dead = "http://127.0.0.1:" + closedPort() + "/metrics";
            String bad = "http://127.0.0.1:" + broken.getLocalPort() + "/metrics";
            // The first is named in the settings; the others go by host:port.
            List<RemoteProbe> probes = List.of(new RemoteProbe(probe.url(), "rack 12"), RemoteProbe.valueOf(dead),
                    RemoteProbe.valueOf(bad));
            try (ProbePoller poller = new ProbePoller(probes, clock::millis, faults())) {
                RemoteView v = poller.pollOnce();
                assertEquals(3, v.probes().size());
                RemoteView.Probe a = v.probes().get(0);
                assertNull(a.problem());
                assertEquals(Map.of("plant/a", new RemoteView.Reading(2, 2, false, 50_000)), a.sources());
                assertEquals(-1, a.socketDrops()); // the Feed has no socket: the probe does not export drops
                assertEquals("connection refused", v.probes().get(1).problem());
                assertEquals(-1, v.probes().get(1).answeredMillis());
                assertEquals("HTTP 500", v.probes().get(2).problem());
                // Only the compared figures are asked for, by the probe server's own name filter.
                assertTrue(query.get().contains("name%5B%5D=gapwatch_lost_total"), query.get());

                // Rows per source: the probe that answered with its figures, the others with why, never zeros.
                List<RemoteView.Row> rows = v.rows("plant/a");
                assertEquals(new RemoteView.Row("rack 12", null, 50_000,
                        new RemoteView.Reading(2, 2, false, 50_000)), rows.get(0));
                assertEquals(new RemoteView.Row(dead.substring("http://".length(), dead.length() - "/metrics".length()),
                        "connection refused", -1, null), rows.get(1));

                // The probe goes away: its last figures stay, marked as not answering since then.
                probe.close();
                clock.advance(java.time.Duration.ofSeconds(1));
                RemoteView.Probe gone = poller.pollOnce().probes().get(0);
                assertEquals("connection refused", gone.problem());
                assertEquals(50_000, gone.answeredMillis());
                assertEquals(a.sources(), gone.sources());
            }
        }
    }

    @Test
    void theLoopPublishesOffTheCallersThreadAndFollowsTheList() throws Exception {
        Feed f = new Feed();
        f.send(1000, "{\"src\":\"s\",\"seq\":1}");
        f.publish(1000);
        SnapshotCollector c = new SnapshotCollector(() -> f.engine().snapshot(),
                () -> new org.gapwatch.judge.Judge().judge(f.engine().snapshot(), 1000), 100,
                SourceLabels.DEFAULT, SnapshotCollector.Thresholds.ofPercent(1, 5));
        try (MetricsServer probe = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), c);
             ProbePoller poller = new ProbePoller(List.of(), System::currentTimeMillis, faults()).start()) {
            assertTrue(poller.latest().isEmpty());
            poller.setProbes(List.of(RemoteProbe.valueOf(probe.url())));
            Await.until("the probe polled", () -> !poller.latest().isEmpty()
                    && poller.latest().probes().getFirst().answering());
            assertEquals(1, poller.latest().probes().getFirst().sources().get("s").received());
            poller.setProbes(List.of());
            Await.until("no probe polled", () -> poller.latest().isEmpty());
        }
    }
}
