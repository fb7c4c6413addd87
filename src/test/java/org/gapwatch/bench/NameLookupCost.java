package org.gapwatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.util.Locale;
import org.gapwatch.demo.LoadStream;
import org.gapwatch.engine.Engine;
import org.gapwatch.track.TrackerConfig;

/**
 * Decoding plus accounting of 20-update JSON datagrams over many sources (issue 12 §4: 100,000 sources), as the
 * processing thread does it, measured by this thread's CPU time and allocated bytes (ThreadMXBean), not by the wall
 * clock: on a shared machine the CPU time of one thread says more. The datagrams of one round over all sources are
 * written first (the bench sender's bytes, {@link LoadStream}); only their decoding and accounting is measured.
 * <p>Run: {@code java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt)
 * org.gapwatch.bench.NameLookupCost [SOURCES [WARMUP_ROUNDS [MEASURED_ROUNDS]]]} (scripts/bench-decode.sh writes
 * the class path).
 */
public final class NameLookupCost {
    private NameLookupCost() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        int sources = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        // Rounds over all sources, not seconds: the same work before and after whatever else the machine does.
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        int measure = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int perDatagram = 20;
        LoadStream stream = new LoadStream(sources, perDatagram, 333);
        int round = Math.max(1, sources / perDatagram);
        byte[][] batch = new byte[round][stream.maxLength()];
        int[] lengths = new int[round];
        Engine engine = new Engine(new TrackerConfig(Math.max(sources, 1), 10_000, 0));
        InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 40000);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        // com.sun.management's extension, by reflection: the module does not read jdk.management.
        Method allocated = Class.forName("com.sun.management.ThreadMXBean")
                .getMethod("getThreadAllocatedBytes", long.class);
        long tid = Thread.currentThread().threadId();
        long now = 1_700_000_000_000L;
        long start = System.nanoTime();
        long cpu = 0;
        long bytes = 0;
        long datagrams = 0;
        for (int r = 0; r < warmup + measure; r++) {
            if (r == warmup) {
                cpu = 0;
                bytes = 0;
                datagrams = 0;
            }
            for (int i = 0; i < round; i++) {
                lengths[i] = stream.next(batch[i]);
            }
            long c0 = mx.getCurrentThreadCpuTime();
            long b0 = (long) allocated.invoke(mx, tid);
            for (int i = 0; i < round; i++) {
                engine.datagram(batch[i], 0, lengths[i], sender, now);
                now += 1;
            }
            cpu += mx.getCurrentThreadCpuTime() - c0;
            bytes += (long) allocated.invoke(mx, tid) - b0;
            datagrams += round;
        }
        var totals = engine.trackerOnWriterThread().totals();
        System.out.printf(Locale.ROOT, "sources %,d, %d updates a datagram: %.2f us CPU and %,.0f bytes allocated a"
                        + " datagram over %,d datagrams (%d rounds measured after %d, %.1f s in all); received %,d"
                        + " lost %,d rejectedSources %,d; load average %s%n",
                sources, perDatagram, cpu / 1e3 / datagrams, (double) bytes / datagrams, datagrams, measure, warmup,
                (System.nanoTime() - start) / 1e9,
                totals.received(), totals.lost(), totals.rejectedSources(), loadAverage());
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
