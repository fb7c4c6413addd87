package org.gapwatch.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReference;
import org.gapwatch.export.SnapshotCollector.Thresholds;
import org.gapwatch.judge.Cause;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.JudgeConfig;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.LossWindow;
import org.gapwatch.judge.SourceState;
import org.gapwatch.testutil.Feed;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.Test;

/** The exported figures, exactly, in both text formats as the real HTTP server serves them, and the limits. */
class SnapshotCollectorTest {
    private static final Thresholds THRESHOLDS = Thresholds.ofPercent(1, 5);
    private static final InetSocketAddress PLANT = new InetSocketAddress("239.1.1.1", 5000);
    private static final InetSocketAddress LAB = new InetSocketAddress("239.1.1.2", 5000);

    /** Sends update {@code seq} of {@code src} to the group and port {@code to}. */
    private static Feed send(Feed f, long at, InetSocketAddress to, String src, long seq) {
        return f.send(at, "{\"src\":\"" + src + "\",\"seq\":" + seq + "}", Feed.SENDER, to);
    }

    /** plant/a: 1 2 3 (nothing lost); plant/b: 1 4 (2 lost), then 2 (late: 1 lost), then 4 again (duplicate); lab/x: 5. */
    private static TrackerSnapshot sample(Feed f) {
        send(f, 1000, PLANT, "plant/a", 1);
        send(f, 1100, PLANT, "plant/a", 2);
        send(f, 1200, PLANT, "plant/a", 3);
        send(f, 1000, PLANT, "plant/b", 1);
        send(f, 1100, PLANT, "plant/b", 4);
        send(f, 1200, PLANT, "plant/b", 2);
        send(f, 1300, PLANT, "plant/b", 4);
        send(f, 1000, LAB, "lab/x", 5);
        f.send(1100, "not json");
        return f.publish(1400);
    }

    /** The judgement a runner would publish: {@code snapshots}' newest, judged at {@code nowMillis}. */
    private static Supplier<Judgement> judgedAt(Supplier<TrackerSnapshot> snapshots, long nowMillis) {
        return () -> new Judge().judge(snapshots.get(), nowMillis);
    }

    private static String scrape(MetricsServer server, String accept) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(server.url()));
        if (accept != null) {
            r.header("Accept", accept);
        }
        try (HttpClient c = HttpClient.newHttpClient()) {
            HttpResponse<String> resp = c.send(r.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, resp.statusCode());
            return resp.body();
        }
    }

    /** The sample as the real server serves it at {@code nowMillis} to a scraper that accepts {@code accept}. */
    private static String served(long nowMillis, String accept) throws Exception {
        TrackerSnapshot s = sample(new Feed());
        SnapshotCollector c = new SnapshotCollector(() -> s, judgedAt(() -> s, nowMillis), 10_000, SourceLabels.DEFAULT, THRESHOLDS);
        try (MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), c)) {
            return scrape(server, accept);
        }
    }

    private static void assertHasLines(String body, List<String> wanted) {
        List<String> lines = body.lines().toList();
        for (String want : wanted) {
            assertTrue(lines.contains(want), "missing line: " + want + "\n" + body);
        }
    }

    @Test
    void prometheusTextHasEveryFigureExactly() throws Exception {
        String body = served(2000, null);
        assertHasLines(body, List.of(
                "# TYPE gapwatch_lost_total counter",
                "gapwatch_lost_total{group=\"239.1.1.2:5000\",protocol=\"json\",src=\"lab/x\"} 0.0",
                "gapwatch_lost_total{group=\"239.1.1.1:5000\",protocol=\"json\",src=\"plant/a\"} 0.0",
                "gapwatch_lost_total{group=\"239.1.1.1:5000\",protocol=\"json\",src=\"plant/b\"} 1.0",
                "gapwatch_received_total{group=\"239.1.1.1:5000\",protocol=\"json\",src=\"plant/a\"} 3.0",
                "gapwatch_received_total{group=\"239.1.1.1:5000\",protocol=\"json\",src=\"plant/b\"} 3.0",
                "gapwatch_duplicates_total{group=\"239.1.1.1:5000\",protocol=\"json\",src=\"plant/b\"} 1.0",
                "gapwatch_late_total{group=\"239.1.1.1:5000\",protocol=\"json\",src=\"plant/b\"} 1.0",
                "gapwatch_restarts_total{group=\"239.1.1.2:5000\",protocol=\"json\",src=\"lab/x\"} 0.0",
                "# TYPE gapwatch_stale gauge",
                "gapwatch_stale{group=\"239.1.1.1:5000\",protocol=\"json\",src=\"plant/a\"} 0.0",
                "gapwatch_datagrams_total 9.0",
                "gapwatch_invalid_total{reason=\"malformed-json\"} 1.0",
                "gapwatch_rejected_sources_total 0.0",
                "gapwatch_sources 3.0",
                "gapwatch_export_summarised 0.0",
                "gapwatch_export_source_series 3.0",
                "gapwatch_loss_warn_ratio 0.01",
                "gapwatch_loss_alarm_ratio 0.05"));
        // The Feed's engine has no socket: drops unknown, so the series is absent rather than 0.
        assertFalse(body.contains("gapwatch_socket_drops"), body);
        // The episode the judgement opened is not over: counted when it ends.
        assertHasLines(body, List.of("gapwatch_episodes_total{cause=\"undetermined\"} 0.0"));
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() throws Exception {
        String body = served(10_000, "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertHasLines(body, List.of(
                "# TYPE gapwatch_lost counter",
                "gapwatch_lost_total{group=\"239.1.1.1:5000\",protocol=\"json\",src=\"plant/b\"} 1.0",
                // 8.6 s after the last arrival, past the 5 s default staleness: all three stale.
                "gapwatch_stale{group=\"239.1.1.2:5000\",protocol=\"json\",src=\"lab/x\"} 1.0",
                "gapwatch_stale{group=\"239.1.1.1:5000\",protocol=\"json\",src=\"plant/a\"} 1.0",
                "gapwatch_datagrams_total 9.0",
                "# EOF"));
        assertEquals("# EOF", body.lines().toList().getLast());
    }

    @Test
    void theServerBindsOnlyTheAddressGiven() {
        Feed f = new Feed();
        SnapshotCollector c = new SnapshotCollector(() -> f.publish(0), judgedAt(f.engine()::snapshot, 0), 10, SourceLabels.DEFAULT, THRESHOLDS);
        try (MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), c)) {
            assertEquals("127.0.0.1", server.address().getAddress().getHostAddress());
            // Taken on 127.0.0.1: a second server on the same port fails in one line naming the address.
            RuntimeException e = assertThrows(RuntimeException.class, () -> MetricsServer.start(server.address(), c));
            assertTrue(e.getMessage().startsWith("cannot serve metrics on 127.0.0.1:" + server.address().getPort()),
                    e.getMessage());
        }
    }

    /** label set of a data point, as "group src" */
    private static Map<String, Double> values(MetricSnapshots all, String name) {
        Map<String, Double> out = new TreeMap<>();
        for (MetricSnapshot m : all) {
            if (m.getMetadata().getName().equals(name)) {
                for (DataPointSnapshot p : m.getDataPoints()) {
                    double v = p instanceof CounterSnapshot.CounterDataPointSnapshot cp ? cp.getValue()
                            : ((GaugeSnapshot.GaugeDataPointSnapshot) p).getValue();
                    out.put(p.getLabels().get("group") + " " + p.getLabels().get("src"), v);
                }
            }
        }
        return out;
    }

    private static double single(MetricSnapshots all, String name) {
        return values(all, name).values().iterator().next();
    }

    @Test
    void aboveTheLimitOnlySourcesWithProblemsKeepTheirSeriesAndTheRestAreSummedByGroup() {
        Feed f = new Feed();
        for (int i = 0; i < 6; i++) {
            send(f, 1000, PLANT, "plant/p" + i, 1);
            send(f, 1100, PLANT, "plant/p" + i, 2);
        }
        send(f, 1000, LAB, "lab/q", 1);
        // Two with loss: plant/p1 lost 3, lab/bad lost 1.
        send(f, 1000, PLANT, "plant/p1", 6);
        send(f, 1000, LAB, "lab/bad", 1);
        send(f, 1100, LAB, "lab/bad", 3);
        TrackerSnapshot s = f.publish(1200);
        MetricSnapshots m = new SnapshotCollector(() -> s, judgedAt(() -> s, 1300), 4, SourceLabels.DEFAULT, THRESHOLDS).collect();

        assertEquals(Map.of("239.1.1.2:5000 (others)", 0.0, "239.1.1.2:5000 lab/bad", 1.0, "239.1.1.1:5000 (others)", 0.0, "239.1.1.1:5000 plant/p1", 3.0),
                values(m, "gapwatch_lost"));
        // received: plant 6 sources x 2 + 1 for p1's seq 6, of which p1's 3 have their own series.
        assertEquals(Map.of("239.1.1.2:5000 (others)", 1.0, "239.1.1.2:5000 lab/bad", 2.0, "239.1.1.1:5000 (others)", 10.0, "239.1.1.1:5000 plant/p1", 3.0),
                values(m, "gapwatch_received"));
        assertEquals(1.0, single(m, "gapwatch_export_summarised"));
        assertEquals(2.0, single(m, "gapwatch_export_source_series"));
        assertEquals(8.0, single(m, "gapwatch_sources"));
    }

    @Test
    void aFloodOfInventedNamesStaysWithinTheLimitAndTheSumsStayExact() {
        Feed f = new Feed();
        for (int i = 0; i < 500; i++) {
            // Each its own group, each losing one: every one is a problem and every one a group.
            InetSocketAddress own = new InetSocketAddress("239.2." + i / 256 + "." + i % 256, 5000);
            send(f, 1000, own, "flood" + i, 1);
            send(f, 1000, own, "flood" + i, 3);
        }
        TrackerSnapshot s = f.publish(1100);
        MetricSnapshots m = new SnapshotCollector(() -> s, judgedAt(() -> s, 1200), 10, SourceLabels.DEFAULT, THRESHOLDS).collect();
        Map<String, Double> lost = values(m, "gapwatch_lost");
        // 10 sources of their own, 9 largest groups of the rest, everything else in one "(others)" group.
        assertEquals(10 + 9 + 1, lost.size(), lost.toString());
        assertEquals(490 - 9, lost.get("(others) (others)"));
        assertEquals(500.0, lost.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    @Test
    void aSourceNamedLikeTheSummedSeriesIsSummedNotDoubled() {
        Feed f = new Feed();
        send(f, 1000, PLANT, "(others)", 1);
        send(f, 1000, PLANT, "(others)", 5);
        send(f, 1000, PLANT, "(others)/y", 1);
        send(f, 1000, LAB, "z", 1);
        TrackerSnapshot s = f.publish(1100);
        MetricSnapshots m = new SnapshotCollector(() -> s, judgedAt(() -> s, 1200), 2, SourceLabels.DEFAULT, THRESHOLDS).collect();
        assertEquals(Map.of("239.1.1.1:5000 (others)", 3.0, "239.1.1.2:5000 (others)", 0.0), values(m, "gapwatch_lost"));
    }

    @Test
    void scrapesReadWhateverSnapshotIsNewest() {
        Feed f = new Feed();
        SnapshotCollector c = new SnapshotCollector(() -> f.engine().snapshot(), judgedAt(f.engine()::snapshot, 1000), 10, SourceLabels.DEFAULT,
                THRESHOLDS);
        assertEquals(0.0, single(c.collect(), "gapwatch_datagrams"));
        f.send(1000, "{\"src\":\"a\",\"seq\":1}").send(1000, "{\"src\":\"a\",\"seq\":4}");
        f.publish(1000);
        assertEquals(2.0, single(c.collect(), "gapwatch_datagrams"));
        // Sent with no destination (as a driver that does not say): the group label is empty, i.e. absent.
        assertEquals(Map.of(" a", 2.0), values(c.collect(), "gapwatch_lost"));
    }

    /** The sample judged at 1400 (plant/b lost 1 of 4 expected: badly losing), then an episode closed at 20 s. */
    @Test
    void theJudgedStateIsAStateSetAndClosedEpisodesCountByCause() throws Exception {
        Feed f = new Feed();
        TrackerSnapshot s = sample(f);
        Judge judge = new Judge(new JudgeConfig(org.gapwatch.judge.Thresholds.ofPercent(1, 5, LossWindow.ONE_MINUTE),
                List.of(), 1_000));
        AtomicReference<Judgement> judged = new AtomicReference<>(judge.judge(s, 1400));
        SnapshotCollector c = new SnapshotCollector(() -> s, judged::get, 10_000, SourceLabels.DEFAULT,
                THRESHOLDS);
        String body;
        try (MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), c)) {
            body = scrape(server, "application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertHasLines(body, List.of(
                    "# TYPE gapwatch_state stateset",
                    "gapwatch_state{group=\"239.1.1.1:5000\",protocol=\"json\",src=\"plant/b\",gapwatch_state=\"badly-losing\"} 1",
                    "gapwatch_state{group=\"239.1.1.1:5000\",protocol=\"json\",src=\"plant/b\",gapwatch_state=\"ok\"} 0",
                    "gapwatch_state{group=\"239.1.1.1:5000\",protocol=\"json\",src=\"plant/a\",gapwatch_state=\"ok\"} 1",
                    "gapwatch_state{group=\"239.1.1.2:5000\",protocol=\"json\",src=\"lab/x\",gapwatch_state=\"ok\"} 1",
                    "gapwatch_sources_by_state{state=\"ok\"} 2.0",
                    "gapwatch_sources_by_state{state=\"badly-losing\"} 1.0",
                    "gapwatch_sources_by_state{state=\"stale\"} 0.0",
                    // The episode that began at 1400 is still open: counted once it closes, with its final cause.
                    "gapwatch_episodes_total{cause=\"undetermined\"} 0.0",
                    "gapwatch_episodes_total{cause=\"" + Cause.NETWORK.code() + "\"} 0.0"));
            // The StateSet's label is named after the metric and comes last; every state per source, one of them 1.
            assertEquals(3 * SourceState.values().length,
                    body.lines().filter(l -> l.startsWith("gapwatch_state{")).count(), body);
            assertEquals(3, body.lines().filter(l -> l.startsWith("gapwatch_state{") && l.endsWith("} 1")).count());

            // Quiet for more than the quiet time: the episode closes, one sender and one group, nothing to compare.
            judged.set(judge.judge(s, 3000));
            body = scrape(server, null);
        }
        assertHasLines(body, List.of(
                "gapwatch_episodes_total{cause=\"undetermined\"} 1.0",
                "gapwatch_episodes_total{cause=\"" + Cause.NETWORK.code() + "\"} 0.0",
                "gapwatch_episodes_total{cause=\"" + Cause.THIS_MACHINE.code() + "\"} 0.0"));
    }

    /** Above the limit, a source the judgement finds at fault keeps its series although it lost nothing. */
    @Test
    void aSourceJudgedAtFaultKeepsItsOwnSeriesAboveTheLimit() {
        Feed f = new Feed();
        for (int i = 0; i < 4; i++) {
            send(f, 1000, PLANT, "plant/p" + i, 1);
        }
        f.send(1000, "{\"src\":\"plant/f\",\"seq\":1,\"status\":\"fault\"}", Feed.SENDER, PLANT);
        TrackerSnapshot s = f.publish(1100);
        Judgement j = new Judge().judge(s, 1100);
        MetricSnapshots m = new SnapshotCollector(() -> s, () -> j, 2, SourceLabels.DEFAULT, THRESHOLDS)
                .collect();
        assertEquals(Map.of("239.1.1.1:5000 (others)", 4.0, "239.1.1.1:5000 plant/f", 1.0),
                values(m, "gapwatch_received"));
    }
}
