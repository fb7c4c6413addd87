package org.gapwatch.bench;

import java.util.concurrent.TimeUnit;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.Judgement;
import org.gapwatch.testutil.Feed;
import org.gapwatch.track.TrackerSnapshot;
import org.gapwatch.ui.SourceFilter;
import org.gapwatch.ui.model.SourceIndex;
import org.gapwatch.ui.wall.WallModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wall's model for one new judgement, what the view-model thread does up to ten times a second: {@link #sources}
 * sources in 8 groups on a 1900x900 wall at the readable tile (so the groups collapse into aggregate tiles and their
 * exceptions), {@link #updatedPerRound} updated since the last judgement, one in 50 of those turning to alarm or
 * back. {@code fromNothing}: {@link WallModel#build} (a pass over every source, as before the builder);
 * {@code incremental}: {@link WallModel.Builder}. Snapshot, judgement and index are made outside the timing.
 * Run: scripts/bench-wall-model.sh
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WallModelBench {
    private static final long T0 = 1_800_000_000_000L;
    private static final String[] GROUPS = {"plant", "grid", "hvac", "water", "comms", "fire", "power", "rail"};

    @Param({"100000"})
    public int sources;

    @Param({"1000"})
    public int updatedPerRound;

    @Param({"fromNothing", "incremental"})
    public String mode;

    private final WallModel.Request request = new WallModel.Request(SourceFilter.ALL, "", 1900, 900, 0, 1);
    private final WallModel.Builder builder = new WallModel.Builder();
    private Feed feed;
    private Judge judge;
    private long[] seq;
    private java.util.SplittableRandom rnd;
    private long now = T0;
    private SourceIndex index = SourceIndex.empty();
    private Judgement judgement;
    private WallModel last;

    @Setup(Level.Trial)
    public void setUp() {
        feed = new Feed();
        judge = new Judge();
        seq = new long[sources];
        rnd = new java.util.SplittableRandom(1);
        for (int id = 0; id < sources; id++) {
            send(id, "ok");
        }
        nextRound();
        last = builder.build(index, judgement, request);
    }

    private void send(int id, String status) {
        seq[id]++;
        feed.send(now, "{\"src\":\"" + GROUPS[id % 8] + "/unit-" + (id / 64) + "/sensor-" + id + "\",\"seq\":"
                + seq[id] + ",\"status\":\"" + status + "\",\"ttl\":600000}");
    }

    /** The round's updates, snapshot, judgement and index, 100 ms after the last: not timed. */
    @Setup(Level.Invocation)
    public void nextRound() {
        now += 100;
        for (int k = 0; k < updatedPerRound; k++) {
            send(rnd.nextInt(sources), rnd.nextInt(50) == 0 ? "alarm" : "ok");
        }
        TrackerSnapshot snap = feed.publish(now);
        judgement = judge.judge(snap, now);
        index = SourceIndex.of(snap, index, false);
    }

    @Benchmark
    public WallModel build() {
        last = mode.equals("incremental") ? builder.build(index, judgement, request)
                : WallModel.build(index, judgement, request, last);
        return last;
    }
}
