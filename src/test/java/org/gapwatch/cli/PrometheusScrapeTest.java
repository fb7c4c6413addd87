package org.gapwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.gapwatch.testutil.External;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Loopback;
import org.gapwatch.net.Publisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (Debian's package) scrapes a real {@code listen --metrics} every second, over loopback, and its
 * query API gives exactly the loss that was put into the stream.
 */
class PrometheusScrapeTest {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(90);

    @TempDir
    Path dir;

    static Path prometheus() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(d, "prometheus");
            if (!d.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** The value of an instant query's single result, or null while there is none. */
    private static String query(int port, String promql) {
        String body = ProbeHttp.get("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (body.isEmpty()) {
            return null;
        }
        JsonNode result = JsonMapper.builder().build().readTree(body).path("data").path("result");
        return result.isArray() && result.size() == 1 ? result.get(0).path("value").get(1).asString() : null;
    }

    private static void awaitQuery(int port, String promql, String want) {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        String last = null;
        while (System.nanoTime() < deadline) {
            last = query(port, promql);
            if (want.equals(last)) {
                return;
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(200); // polling another process's HTTP API: nothing to wait on in between
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertEquals(want, last, promql + " in Prometheus");
    }

    @Test
    void prometheusScrapesTheExactLossPutIn() throws IOException, InterruptedException {
        Path binary = prometheus();
        External.require(binary != null, "the program prometheus", "apt-get install prometheus");
        GroupSpec g = Loopback.freshGroup();
        Launcher probe = Launcher.start(dir, "listen", "--group", g.toString(), "--interface", "lo", "--no-warmup",
                "--metrics", "127.0.0.1:0");
        Process server = null;
        try {
            String metricsUrl = ProbeHttp.metricsUrl(probe);
            probe.awaitStderr("listening on");
            String target = metricsUrl.substring("http://".length(), metricsUrl.length() - "/metrics".length());
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: gapwatch
                        static_configs:
                          - targets: ['%s']
                    """.formatted(target));
            int port = ProbeHttp.freeTcpPort();
            server = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();

            // Three sources, 300 updates each, every 7th sequence number skipped (never the last): known loss.
            long sent = 0;
            long skipped = 0;
            try (Publisher p = Loopback.publisher(g)) {
                for (int seq = 1; seq <= 300; seq++) {
                    for (int s = 0; s < 3; s++) {
                        if (seq % 7 == 0) {
                            skipped++;
                        } else {
                            Loopback.send(p, "{\"src\":\"line/" + s + "\",\"seq\":" + seq + "}");
                            sent++;
                        }
                    }
                }
            }
            assertEquals(3 * 42, skipped);
            awaitQuery(port, "sum(gapwatch_received_total)", Long.toString(sent));
            awaitQuery(port, "sum(gapwatch_lost_total)", Long.toString(skipped));
            assertEquals("1", query(port, "up{job=\"gapwatch\"}"));
            assertEquals("3", query(port, "count(gapwatch_lost_total{group=\"" + g + "\",protocol=\"json\"})"));
            // The judged state as Prometheus stores the StateSet: one state of each source is 1. The publisher
            // has stopped, so all three become stale (which outranks their loss) within their 5 s staleness.
            awaitQuery(port, "sum(gapwatch_state{gapwatch_state=\"stale\"})", "3");
            assertEquals("3", query(port, "sum(gapwatch_state)"));
        } finally {
            if (server != null) {
                server.destroy();
                if (!server.waitFor(20, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
            probe.signal("TERM");
            probe.awaitExit();
        }
    }
}
