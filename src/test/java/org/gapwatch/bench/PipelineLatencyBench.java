package org.gapwatch.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.gapwatch.demo.LoadStream;
import org.gapwatch.engine.Engine;
import org.gapwatch.engine.LatencyProbe;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Loopback;
import org.gapwatch.net.MulticastReceiver;
import org.gapwatch.net.Publisher;
import org.gapwatch.net.ReceiverConfig;
import org.gapwatch.track.TrackerConfig;

/**
 * The way from the socket to a 60 Hz reader without a window: the bench-ui's flood (N sources at R updates/s in
 * 20-update datagrams, a burst every millisecond) over lo to a real receiver, and a thread that reads the newest
 * snapshot every 16.67 ms as the FX pulse does. Prints the {@link LatencyProbe}'s hops, snapshots a second and the
 * CPU of the receiver's threads per datagram. Args: SOURCES RATE SECONDS (default 5000 100000 10), after 5 s of
 * flood. {@code -Dgapwatch.caughtUpPublishMicros=N} sets the caught-up spacing.
 */
public final class PipelineLatencyBench {
    private static final int PER_DATAGRAM = 20;
    private static volatile boolean running = true;

    public static void main(String[] args) throws Exception {
        int sources = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        GroupSpec group = Loopback.freshGroup();
        Engine engine = new Engine(new TrackerConfig(Math.max(sources, 10_000), 5_000, 1_000));
        LatencyProbe probe = new LatencyProbe(LatencyProbe.systemClock(), 1 << 20);
        engine.probe(probe);
        try (MulticastReceiver receiver = new MulticastReceiver(engine, new ReceiverConfig(List.of(group), "lo"))) {
            receiver.start();
            Thread sender = Thread.ofPlatform().name("bench-sender").daemon(true)
                    .start(() -> send(group, sources, rate));
            Thread pulse = Thread.ofPlatform().name("bench-pulse").daemon(true).start(() -> pulse(engine, probe));
            Thread.sleep(5_000);
            probe.clear();
            long v0 = engine.snapshot().version();
            long d0 = engine.snapshot().totals().datagrams();
            Map<String, Long> cpu0 = cpu();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1_000L);
            double secs = (System.nanoTime() - t0) / 1e9;
            Map<String, Long> cpu1 = cpu();
            long datagrams = engine.snapshot().totals().datagrams() - d0;
            long snapshots = engine.snapshot().version() - v0;
            running = false;
            sender.join();
            pulse.join();
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "%d sources, %d updates/s, caught-up spacing %d µs, %d s, load %s: %.0f datagrams/s,"
                            + " %.0f snapshots/s; ", sources, rate, Engine.CAUGHT_UP_PUBLISH_NANOS / 1_000, seconds,
                    load(), datagrams / secs, snapshots / secs)).append(probe.summary(16_700)).append("; CPU ms/s:");
            cpu1.forEach((k, v) -> out.append(String.format(Locale.ROOT, " %s %.1f", k,
                    (v - cpu0.getOrDefault(k, 0L)) / 1e6 / secs)));
            out.append(String.format(Locale.ROOT, "; processing %.2f µs a datagram",
                    (cpu1.get("processing") - cpu0.get("processing")) / 1e3 / Math.max(1, datagrams)));
            System.out.println(out);
        }
    }

    private static void send(GroupSpec group, int sources, int rate) {
        LoadStream stream = new LoadStream(sources, PER_DATAGRAM, Math.max(50, (sources * 1000L + rate - 1) / rate));
        try (Publisher p = new Publisher(group, "lo", 0)) {
            stream.sendPaced(p, rate, () -> running);
        }
    }

    /** Reads the newest snapshot at 60 Hz on an absolute schedule, as the FX pulse does. */
    private static void pulse(Engine engine, LatencyProbe probe) {
        long next = System.nanoTime();
        while (running) {
            next += 16_666_667L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            probe.shown(engine.snapshot().version());
        }
    }

    private static Map<String, Long> cpu() {
        var mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("gapwatch-processing") || t.getName().startsWith("gapwatch-socket")) {
                out.put(t.getName().substring("gapwatch-".length()), mx.getThreadCpuTime(t.threadId()));
            }
        }
        return out;
    }

    private static String load() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
