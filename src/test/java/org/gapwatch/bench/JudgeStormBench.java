package org.gapwatch.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.gapwatch.alarm.AlarmModel;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.Judgement;
import org.gapwatch.testutil.Feed;

/**
 * The judge's thread during a loss storm of new sources: what {@code JudgeRunner} and the UI's alarm evaluation do
 * on it while {@link #SOURCES} sources flood in. Each round (100 ms) {@link #NEW_PER_ROUND} new sources appear, each
 * having lost an update already, and {@link #UPDATED_PER_ROUND} known ones lose again; the sockets drop datagrams
 * (the episode's cause is this machine). Every round is judged and its judgement evaluated by an {@link AlarmModel};
 * the datagrams and snapshots are made outside the figures. Prints the CPU time and bytes allocated on this thread by
 * {@code Judge.judge} and {@code AlarmModel.evaluate}, per round, for the rounds while sources join and for the rounds
 * after: {@code java -cp ... org.gapwatch.bench.JudgeStormBench [runs]} (the first run warms the compiler).
 */
public final class JudgeStormBench {
    static final int SOURCES = 100_000;
    static final int NEW_PER_ROUND = 2_000;
    static final int UPDATED_PER_ROUND = 2_000;
    static final int ROUNDS_AFTER = 50;
    private static final long T0 = 1_800_000_000_000L;

    private final Feed feed = new Feed();
    private final Judge judge = new Judge();
    private final AlarmModel alarms = new AlarmModel();
    private final long[] seq = new long[SOURCES];
    private int known;
    private int cursor;
    private long drops;
    private long now = T0;

    private void send(int id, long step) {
        seq[id] += step;
        feed.send(now, "{\"src\":\"plant/line-" + (id % 100) + "/s" + id + "\",\"seq\":" + seq[id]
                + ",\"status\":\"ok\",\"ttl\":600000}");
    }

    /** The round's datagrams and snapshot: not measured. */
    private org.gapwatch.track.TrackerSnapshot nextRound() {
        now += 100;
        for (int k = 0; k < UPDATED_PER_ROUND && known > 0; k++) {
            send(cursor, 2);
            cursor = (cursor + 1) % known;
        }
        for (int k = 0; k < NEW_PER_ROUND && known < SOURCES; k++, known++) {
            send(known, 1);
            send(known, 2); // one lost already
        }
        drops += 2_500; // more than the updates lost: the cause is this machine
        feed.engine().trackerOnWriterThread().socketDrops(drops);
        return feed.publish(now);
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        var threads = ManagementFactory.getThreadMXBean();
        var server = ManagementFactory.getPlatformMBeanServer();
        var threading = new javax.management.ObjectName("java.lang:type=Threading");
        Object[] self = {Thread.currentThread().threadId()};
        String[] sig = {"long"};
        java.util.function.LongSupplier allocated = () -> {
            try {
                return (Long) server.invoke(threading, "getThreadAllocatedBytes", self, sig);
            } catch (javax.management.JMException e) {
                throw new IllegalStateException(e);
            }
        };
        for (int run = 1; run <= runs; run++) {
            JudgeStormBench b = new JudgeStormBench();
            long[] cpu = new long[4];
            long[] bytes = new long[4];
            int[] rounds = new int[2];
            int total = SOURCES / NEW_PER_ROUND + ROUNDS_AFTER;
            Judgement j = null;
            for (int r = 0; r < total; r++) {
                int phase = b.known < SOURCES ? 0 : 1;
                var snap = b.nextRound();
                long c0 = threads.getCurrentThreadCpuTime();
                long a0 = allocated.getAsLong();
                j = b.judge.judge(snap, b.now);
                long c1 = threads.getCurrentThreadCpuTime();
                long a1 = allocated.getAsLong();
                b.alarms.evaluate(j, b.now);
                cpu[2 * phase] += c1 - c0;
                bytes[2 * phase] += a1 - a0;
                cpu[2 * phase + 1] += threads.getCurrentThreadCpuTime() - c1;
                bytes[2 * phase + 1] += allocated.getAsLong() - a1;
                rounds[phase]++;
            }
            for (int phase = 0; phase < 2; phase++) {
                int n = rounds[phase];
                System.out.printf(Locale.ROOT, "run %d, %-14s %3d rounds: judge %,8d us CPU %,11d bytes a round;"
                                + " alarms %,8d us CPU %,11d bytes a round%n", run,
                        phase == 0 ? "sources join," : "all joined,", n, cpu[2 * phase] / n / 1000,
                        bytes[2 * phase] / n, cpu[2 * phase + 1] / n / 1000, bytes[2 * phase + 1] / n);
            }
            System.out.printf(Locale.ROOT, "run %d: episode of %,d sources, cause %s; %,d alarm rows, %,d active%n",
                    run, j.currentEpisode().sources().size(), j.currentEpisode().cause(), b.alarms.log().size(),
                    b.alarms.activeCount());
        }
    }
}
