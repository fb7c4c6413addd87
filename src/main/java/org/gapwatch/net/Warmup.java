package org.gapwatch.net;

import java.net.InetSocketAddress;
import org.gapwatch.engine.Engine;
import org.gapwatch.track.TrackerConfig;

/**
 * Runs the decode and accounting path over a synthetic stream in a throwaway engine, so that the JIT has compiled
 * it before the first real datagram: cold, the path takes some 300,000 datagrams to reach full speed, and a burst
 * meanwhile overflows a receive buffer the kernel capped at a few MiB. Costs well under a second of CPU.
 */
public final class Warmup {
    private Warmup() {
    }

    public static void run(int datagrams) {
        Engine engine = new Engine(TrackerConfig.defaults().withMaxSources(2_000));
        SimulatedStream stream = new SimulatedStream(1_000, 42, 0.01, 100, "warmup");
        InetSocketAddress sender = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 9);
        byte[] buf = new byte[65_536];
        long now = System.currentTimeMillis();
        for (int i = 0; i < datagrams; i++) {
            int len = stream.next(buf, now);
            if (len > 0) {
                engine.datagram(buf, 0, len, sender, now + i / 100);
            }
            if ((i & 255) == 255) {
                engine.afterBatch(now + i / 100);
            }
        }
    }
}
