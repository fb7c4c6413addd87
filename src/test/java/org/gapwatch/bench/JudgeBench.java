package org.gapwatch.bench;

import java.util.concurrent.TimeUnit;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.Judgement;
import org.gapwatch.testutil.Feed;
import org.gapwatch.track.TrackerSnapshot;
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
 * One judgement of the newest snapshot, what {@code JudgeRunner} does every 100 ms: {@link #sources} sources of
 * which {@link #updatedPerRound} got an update since the last judgement (the snapshot is made outside the timing).
 * {@code loss}: every source lost one update before the measurement, so a loss episode holding all of them is open,
 * and each round's updates lose again (the episode stays open, its membership unchanged). Run: scripts/bench-judge.sh
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JudgeBench {
    private static final long T0 = 1_800_000_000_000L;

    @Param({"100000"})
    public int sources;

    @Param({"1000"})
    public int updatedPerRound;

    @Param({"quiet", "loss"})
    public String load;

    private Feed feed;
    private Judge judge;
    private long[] seq;
    private int cursor;
    private long now = T0;
    private TrackerSnapshot snap;

    @Setup(Level.Trial)
    public void setUp() {
        feed = new Feed();
        judge = new Judge();
        seq = new long[sources];
        boolean loss = load.equals("loss");
        for (int id = 0; id < sources; id++) {
            send(id, 1);
        }
        judge.judge(feed.publish(now), now);
        if (loss) { // every source loses one: the episode holds them all from the start, its membership steady
            now += 100;
            for (int id = 0; id < sources; id++) {
                send(id, 2);
            }
            judge.judge(feed.publish(now), now);
        }
    }

    private void send(int id, long step) {
        seq[id] += step;
        feed.send(now, "{\"src\":\"plant/line-" + (id % 100) + "/s" + id + "\",\"seq\":" + seq[id]
                + ",\"status\":\"ok\",\"ttl\":600000}");
    }

    /** The round's updates and a new snapshot, 100 ms after the last: not timed. */
    @Setup(Level.Invocation)
    public void nextRound() {
        now += 100;
        long step = load.equals("loss") ? 2 : 1;
        for (int k = 0; k < updatedPerRound; k++) {
            send(cursor, step);
            cursor = (cursor + 1) % sources;
        }
        snap = feed.publish(now);
    }

    @Benchmark
    public Judgement judge() {
        return judge.judge(snap, now);
    }
}
