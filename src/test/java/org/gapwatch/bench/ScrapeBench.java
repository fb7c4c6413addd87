package org.gapwatch.bench;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.gapwatch.engine.Engine;
import org.gapwatch.export.SnapshotCollector;
import org.gapwatch.export.SourceLabels;
import org.gapwatch.testutil.Feed;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;

/**
 * Cost of one scrape (collect + OpenMetrics text) for N sources, a few losing: the time and bytes per scrape.
 * Usage: java -cp ... org.gapwatch.bench.ScrapeBench [SOURCES] [MAX_SOURCE_SERIES]
 */
public final class ScrapeBench {
    private ScrapeBench() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : SnapshotCollector.DEFAULT_MAX_SOURCE_SERIES;
        Feed f = new Feed(new Engine(TrackerConfig.defaults().withMaxSources(Math.max(n, 1))));
        for (int i = 0; i < n; i++) {
            String src = "site" + (i % 50) + "/line-" + (i / 50) + "/pump";
            // 50 subscriptions (the group label), one per site.
            java.net.InetSocketAddress group = new java.net.InetSocketAddress("239.1.0." + (i % 50 + 1), 5000);
            f.send(1000, "{\"src\":\"" + src + "\",\"seq\":1}", Feed.SENDER, group);
            f.send(1001, "{\"src\":\"" + src + "\",\"seq\":" + (i % 100 == 0 ? 3 : 2) + "}", Feed.SENDER, group);
        }
        TrackerSnapshot s = f.publish(1002);
        // With a judgement, as listen exports: the state StateSet (ten series per source of its own) and episodes.
        // A third argument "counters" leaves the judgement out, for comparison.
        org.gapwatch.judge.Judgement j = new org.gapwatch.judge.Judge().judge(s, 1500);
        boolean judged = args.length < 3 || !args[2].equals("counters");
        SnapshotCollector c = new SnapshotCollector(() -> s, judged ? () -> j : () -> org.gapwatch.judge.Judgement.empty(), limit, SourceLabels.DEFAULT,
                SnapshotCollector.Thresholds.ofPercent(1, 5));
        OpenMetricsTextFormatWriter w = OpenMetricsTextFormatWriter.create();
        long bytes = 0;
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 30; round++) {
            long t0 = System.nanoTime();
            MetricSnapshots m = c.collect();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            w.write(out, m, EscapingScheme.ALLOW_UTF8);
            best = Math.min(best, System.nanoTime() - t0);
            bytes = out.size();
        }
        System.out.printf("sources=%d maxSourceSeries=%d " + (judged ? "with state" : "counters only")
                + ": scrape best of 30: %.1f ms, %d bytes (%.1f MiB)%n", n, limit,
                best / 1e6, bytes, bytes / 1048576.0);
    }
}
