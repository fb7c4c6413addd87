package org.gapwatch.bench;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.Locale;
import org.gapwatch.demo.LoadStream;
import org.gapwatch.engine.Engine;
import org.gapwatch.track.TrackerConfig;

/**
 * What publishing more often costs the writer thread: the bench-ui's stream (N sources, 20 updates a datagram,
 * datagrams 200 µs apart as at 100,000 updates/s) fed to an engine on this thread, with a snapshot published every
 * K datagrams, in CPU time of this thread (so that other load on the machine changes it less than wall time).
 * Prints µs a datagram for each K, and of it the time in publishing (wall time around each publish). Args: SOURCES DATAGRAMS (default 5000 200000).
 */
public final class SnapshotCostBench {
    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);

    public static void main(String[] args) {
        int sources = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int datagrams = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Engine engine = new Engine(new TrackerConfig(Math.max(sources, 10_000), 5_000, 1_000));
        LoadStream stream = new LoadStream(sources, 20, Math.max(50, sources * 1000L / 100_000));
        byte[] b = new byte[stream.maxLength()];
        long[] t = {1_800_000_000_000_000_000L};
        var mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%d sources, round %d:", sources, round));
            for (int k : new int[] {5, 2, 1}) {
                long c0 = mx.getCurrentThreadCpuTime();
                long snaps0 = engine.snapshot().version();
                long inPublish = 0;
                for (int i = 0; i < datagrams; i++) {
                    t[0] += 200_000L;
                    engine.datagram(b, 0, stream.next(b), SENDER, null, t[0]);
                    if ((i + 1) % k == 0) {
                        long p0 = System.nanoTime();
                        engine.publish(t[0] / 1_000_000L);
                        inPublish += System.nanoTime() - p0;
                    }
                }
                double us = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / datagrams;
                long snaps = engine.snapshot().version() - snaps0;
                out.append(String.format(Locale.ROOT, " every %d: %.2f µs a datagram, of it publishing %.2f µs"
                        + " (%.1f µs a snapshot, %d snapshots);", k, us, inPublish / 1e3 / datagrams,
                        inPublish / 1e3 / Math.max(1, snaps), snaps));
            }
            System.out.println(out);
        }
    }
}
