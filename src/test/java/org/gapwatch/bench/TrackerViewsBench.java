package org.gapwatch.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import org.gapwatch.protocol.Update;
import org.gapwatch.track.Tracker;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;

/**
 * The processing thread's work on a {@link Tracker} at many sources, in simulated time and on this one thread:
 * updates in the bench sender's round robin (every source in turn, 2-decimal values that move at every update, an
 * interval), a snapshot every simulated millisecond (what the engine publishes), the once-a-second slide of every
 * source's windows. Reports this thread's CPU time and allocated bytes (ThreadMXBean) per simulated second, in all
 * and inside {@link Tracker#snapshot} alone, over the measured seconds after the warm-up ones. Not JMH: the figures
 * are the thread's own CPU and allocation, which a machine shared with other work leaves readable. {@link
 * TrackerViewsAB} runs two builds in one JVM, a second of each in turn.
 * Run: scripts/bench-tracker-views.sh [SOURCES] [UPDATES_PER_SOURCE_PER_SECOND] [WARM_S] [MEASURED_S]
 */
public final class TrackerViewsBench {
    private static final long T0 = 1_800_000_000_000L;
    private static final String[] GROUPS = {"plant", "grid", "hvac", "water", "comms", "fire", "power", "rail"};

    private final java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final MethodHandle allocated;
    private final Tracker tracker;
    private final InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 40000);
    private final String[] names;
    private final long[] seq;
    private final double[] values;
    private final SplittableRandom random = new SplittableRandom(1);
    private final Update u = new Update();
    private final int sources;
    private final int perSource;
    /**
     * The order sources are visited in each round: the sender's round robin by default; with
     * {@code -Dbench.order=scattered} one fixed random order, as sources of many publishers arrive in real rooms (ids
     * are given in order of first arrival, so a round robin touches a few neighbouring ids each millisecond).
     */
    private final int[] order;
    /**
     * With {@code -Dbench.loss=P}: each update skips one number with probability P, as if the datagram before it was
     * lost on the way (P = 0.3: a storm on every source), so the views carry a gap that changes.
     */
    private final double loss = Double.parseDouble(System.getProperty("bench.loss", "0"));
    private int cursor;
    private long round;
    private int second;
    private long sink;

    /** One Tracker fed {@code perSource} updates a second by each of {@code sources}, one simulated second a call. */
    public TrackerViewsBench(int sources, int perSource) throws ReflectiveOperationException {
        this.sources = sources;
        this.perSource = perSource;
        // com.sun.management's allocated bytes, through a handle: the module does not read jdk.management.
        allocated = MethodHandles.publicLookup().findVirtual(
                Class.forName("com.sun.management.ThreadMXBean"), "getCurrentThreadAllocatedBytes",
                MethodType.methodType(long.class)).asType(MethodType.methodType(long.class, Object.class));
        tracker = new Tracker(TrackerConfig.defaults().withMaxSources(sources));
        names = new String[sources];
        seq = new long[sources];
        values = new double[sources];
        for (int i = 0; i < sources; i++) {
            names[i] = GROUPS[i % GROUPS.length] + "/unit-" + (i / 16) + "/sensor-" + i;
            values[i] = 20 + random.nextDouble() * 60;
        }
        order = new int[sources];
        for (int i = 0; i < sources; i++) {
            order[i] = i;
        }
        if ("scattered".equals(System.getProperty("bench.order"))) {
            SplittableRandom shuffle = new SplittableRandom(7);
            for (int i = sources - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    /** Runs the next simulated second; returns this thread's {CPU ns, bytes allocated} in all and in snapshots. */
    public long[] second() throws Throwable {
        Object bean = mx;
        long perMilli = (long) sources * perSource / 1000; // updates each simulated millisecond
        long cpu = mx.getCurrentThreadCpuTime();
        long alloc = (long) allocated.invokeExact(bean);
        long snapCpu = 0;
        long snapAlloc = 0;
        long snapMax = 0;
        for (int ms = 0; ms < 1000; ms++) {
            long now = T0 + second * 1000L + ms;
            for (long k = 0; k < perMilli; k++) {
                // The first round makes the sources in id order; the later ones visit them in the chosen order.
                int i = round == 0 ? cursor : order[cursor];
                if (++cursor == sources) {
                    cursor = 0;
                    round++;
                }
                values[i] += random.nextGaussian() * 0.5;
                if (loss > 0 && round > 0 && random.nextDouble() < loss) {
                    seq[i]++;
                }
                u.clear();
                u.src(names[i]).seq(seq[i]++).ts(now).number(Math.round(values[i] * 100) / 100.0)
                        .unit("kPa").status("ok").interval(1000L / perSource);
                tracker.apply(u, sender, now);
            }
            long c0 = mx.getCurrentThreadCpuTime();
            long a0 = (long) allocated.invokeExact(bean);
            TrackerSnapshot snap = tracker.snapshot(now);
            long took = mx.getCurrentThreadCpuTime() - c0;
            snapCpu += took;
            snapMax = Math.max(snapMax, took);
            snapAlloc += (long) allocated.invokeExact(bean) - a0;
            sink ^= snap.version();
        }
        second++;
        return new long[] {mx.getCurrentThreadCpuTime() - cpu, (long) allocated.invokeExact(bean) - alloc, snapCpu,
                snapAlloc, sink & 0, snapMax};
    }

    public static void main(String[] args) throws Throwable {
        int sources = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int perSource = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int warm = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int measured = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        TrackerViewsBench bench = new TrackerViewsBench(sources, perSource);
        long[] total = new long[4];
        long[] largest = new long[measured];
        for (int s = 0; s < warm + measured; s++) {
            long[] one = bench.second();
            for (int k = 0; s >= warm && k < 4; k++) {
                total[k] += one[k];
            }
            if (s >= warm) {
                largest[s - warm] = one[5];
            }
        }
        System.out.printf("sources=%d updates/s each=%d order=%s loss=%s chunk=%d measured %d simulated s after %d;"
                + " load %s%n", sources, perSource, System.getProperty("bench.order", "round robin"),
                System.getProperty("bench.loss", "0"), TrackerSnapshot.CHUNK, measured, warm, loadAverage());
        System.out.println("  " + figures(total, measured));
        // The snapshot that slides every source's windows at the second's turn is the largest: the processing
        // thread publishes nothing else meanwhile.
        java.util.Arrays.sort(largest);
        System.out.printf("  largest snapshot of each second, CPU ms: median %.1f, max %.1f%n",
                largest[measured / 2] / 1e6, largest[measured - 1] / 1e6);
    }

    /** CPU (ms per simulated second) and allocation (MiB per simulated second), in all and in snapshots. */
    public static String figures(long[] total, int seconds) {
        return String.format("all: CPU %.1f ms/s alloc %.1f MiB/s; snapshot: CPU %.1f ms/s alloc %.1f MiB/s",
                total[0] / 1e6 / seconds, total[1] / 1048576.0 / seconds, total[2] / 1e6 / seconds,
                total[3] / 1048576.0 / seconds);
    }

    public static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
