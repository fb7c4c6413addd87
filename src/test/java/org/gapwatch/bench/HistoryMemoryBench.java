package org.gapwatch.bench;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.gapwatch.engine.Engine;
import org.gapwatch.track.SourceHistory;
import org.gapwatch.track.TrackerConfig;

/**
 * Heap for N sources with full history: 24 h of per-minute counts, 15 min of per-second counts, 1,000 values and
 * 100 gaps each. Run with the heap limit to prove: scripts/bench-memory.sh (uses -Xmx512m); -Dhistogram=true
 * prints the class histogram after it (where the bytes go).
 */
public final class HistoryMemoryBench {
    public static void main(String[] args) {
        int sources = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Engine engine = new Engine(TrackerConfig.defaults());
        InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 40000);
        long end = 1_700_000_000_000L;
        long start = end - 24 * 3_600_000L;
        long updates = 0;
        long t0 = System.nanoTime();
        byte[] buf = new byte[256];
        for (int s = 0; s < sources; s++) {
            String head = "{\"src\":\"plant/line-" + (s % 20) + "/sensor-" + s + "\",\"seq\":";
            long seq = 0;
            // One update a minute for the first 23 h 45 min, then one a second for the last 15 min.
            for (long t = start; t < end; t += t < end - 900_000 ? 60_000 : 1_000) {
                seq += (seq % 20 == 19) ? 2 : 1; // a gap every 20 updates: far more than 100 gaps
                String json = head + seq + ",\"value\":" + (seq % 1000) / 10.0 + ",\"unit\":\"bar\"}";
                byte[] b = json.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(b, 0, buf, 0, b.length);
                engine.datagram(buf, 0, b.length, sender, t);
                updates++;
            }
            if (s % 1000 == 999) {
                engine.afterBatch(end);
            }
        }
        engine.publish(end);
        double seconds = (System.nanoTime() - t0) / 1e9;
        SourceHistory h = engine.trackerOnWriterThread().history("plant/line-0/sensor-0", end);
        int minutesFilled = 0;
        for (int r : h.receivedPerMinute()) {
            minutesFilled += r > 0 ? 1 : 0;
        }
        int secondsFilled = 0;
        for (int r : h.receivedPerSecond()) {
            secondsFilled += r > 0 ? 1 : 0;
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long max = Runtime.getRuntime().maxMemory();
        System.out.printf("%d sources, %d updates in %.1f s; per source: %d values, %d gaps, %d minutes and %d seconds"
                        + " of counts%nheap used after GC: %.1f MiB (max heap %.0f MiB), %.1f KiB per source%n",
                sources, updates, seconds, h.values().size(), h.gaps().size(), minutesFilled, secondsFilled,
                used / 1048576.0, max / 1048576.0, used / 1024.0 / sources);
        if (Boolean.getBoolean("histogram")) {
            // What jcmd PID GC.class_histogram prints, from inside: where the bytes go, biggest first.
            try {
                Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                        new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
                text.toString().lines().limit(25).forEach(System.out::println);
            } catch (javax.management.JMException e) {
                System.out.println("no class histogram: " + e);
            }
        }
        // The engine must stay reachable until measured, or the collector frees what is being measured.
        java.lang.ref.Reference.reachabilityFence(engine);
    }
}
