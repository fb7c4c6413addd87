package org.gapwatch.alarm;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.Judgement;
import org.gapwatch.testutil.Feed;
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
 * One alarm evaluation of a mass-loss flood, what the judge's thread does once a second: {@link #sources} sources,
 * every one alarming (60 % stale, 40 % badly losing, all of those in one open loss episode, which raised its alarm).
 * {@code changing}: each round {@link #changedPerRound} of the losing sources get an update with a new gap and a
 * status that flips between alarm and ok (their point goes from loss to status and back); {@code quiet}: nothing
 * arrives. The round's datagrams and judgement are made outside the timing. {@code full} is the evaluation before it
 * was incremental ({@link FullAlarmModel}). Run: scripts/bench-alarms.sh
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AlarmModelBench {
    private static final long T0 = 1_800_000_000_000L;
    private static final long ROUND_MILLIS = 100;

    @Param({"100000"})
    public int sources;

    @Param({"1000"})
    public int changedPerRound;

    @Param({"changing", "quiet"})
    public String load;

    @Param({"incremental", "full"})
    public String model;

    private Feed feed;
    private Judge judge;
    private long[] seq;
    private boolean[] alarm;
    private int losing;
    private int cursor;
    private long now = T0;
    private Judgement judgement;
    private AlarmModel incremental;
    private FullAlarmModel full;

    @Setup(Level.Trial)
    public void setUp() {
        feed = new Feed();
        judge = new Judge();
        incremental = new AlarmModel();
        full = new FullAlarmModel();
        seq = new long[sources];
        alarm = new boolean[sources];
        losing = sources * 2 / 5;
        for (int id = 0; id < sources; id++) {
            send(id, 1, "ok");
        }
        now += 2_000; // the stale ones (ttl 1 s) are stale now; each losing one loses 18 of its next 20
        for (int id = 0; id < losing; id++) {
            send(id, 19, "ok");
        }
        for (int r = 0; r < 5; r++) { // past the on-delays: every point active, the episode raised
            nextRound();
            evaluate();
        }
        if (incremental.activeCount() + full.activeCount() < sources - 2 * changedPerRound) { // some wait on-delays
            throw new IllegalStateException("not all alarming: " + incremental.activeCount() + " / "
                    + full.activeCount());
        }
    }

    /** Losing sources first (ids below {@link #losing}, ttl 10 min), then the stale ones (ttl 1 s). */
    private void send(int id, long step, String status) {
        seq[id] += step;
        feed.send(now, "{\"src\":\"plant/line-" + (id % 100) + "/s" + id + "\",\"seq\":" + seq[id]
                + ",\"status\":\"" + status + "\",\"ttl\":" + (id < losing ? 600_000 : 1_000) + "}");
    }

    /** The round's updates, a new snapshot and its judgement, {@value #ROUND_MILLIS} ms after the last: not timed. */
    @Setup(Level.Invocation)
    public void nextRound() {
        now += ROUND_MILLIS;
        if (load.equals("changing")) {
            for (int k = 0; k < changedPerRound; k++) {
                alarm[cursor] = !alarm[cursor];
                send(cursor, 5, alarm[cursor] ? "alarm" : "ok"); // 4 lost again: still badly losing
                cursor = (cursor + 1) % losing;
            }
        }
        judgement = judge.judge(feed.publish(now), now);
    }

    @Benchmark
    public List<Alarm> evaluate() {
        return model.equals("full") ? full.evaluate(judgement, now) : incremental.evaluate(judgement, now);
    }

    /**
     * CPU time and bytes allocated by the evaluation alone (JMH's allocation figure holds the untimed round too), on
     * this thread: {@code java -cp ... org.gapwatch.alarm.AlarmModelBench [rounds [changed a round]]}, each model and
     * load in turn.
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int changed = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        var server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        var threading = new javax.management.ObjectName("java.lang:type=Threading");
        Object[] self = {Thread.currentThread().threadId()};
        String[] sig = {"long"};
        for (String m : List.of("incremental", "full")) {
            for (String l : List.of("changing", "quiet")) {
                AlarmModelBench b = new AlarmModelBench();
                b.sources = 100_000;
                b.changedPerRound = changed;
                b.load = l;
                b.model = m;
                b.setUp();
                long cpu = 0;
                long bytes = 0;
                long worst = 0;
                for (int r = 0; r < rounds; r++) {
                    b.nextRound();
                    long c0 = threads.getCurrentThreadCpuTime();
                    long a0 = (Long) server.invoke(threading, "getThreadAllocatedBytes", self, sig);
                    b.evaluate();
                    long c = threads.getCurrentThreadCpuTime() - c0;
                    bytes += (Long) server.invoke(threading, "getThreadAllocatedBytes", self, sig) - a0;
                    cpu += c;
                    worst = Math.max(worst, c);
                }
                System.out.printf(java.util.Locale.ROOT, "%-11s %-8s %,9d us CPU (worst %,d), %,11d bytes an"
                        + " evaluation, over %d rounds of %,d changed%n", m, l, cpu / rounds / 1000, worst / 1000,
                        bytes / rounds, rounds, changed);
            }
        }
    }
}
