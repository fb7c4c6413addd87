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
import java.util.concurrent.atomic.AtomicLong;
import org.gapwatch.export.SnapshotCollector.Thresholds;
import org.gapwatch.testutil.Feed;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.Test;

/** The exported figures, exactly, in both text formats as the real HTTP server serves them, and the limits. */
class SnapshotCollectorTest {
    private static final Thresholds THRESHOLDS = Thresholds.ofPercent(1, 5);

    /** plant/a: 1 2 3 (nothing lost); plant/b: 1 4 (2 lost), then 2 (late: 1 lost), then 4 again (duplicate); lab/x: 5. */
    private static TrackerSnapshot sample(Feed f) {
        f.send(1000, "{\"src\":\"plant/a\",\"seq\":1}").send(1100, "{\"src\":\"plant/a\",\"seq\":2}")
                .send(1200, "{\"src\":\"plant/a\",\"seq\":3}");
        f.send(1000, "{\"src\":\"plant/b\",\"seq\":1}").send(1100, "{\"src\":\"plant/b\",\"seq\":4}")
                .send(1200, "{\"src\":\"plant/b\",\"seq\":2}").send(1300, "{\"src\":\"plant/b\",\"seq\":4}");
        f.send(1000, "{\"src\":\"lab/x\",\"seq\":5}");
        f.send(1100, "not json");
        return f.publish(1400);
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
        SnapshotCollector c = new SnapshotCollector(() -> s, () -> nowMillis, 10_000, SourceLabels.DEFAULT, THRESHOLDS);
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
                "gapwatch_lost_total{group=\"lab\",protocol=\"json\",src=\"lab/x\"} 0.0",
                "gapwatch_lost_total{group=\"plant\",protocol=\"json\",src=\"plant/a\"} 0.0",
                "gapwatch_lost_total{group=\"plant\",protocol=\"json\",src=\"plant/b\"} 1.0",
                "gapwatch_received_total{group=\"plant\",protocol=\"json\",src=\"plant/a\"} 3.0",
                "gapwatch_received_total{group=\"plant\",protocol=\"json\",src=\"plant/b\"} 3.0",
                "gapwatch_duplicates_total{group=\"plant\",protocol=\"json\",src=\"plant/b\"} 1.0",
                "gapwatch_late_total{group=\"plant\",protocol=\"json\",src=\"plant/b\"} 1.0",
                "gapwatch_restarts_total{group=\"lab\",protocol=\"json\",src=\"lab/x\"} 0.0",
                "# TYPE gapwatch_stale gauge",
                "gapwatch_stale{group=\"plant\",protocol=\"json\",src=\"plant/a\"} 0.0",
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
        assertFalse(body.contains("gapwatch_episodes"), body);
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() throws Exception {
        String body = served(10_000, "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertHasLines(body, List.of(
                "# TYPE gapwatch_lost counter",
                "gapwatch_lost_total{group=\"plant\",protocol=\"json\",src=\"plant/b\"} 1.0",
                // 8.6 s after the last arrival, past the 5 s default staleness: all three stale.
                "gapwatch_stale{group=\"lab\",protocol=\"json\",src=\"lab/x\"} 1.0",
                "gapwatch_stale{group=\"plant\",protocol=\"json\",src=\"plant/a\"} 1.0",
                "gapwatch_datagrams_total 9.0",
                "# EOF"));
        assertEquals("# EOF", body.lines().toList().getLast());
    }

    @Test
    void theServerBindsOnlyTheAddressGiven() {
        Feed f = new Feed();
        SnapshotCollector c = new SnapshotCollector(() -> f.publish(0), () -> 0, 10, SourceLabels.DEFAULT, THRESHOLDS);
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
            f.send(1000, "{\"src\":\"plant/p" + i + "\",\"seq\":1}").send(1100, "{\"src\":\"plant/p" + i + "\",\"seq\":2}");
        }
        f.send(1000, "{\"src\":\"lab/q\",\"seq\":1}");
        // Two with loss: plant/p1 lost 3, lab/bad lost 1.
        f.send(1000, "{\"src\":\"plant/p1\",\"seq\":6}");
        f.send(1000, "{\"src\":\"lab/bad\",\"seq\":1}").send(1100, "{\"src\":\"lab/bad\",\"seq\":3}");
        TrackerSnapshot s = f.publish(1200);
        MetricSnapshots m = new SnapshotCollector(() -> s, () -> 1300, 4, SourceLabels.DEFAULT, THRESHOLDS).collect();

        assertEquals(Map.of("lab (others)", 0.0, "lab lab/bad", 1.0, "plant (others)", 0.0, "plant plant/p1", 3.0),
                values(m, "gapwatch_lost"));
        // received: plant 6 sources x 2 + 1 for p1's seq 6, of which p1's 3 have their own series.
        assertEquals(Map.of("lab (others)", 1.0, "lab lab/bad", 2.0, "plant (others)", 10.0, "plant plant/p1", 3.0),
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
            f.send(1000, "{\"src\":\"flood" + i + "\",\"seq\":1}").send(1000, "{\"src\":\"flood" + i + "\",\"seq\":3}");
        }
        TrackerSnapshot s = f.publish(1100);
        MetricSnapshots m = new SnapshotCollector(() -> s, () -> 1200, 10, SourceLabels.DEFAULT, THRESHOLDS).collect();
        Map<String, Double> lost = values(m, "gapwatch_lost");
        // 10 sources of their own, 9 largest groups of the rest, everything else in one "(others)" group.
        assertEquals(10 + 9 + 1, lost.size(), lost.toString());
        assertEquals(490 - 9, lost.get("(others) (others)"));
        assertEquals(500.0, lost.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    @Test
    void aSourceNamedLikeTheSummedSeriesIsSummedNotDoubled() {
        Feed f = new Feed();
        f.send(1000, "{\"src\":\"(others)\",\"seq\":1}").send(1000, "{\"src\":\"(others)\",\"seq\":5}");
        f.send(1000, "{\"src\":\"(others)/y\",\"seq\":1}");
        f.send(1000, "{\"src\":\"z\",\"seq\":1}");
        TrackerSnapshot s = f.publish(1100);
        MetricSnapshots m = new SnapshotCollector(() -> s, () -> 1200, 2, SourceLabels.DEFAULT, THRESHOLDS).collect();
        assertEquals(Map.of("(others) (others)", 3.0, "z (others)", 0.0), values(m, "gapwatch_lost"));
    }

    @Test
    void scrapesReadWhateverSnapshotIsNewest() {
        Feed f = new Feed();
        AtomicLong now = new AtomicLong(1000);
        SnapshotCollector c = new SnapshotCollector(() -> f.engine().snapshot(), now::get, 10, SourceLabels.DEFAULT,
                THRESHOLDS);
        assertEquals(0.0, single(c.collect(), "gapwatch_datagrams"));
        f.send(1000, "{\"src\":\"a\",\"seq\":1}").send(1000, "{\"src\":\"a\",\"seq\":4}");
        f.publish(1000);
        assertEquals(2.0, single(c.collect(), "gapwatch_datagrams"));
        assertEquals(Map.of("a a", 2.0), values(c.collect(), "gapwatch_lost"));
    }
}
