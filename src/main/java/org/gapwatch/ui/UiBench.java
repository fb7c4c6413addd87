package org.gapwatch.ui;

import java.io.PrintWriter;
import java.util.Locale;
import javafx.application.Platform;
import org.gapwatch.demo.LoadStream;
import org.gapwatch.engine.Engine;
import org.gapwatch.engine.LatencyProbe;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Publisher;
import org.gapwatch.track.Totals;

/**
 * {@code gapwatch --bench-ui SECONDS}: floods the real window over loopback (lo, TTL 0) with N sources at R
 * updates/s, measures the wall and then the table (the status-history band hidden), then the wall with the band
 * shown (the timeline, expanded to its default rows), prints pulse times, frame intervals and arrival-to-pulse, and
 * exits.
 */
final class UiBench {
    static final String GROUP = "239.255.77.2:47702";
    private static final int PER_DATAGRAM = 20;

    private final PrintWriter out;
    private final MonitorWindow window;
    private final Engine engine;
    private final int sources;
    private final int rate;
    private final long measureMillis;
    private final long warmupMillis;
    private volatile boolean running = true;
    /** Every datagram's hops from arrival to the pulse, in microseconds (the ms figure above rounds each end). */
    private final LatencyProbe probe = new LatencyProbe(LatencyProbe.systemClock(), 1 << 18);

    UiBench(MonitorWindow window, Engine engine, int sources, int rate, int seconds, int warmupSeconds,
            PrintWriter out) {
        this.out = out;
        this.window = window;
        this.engine = engine;
        this.sources = sources;
        this.rate = rate;
        this.measureMillis = seconds * 1000L;
        this.warmupMillis = warmupSeconds * 1000L;
    }

    void start() {
        engine.probe(probe);
        window.controller().probe(probe);
        Thread sender = new Thread(this::send, "bench-sender");
        sender.setDaemon(true);
        sender.start();
        Thread conductor = new Thread(this::conduct, "bench-conductor");
        conductor.setDaemon(true);
        conductor.start();
    }

    private void send() {
        // Each source announces the interval it really updates at, else above 15,000 sources at 100,000 updates/s
        // every source is judged stale (3 intervals of the old fixed 50 ms) and the bench measures an alarm flood.
        LoadStream stream = new LoadStream(sources, PER_DATAGRAM, Math.max(50, (sources * 1000L + rate - 1) / rate));
        try (Publisher p = new Publisher(GroupSpec.parse(GROUP), "lo", 0)) {
            stream.sendPaced(p, rate, () -> running);
        }
    }

    private void conduct() {
        try {
            Platform.runLater(() -> window.controller().historyButton.setSelected(false));
            Thread.sleep(warmupMillis);
            String wall = measure("wall");
            // What the switch costs, by thread: CPU time is not skewed by other load on the machine as frames are.
            java.util.Map<String, Long> cpuBefore = cpuByThread();
            Platform.runLater(() -> window.controller().showTable(true));
            Thread.sleep(2_000);
            String switchCpu = cpuSince(cpuBefore);
            String table = measure("table");
            // The timeline: the wall with the status-history band under it, as the operator toggles it (Ctrl+T).
            Platform.runLater(() -> {
                window.controller().showTable(false);
                window.controller().historyButton.setSelected(true);
            });
            Thread.sleep(2_000);
            var band = window.wiring().history;
            long[] bandBefore = onFx(() -> new long[] {band.requestCount(), band.redrawCount()});
            String timeline = measure("timeline");
            long[] bandAfter = onFx(() -> new long[] {band.requestCount(), band.redrawCount(), band.rowCount(),
                    band.paintedCells()});
            running = false;
            out.println("gapwatch bench-ui: " + sources + " sources, " + rate + " updates/s over lo in "
                    + PER_DATAGRAM + "-update datagrams, " + measureMillis / 1000 + " s per view after "
                    + warmupMillis / 1000 + " s of flood");
            out.println(wall);
            out.println(table);
            out.println("switch  : CPU ms in the 2 s after it, by thread: " + switchCpu);
            out.println(timeline + String.format(Locale.ROOT, " | band: %d group rows, %d queries, %d paints of %d"
                    + " cells", bandAfter[2], bandAfter[0] - bandBefore[0], bandAfter[1] - bandBefore[1],
                    bandAfter[3]));
            out.flush();
            Platform.runLater(() -> {
                Platform.exit();
                System.exit(0);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String measure(String view) throws InterruptedException {
        clear();
        Totals before = engine.snapshot().totals();
        long versionBefore = engine.snapshot().version();
        java.util.Map<String, Long> cpuBefore = threadCpu();
        long[] faultsBefore = kernelSide("gapwatch-proces");
        long t0 = System.nanoTime();
        // The losses second by second: a flood's start-up and a steady state lose differently, and the total hides it.
        StringBuilder lostPerSecond = new StringBuilder();
        long lostBefore = before.lost();
        for (long waited = 0; waited < measureMillis; waited += 1_000) {
            Thread.sleep(Math.min(1_000, measureMillis - waited));
            long lost = engine.snapshot().totals().lost();
            lostPerSecond.append(lostPerSecond.isEmpty() ? "" : " ").append(lost - lostBefore);
            lostBefore = lost;
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        // The window's figures first, frozen by copying, and read from the copies: sorting them while the pulse
        // goes on counting held the pulse (the probe's lock: one 340 ms frame at 100,000 sources), and that frame
        // was then counted in the very figures being read.
        PulseStats pulse = window.pulseNanos().copy();
        PulseStats frames = window.frameGapNanos().copy();
        PulseStats arrival = window.arrivalToPulseMillis().copy();
        PulseStats views = window.viewNanos().copy();
        PulseStats rest = window.restNanos().copy();
        String slowest = window.slowestPart().toString();
        LatencyProbe.Figures hopFigures = probe.figures();
        Totals after = engine.snapshot().totals();
        long snapshots = engine.snapshot().version() - versionBefore;
        java.util.Map<String, Long> cpuAfter = threadCpu();
        long[] faultsAfter = kernelSide("gapwatch-proces");
        StringBuilder cpu = new StringBuilder(String.format(Locale.ROOT, " | snapshots %.0f/s, CPU ms/s:",
                snapshots / secs));
        cpuAfter.forEach((name, ns) -> cpu.append(String.format(Locale.ROOT, " %s %.0f", name,
                (ns - cpuBefore.getOrDefault(name, 0L)) / 1e6 / secs)));
        long datagrams = after.datagrams() - before.datagrams();
        cpu.append(String.format(Locale.ROOT, " (processing %.1f µs a datagram)",
                (cpuAfter.getOrDefault("processing", 0L) - cpuBefore.getOrDefault("processing", 0L)) / 1e3
                        / Math.max(1, datagrams)));
        long frameCount = frames.count();
        StringBuilder hops = new StringBuilder(" | hops of ").append(hopFigures.summary(17_000)).append(" | ")
                .append(hopFigures.ages(50, 99));
        hops.append(cpu);
        // A heap growing into memory never touched before costs its allocating thread a page fault every 4 KiB.
        hops.append(String.format(Locale.ROOT, " | processing thread: %.0f minor faults/s, system CPU %.0f ms/s",
                (faultsAfter[0] - faultsBefore[0]) / secs, (faultsAfter[1] - faultsBefore[1]) * 10 / secs));
        return hops.insert(0, String.format(Locale.ROOT,
                "%-8s: updates received %.0f/s (lost %d), sources %d | pulse work p50 %.2f ms p99 %.2f ms max %.2f ms"
                        + " (views p99 %.2f ms, rest p99 %.2f ms; longest part: %s)"
                        + " | frames %.1f/s, interval p50 %.1f ms p99 %.1f ms | arrival-to-pulse p50 %d ms p99 %d ms"
                        + " | lost each second: %s",
                view, (after.received() - before.received()) / secs, after.lost() - before.lost(), after.sources(),
                pulse.percentile(50) / 1e6, pulse.percentile(99) / 1e6, pulse.percentile(100) / 1e6,
                views.percentile(99) / 1e6, rest.percentile(99) / 1e6, slowest,
                frameCount / secs, frames.percentile(50) / 1e6, frames.percentile(99) / 1e6,
                arrival.percentile(50), arrival.percentile(99), lostPerSecond)).toString();
    }

    /** CPU time (ns) so far of the threads on the way from the socket to the pulse, by short name. */
    private static java.util.Map<String, Long> threadCpu() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        // Thread infos without stacks: Thread.getAllStackTraces() stopped every thread, the FX thread too.
        for (var t : mx.getThreadInfo(mx.getAllThreadIds(), 0)) {
            if (t == null) {
                continue; // ended meanwhile
            }
            String n = t.getThreadName();
            String key = n.equals("gapwatch-processing") ? "processing" : n.equals("gapwatch-socket") ? "socket"
                    : n.equals("gapwatch-judge-live") ? "judge" : n.equals("gapwatch-view-models") ? "models"
                    : n.equals("JavaFX Application Thread") ? "fx" : null;
            if (key != null) {
                out.merge(key, Math.max(0, mx.getThreadCpuTime(t.getThreadId())), Long::sum);
            }
        }
        return out;
    }

    /**
     * CPU ms so far of each thread of this process, by name (threads of one name summed, such as the JIT's and the
     * GC's, which the JVM's own thread bean does not see), from Linux's /proc; empty elsewhere.
     */
    private static java.util.Map<String, Long> cpuByThread() {
        java.util.Map<String, Long> cpu = new java.util.HashMap<>();
        eachThreadStat((name, f) -> {
            String key = name.replaceAll("[0-9]+$", "").replaceAll("^(C1|C2) Compiler.*", "JIT")
                    .replaceAll("^(ZWorker|ZDirector|ZDriver|ZUnmapper|ZStat|GC Thread).*", "GC");
            cpu.merge(key, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10, Long::sum); // utime + stime, 100/s
        });
        return cpu;
    }

    /**
     * The minor page faults and the system CPU ticks (100 a second) so far of the threads named {@code name} (as
     * Linux shortens it, 15 characters), from /proc; zeros elsewhere.
     */
    private static long[] kernelSide(String name) {
        long[] out = new long[2];
        eachThreadStat((n, f) -> {
            if (n.equals(name)) {
                out[0] += Long.parseLong(f[7]); // minflt
                out[1] += Long.parseLong(f[12]); // stime
            }
        });
        return out;
    }

    /**
     * Each thread's name and the fields of its /proc/self/task/N/stat after the name (state first), where Linux has
     * them; a thread that ends meanwhile is left out.
     */
    private static void eachThreadStat(java.util.function.BiConsumer<String, String[]> each) {
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path t : tasks.toList()) {
                try {
                    String stat = java.nio.file.Files.readString(t.resolve("stat"));
                    each.accept(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
                            stat.substring(stat.lastIndexOf(')') + 2).split(" "));
                } catch (java.io.IOException | RuntimeException gone) {
                    // a thread that ended meanwhile
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: nothing to read
        }
    }

    /** The CPU ms each thread used since {@code before}, most first (those above 20 ms). */
    private static String cpuSince(java.util.Map<String, Long> before) {
        StringBuilder sb = new StringBuilder();
        cpuByThread().entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 20)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> sb.append(sb.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
        return sb.toString();
    }

    private static <T> T onFx(java.util.function.Supplier<T> s) throws InterruptedException {
        var f = new java.util.concurrent.CompletableFuture<T>();
        Platform.runLater(() -> f.complete(s.get()));
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void clear() {
        window.pulseNanos().clear();
        window.frameGapNanos().clear();
        window.arrivalToPulseMillis().clear();
        window.viewNanos().clear();
        window.restNanos().clear();
        window.slowestPart().clear();
        probe.clear();
    }
}
