package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.stage.Stage;
import org.gapwatch.engine.Engine;
import org.gapwatch.export.MetricsServer;
import org.gapwatch.export.SnapshotCollector;
import org.gapwatch.export.SourceLabels;
import org.gapwatch.judge.Episode;
import org.gapwatch.judge.Judge;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Publisher;
import org.gapwatch.settings.Settings;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.Feed;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.ui.detail.VantageRow;
import org.gapwatch.ui.feed.ReceiverFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window with two probes in its settings, as wired for real: a probe on loopback (a metrics server over an
 * engine of its own, the same source received there without loss) and one where nothing listens. The detail view
 * shows both, the dead one as such; a loss here that the probe did not see is placed between it and here.
 */
@ExtendWith(ApplicationExtension.class)
class MonitorProbesTest {
    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() % 200) * 20 + 7);
    private static final String SRC = "plant/line-1/pump-1";

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
                .withProbes(List.of(probe.url(), deadUrl));
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
        String name = probe.url().substring("http://".length(), probe.url().length() - "/metrics".length());
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
}
