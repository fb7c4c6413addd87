package org.gapwatch.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gapwatch.alarm.AlarmModel;
import org.gapwatch.engine.Engine;
import org.gapwatch.track.LossGrid;
import org.gapwatch.track.Tracker;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Costs of the monitor's per-second work: evaluating alarms over 100,000 sources (a few in alarm), and the heatmap's
 * grid query for one group of 5,000 sources over 15 minutes by second (what a collapsed big group costs the writer),
 * and the status-history band's query summed from the sources or read from the groups' own counts.
 * Run: see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VizBench {
    private static final long T = 1_800_000_000_000L;

    private TrackerSnapshot snapshot;
    private AlarmModel model;
    private org.gapwatch.judge.Judgement judgement;
    private Tracker tracker;
    private int[] group;
    private int[] all;

    @Setup
    public void setup() {
        Engine engine = new Engine(TrackerConfig.defaults());
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            // Every 1000th source reports a fault; the rest are healthy and fresh.
            String status = i % 1000 == 0 ? "fault" : "ok";
            for (int seq = 1; seq <= 3; seq++) {
                byte[] b = ("{\"src\":\"g" + (i % 20) + "/s" + i + "\",\"seq\":" + seq + ",\"value\":1,\"status\":\""
                        + status + "\",\"ttl\":600000}").getBytes(StandardCharsets.UTF_8);
                engine.datagram(b, 0, b.length, null, T - 900_000 + seq * 300_000L - 1000);
            }
        }
        engine.publish(T);
        snapshot = engine.snapshot();
        judgement = new org.gapwatch.judge.Judge().judge(snapshot, T);
        model = new AlarmModel();
        model.evaluate(judgement, T);
        tracker = engine.trackerOnWriterThread();
        all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (tracker.addGroupLossCounts("g0", 5000, false, T, new int[1], new int[1], new int[1]) == Long.MIN_VALUE) {
            throw new IllegalStateException("g0 is not 5,000 sources with counts of its own");
        }
        group = new int[5000];
        for (int i = 0; i < group.length; i++) {
            group[i] = i;
        }
    }

    /** The steady state: nothing changes, every source is checked. */
    @Benchmark
    public List<?> evaluateAlarms100kSources() {
        return model.evaluate(judgement, T);
    }

    /** Heatmap group row of 5,000 sources, 900 one-second columns, summed in place. */
    @Benchmark
    public int gridFor5000SourceGroup() {
        int[] r = new int[900];
        int[] l = new int[900];
        int[] t = new int[900];
        tracker.addLossCounts(group, false, T, r, l, t);
        return r[899];
    }

    /** The heatmap's steady state at 100,000 sources all on screen in collapsed groups: the newest 2 seconds. */
    @Benchmark
    public int refresh100kSourcesNewestTwoSeconds() {
        int[] r = new int[2];
        int[] l = new int[2];
        int[] t = new int[2];
        tracker.addLossCounts(all, false, T, r, l, t);
        return r[1];
    }

    /** The band's once-a-second query at 100,000 sources in 20 whole groups: each group's own newest 2 seconds. */
    @Benchmark
    public int band100kSourcesNewestTwoSecondsFromGroupCounts() {
        return bandFromGroupCounts(2);
    }

    /** The band opened (or its once-a-minute full fetch) at 100,000 sources in 20 groups: 15 minutes by second. */
    @Benchmark
    public int band100kSources15MinutesFromGroupCounts() {
        return bandFromGroupCounts(900);
    }

    private int bandFromGroupCounts(int columns) {
        int sum = 0;
        for (int g = 0; g < 20; g++) {
            int[] r = new int[columns];
            tracker.addGroupLossCounts("g" + g, 5000, false, T, r, new int[columns], new int[columns]);
            sum += r[columns - 1];
        }
        return sum;
    }

    /** The same through the per-source grid, for comparison. */
    @Benchmark
    public int gridFor5000SourceGroupViaLossGrid() {
        int[] sum = new int[900];
        for (int from = 0; from < group.length; from += 256) {
            int[] block = java.util.Arrays.copyOfRange(group, from, Math.min(group.length, from + 256));
            LossGrid g = tracker.lossGrid(block, false, 900, T);
            for (int[] row : g.received()) {
                for (int c = 0; c < 900; c++) {
                    sum[c] += row[c];
                }
            }
        }
        return sum[899];
    }
}
