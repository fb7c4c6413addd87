package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.stage.Stage;
import org.gapwatch.capture.PcapWriter;
import org.gapwatch.capture.Replayer;
import org.gapwatch.engine.Engine;
import org.gapwatch.export.MetricsServer;
import org.gapwatch.export.SnapshotCollector;
import org.gapwatch.export.SourceLabels;
import org.gapwatch.judge.Episode;
import org.gapwatch.judge.Judge;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Publisher;
import org.gapwatch.settings.RemoteProbe;
import org.gapwatch.settings.Settings;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.Feed;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.ui.capture.CaptureOpener;
import org.gapwatch.ui.detail.DetailPane;
import org.gapwatch.ui.detail.VantageRow;
import org.gapwatch.ui.feed.ReceiverFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window with two probes in its settings, as wired for real: a probe on loopback (a metrics server over an
 * engine of its own, the same source received there without loss), named "rack 12" in the settings, and one where
 * nothing listens, unnamed. The detail view shows both, by the name given or else host:port, the dead one as such;
 * a loss here that the probe did not see is placed between it and here, by name. While a capture replays, the
 * detail shows no probe figures (they are live) and says so.
 */
@ExtendWith(ApplicationExtension.class)
class MonitorProbesTest {
    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() % 200) * 20 + 7);
    private static final String SRC = "plant/line-1/pump-1";
    /** The name the settings give the live probe; the dead one has none and goes by host:port. */
    private static final String PROBE_NAME = "rack 12";

    private final Feed remote = new Feed(new Engine(TrackerConfig.defaults()));
    private MetricsServer probe;
    private String deadUrl;
    private MonitorWindow window;
    private Publisher publisher;

    @Start
    void start(Stage primary) throws IOException {
        Stage stage = new Stage();
        int n = NEXT.getAndAdd(2);
        String group = "239.255.93." + (1 + n % 250) + ":" + (47_000 + n);
        probe = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), new SnapshotCollector(
                remote.engine()::snapshot, () -> new Judge().judge(remote.engine().snapshot(), 0), 100,
                SourceLabels.DEFAULT, SnapshotCollector.Thresholds.ofPercent(1, 5)));
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadUrl = "http://127.0.0.1:" + s.getLocalPort() + "/metrics";
        }
        Engine engine = new Engine(TrackerConfig.defaults());
        Settings s = Settings.defaults().withGroups(List.of(group)).withNetworkInterface("lo")
                .withProbes(List.of(new RemoteProbe(probe.url(), PROBE_NAME), RemoteProbe.valueOf(deadUrl)));
        window = new MonitorWindow(stage, engine, iface -> new ReceiverFeed(engine, iface), s, null);
        stage.setWidth(1000);
        stage.setHeight(1000);
        window.show(false, null);
        publisher = new Publisher(GroupSpec.parse(group), "lo", 0);
    }

    @AfterEach
    void stop() throws Exception {
        publisher.close();
        probe.close();
        WaitForAsyncUtils.asyncFx(() -> {
            window.stage().close();
            window.close();
            javafx.application.Application.setUserAgentStylesheet(null);
        }).get();
    }

    private void send(long seq) {
        byte[] b = ("{\"src\":\"" + SRC + "\",\"seq\":" + seq + ",\"interval\":60000}").getBytes(StandardCharsets.UTF_8);
        publisher.send(b, 0, b.length);
    }

    private void remote(long seq) {
        remote.send(System.currentTimeMillis(), "{\"src\":\"" + SRC + "\",\"seq\":" + seq + ",\"interval\":60000}");
        remote.publish(System.currentTimeMillis());
    }

    @Test
    void theDetailShowsEachProbeAndALossOnlyHereIsBetweenTheProbeAndHere() throws Exception {
        Await.fx("joined", () -> !window.feed().status().groups().isEmpty());
        for (long seq = 1; seq <= 3; seq++) {
            remote(seq);
            send(seq);
        }
        Await.fx("the source here", () -> window.controller().judgement().snapshot().sourceCount() == 1);
        WaitForAsyncUtils.asyncFx(() -> window.selectedSourceProperty().set(SRC)).get();
        String name = PROBE_NAME;
        String dead = deadUrl.substring("http://".length(), deadUrl.length() - "/metrics".length());
        Await.until(() -> "the probes' rows: " + Await.onFx(window.wiring().detail::vantageRows), () -> {
            List<VantageRow> rows = Await.onFx(window.wiring().detail::vantageRows);
            return rows.size() == 2 && rows.get(0).received().equals("3")
                    && rows.get(1).lastSeen().equals("no answer: connection refused");
        });
        List<VantageRow> rows = Await.onFx(window.wiring().detail::vantageRows);
        assertEquals(new VantageRow(name, "3", "0", rows.get(0).lastSeen()), rows.get(0));
        assertEquals(new VantageRow(dead, "—", "—", "no answer: connection refused"), rows.get(1));

        // Here 4 and 5 go missing; the probe keeps receiving all of them.
        send(6);
        for (long seq = 4; seq <= 8; seq++) {
            remote(seq);
        }
        send(7);
        send(8);
        String between = "not lost at probe " + name + ": the loss is between " + name + " and here";
        Await.until(() -> "the episode's evidence: " + Await.onFx(() -> window.controller().judgement()
                .latestEpisode()), () -> {
            Episode e = Await.onFx(() -> window.controller().judgement().latestEpisode());
            return e != null && e.evidence().contains(between);
        });
    }
    @Test
    void whileACaptureReplaysTheProbesFiguresAreNotShownAndTheTableSaysTheyAreLiveOnly(@TempDir Path dir)
            throws Exception {
        Await.fx("joined", () -> !window.feed().status().groups().isEmpty());
        remote(1);
        send(1);
        Await.fx("the source here", () -> window.controller().judgement().snapshot().sourceCount() == 1);
        WaitForAsyncUtils.asyncFx(() -> window.selectedSourceProperty().set(SRC)).get();
        Await.until(() -> "the live probes' rows: " + Await.onFx(window.wiring().detail::vantageRows),
                () -> Await.onFx(window.wiring().detail::vantageRows).size() == 2);
        assertEquals("Seen by probes", Await.onFx(window.wiring().detail::vantageTitle));

        // A capture of the same source, replayed in the window: the probes' figures of now would be untrue there.
        Path capture = dir.resolve("night-shift.pcap");
        try (PcapWriter w = new PcapWriter(capture, msg -> { throw new AssertionError(msg); })) {
            long t0 = System.currentTimeMillis() * 1_000_000L - 60_000_000_000L;
            for (long seq = 1; seq <= 5; seq++) {
                byte[] b = ("{\"src\":\"" + SRC + "\",\"seq\":" + seq + ",\"interval\":60000}")
                        .getBytes(StandardCharsets.UTF_8);
                w.datagram(b, 0, b.length, new InetSocketAddress("10.0.0.5", 4000),
                        new InetSocketAddress("239.255.10.10", 5000), t0 + seq * 50_000_000L);
            }
        }
        WaitForAsyncUtils.asyncFx(() -> {
            window.wiring().setCaptureOpener(new CaptureOpener(owner -> capture));
            window.openCapture();
            window.wiring().replayBar().setSpeed(Replayer.AS_FAST_AS_POSSIBLE);
        }).get();
        Engine replay = Await.onFx(() -> window.wiring().replayEngine());
        Await.until("the capture replayed", () -> replay.snapshot().totals().datagrams() == 5);
        WaitForAsyncUtils.asyncFx(() -> window.selectedSourceProperty().set(SRC)).get();
        Await.fx("the detail shows the replayed source", () -> window.wiring().detail.historyProperty().get() != null
                && window.wiring().detail.historyProperty().get().view().received() == 5);
        assertEquals(DetailPane.VANTAGE_LIVE_ONLY, Await.onFx(window.wiring().detail::vantageTitle));
        assertEquals(List.of(), Await.onFx(window.wiring().detail::vantageRows));
        assertFalse(Await.onFx(() -> window.stage().getScene().lookup("#detail-vantage").isVisible()));

        // Back to live: the figures again.
        WaitForAsyncUtils.asyncFx(window::backToLive).get();
        Await.until(() -> "the live probes' rows again: " + Await.onFx(window.wiring().detail::vantageRows),
                () -> Await.onFx(window.wiring().detail::vantageRows).size() == 2);
        assertEquals("Seen by probes", Await.onFx(window.wiring().detail::vantageTitle));
        assertEquals(PROBE_NAME, Await.onFx(window.wiring().detail::vantageRows).getFirst().probe());
    }
}
