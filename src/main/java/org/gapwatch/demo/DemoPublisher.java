package org.gapwatch.demo;

import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Publisher;
import org.gapwatch.net.RtpStream;

/**
 * Sends the {@link DemoScenario} on loopback only: multicast interface lo, TTL 0, group in 239.255.0.0/16; beside
 * it two RTP streams (50 packets/s each, a rare lost packet, RTCP with their CNAMEs once a second).
 */
public final class DemoPublisher implements AutoCloseable {
    public static final String GROUP = "239.255.77.1:47701";
    public static final String RTP_GROUP = "rtp://239.255.77.2:47710?clock=90000";
    private static final int RTP_STREAMS = 2;
    private static final long TICK_MILLIS = 20;

    private final Publisher publisher;
    private final Publisher rtp;
    private final Publisher rtcp;
    private final RtpStream rtpStream;
    private final byte[] rtpBuf = new byte[1500];
    private final DemoScenario scenario;
    /** One source of collectd, sACN, RTPS and jsonmap each. */
    private final ProtocolStreams protocols;
    /** Every group the demo sends to, as subscriptions. */
    public static final java.util.List<String> GROUPS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(GROUP, RTP_GROUP), ProtocolStreams.GROUPS.stream()).toList();
    private final Thread thread;
    private volatile boolean running = true;

    public DemoPublisher(long seed) {
        publisher = new Publisher(GroupSpec.parse(GROUP), "lo", 0);
        GroupSpec r = GroupSpec.parse(RTP_GROUP);
        rtp = new Publisher(r, "lo", 0);
        rtcp = new Publisher(r.sockets().get(1), "lo", 0);
        rtpStream = new RtpStream(RTP_STREAMS, seed, 0.002, -1, 96, 90_000, 50);
        scenario = new DemoScenario(seed, System.currentTimeMillis());
        protocols = new ProtocolStreams(seed);
        thread = new Thread(this::run, "demo-publisher");
        thread.setDaemon(true);
    }

    public DemoPublisher start() {
        thread.start();
        return this;
    }

    private void run() {
        long tick = 0;
        while (running) {
            long now = System.currentTimeMillis();
            scenario.tick(now, p -> publisher.send(p, 0, p.length));
            for (int i = 0; i < RTP_STREAMS; i++) {
                if (tick % 50 == 0) {
                    rtcp.send(rtpBuf, 0, rtpStream.control(rtpBuf, i, now));
                }
                int len = rtpStream.next(rtpBuf, now);
                if (len > 0) {
                    rtp.send(rtpBuf, 0, len);
                }
            }
            protocols.tick(now, tick);
            tick++;
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        publisher.close();
        rtp.close();
        rtcp.close();
        protocols.close();
    }
}
