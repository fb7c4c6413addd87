package org.gapwatch.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.gapwatch.capture.RecentRecording;
import org.gapwatch.capture.RingBounds;
import org.gapwatch.engine.Engine;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.MulticastReceiver;
import org.gapwatch.net.Publisher;
import org.gapwatch.net.ReceiverConfig;
import org.gapwatch.track.TrackerConfig;

/**
 * The recent ring's cost: the receiver (socket, processing, housekeeping) with and without the ring (its recorder
 * loop writing segments) at a paced rate over loopback (lo, TTL 0), CPU time of this process minus the publisher's
 * thread, per datagram. Usage: {@code RecentRingBench GROUP:PORT RATE SECONDS on|off DIR}.
 */
public final class RecentRingBench {
    private RecentRingBench() {
    }

    /** utime + stime of this process from /proc/self/stat (Linux; clock ticks of 10 ms), GC threads included. */
    static long processCpuNanos() throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    public static void main(String[] args) throws Exception {
        GroupSpec g = GroupSpec.parse(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        boolean ring = args[3].equals("on");
        Path dir = Path.of(args[4]);
        Engine engine = new Engine(TrackerConfig.defaults());
        MulticastReceiver receiver = new MulticastReceiver(engine, new ReceiverConfig(List.of(g), "lo",
                ReceiverConfig.DEFAULT_RECEIVE_BUFFER));
        receiver.start();
        RecentRecording rr = null;
        if (ring) {
            rr = RecentRecording.start(dir, RingBounds.defaults());
            rr.awaitOpened(Duration.ofSeconds(10));
            receiver.setRecentTap(rr.tap());
        }
        Thread.sleep(500); // joined
        byte[][] payloads = new byte[1000][];
        AtomicLong sent = new AtomicLong();
        long[] publisherCpu = new long[1];
        var threads = ManagementFactory.getThreadMXBean();
        Thread pub = Thread.ofPlatform().name("bench-publisher").start(() -> {
            try (Publisher p = new Publisher(g, "lo", 0)) {
                long start = System.nanoTime();
                long total = (long) rate * seconds;
                for (long i = 0; i < total; i++) {
                    int src = (int) (i % 1000);
                    byte[] b = ("{\"v\":1,\"src\":\"bench/line-" + src / 100 + "/s-" + src + "\",\"seq\":"
                            + (i / 1000 + 1) + ",\"value\":" + (i % 997) + ",\"status\":\"ok\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    p.send(b, 0, b.length);
                    sent.incrementAndGet();
                    long due = start + i * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 50_000) {
                        LockSupport.parkNanos(wait);
                    }
                }
                publisherCpu[0] = threads.getCurrentThreadCpuTime();
            }
        });
        var os = ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        pub.join();
        Thread.sleep(1000); // let the receiver and the ring finish what they hold
        long cpu = processCpuNanos() - cpu0 - publisherCpu[0];
        long wall = System.nanoTime() - wall0;
        long received = engine.snapshot().totals().received();
        String ringLine = "";
        if (rr != null) {
            RecentRecording.Status s = rr.status();
            ringLine = String.format(" ring: recorded=%d dropped=%d bytes=%d segments=%d", s.recorded(), s.dropped(),
                    s.bytes(), rr.segments().size());
        }
        double load = os.getSystemLoadAverage();
        System.out.printf("ring=%s rate=%d sent=%d received=%d cpu=%.2fs wall=%.1fs cpu/datagram=%.2fus"
                        + " load=%.1f%s%n", ring ? "on" : "off", rate, sent.get(), received, cpu / 1e9, wall / 1e9,
                cpu / 1e3 / Math.max(1, received), load, ringLine);
        if (rr != null) {
            rr.close();
            rr.awaitClosed(Duration.ofSeconds(5));
        }
        receiver.close();
        if (Files.exists(dir)) {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }
}
