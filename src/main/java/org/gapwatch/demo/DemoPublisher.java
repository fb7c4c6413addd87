package org.gapwatch.demo;

import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Publisher;
import org.gapwatch.net.RtpStream;
import org.gapwatch.net.TsStream;
import org.gapwatch.protocol.ptp.PtpWriter;

/**
 * Sends the {@link DemoScenario} on loopback only: multicast interface lo, TTL 0, group in 239.255.0.0/16; beside
 * it two RTP streams (50 packets/s each, a rare lost packet, RTCP with their CNAMEs once a second), one MPEG
 * transport stream (3 PIDs, 50 datagrams/s, a rare lost TS packet) and a PTP grandmaster (Sync and Follow_Up 8/s,
 * Announce once a second; on a port above 1024, as the demo's receiver is no root).
 */
public final class DemoPublisher implements AutoCloseable {
    public static final String GROUP = "239.255.77.1:47701";
    public static final String RTP_GROUP = "rtp://239.255.77.2:47710?clock=90000";
    public static final String TS_GROUP = "mpegts://239.255.77.3:47720";
    public static final String PTP_GROUP = "ptp://239.255.77.4:47730";
    private static final int RTP_STREAMS = 2;
    private static final long GRANDMASTER = 0x02_00_5e_ff_fe_77_00_01L;
    private static final PtpWriter.Grandmaster ANNOUNCED = new PtpWriter.Grandmaster(GRANDMASTER, 128, 6, 0x21,
            0x4E5D, 128, 0, 0x20, 37);
    private static final long TICK_MILLIS = 20;

    private final Publisher publisher;
    private final Publisher rtp;
    private final Publisher rtcp;
    private final RtpStream rtpStream;
    private final byte[] rtpBuf = new byte[1500];
    private final Publisher ts;
    private final TsStream tsStream;
    private final Publisher ptp;
    private int syncSeq;
    private int announceSeq;
    private final DemoScenario scenario;
    /** One source of collectd, sACN, RTPS and jsonmap each. */
    private final ProtocolStreams protocols;
    /** Every group the demo sends to, as subscriptions. */
    public static final java.util.List<String> GROUPS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(GROUP, RTP_GROUP, TS_GROUP, PTP_GROUP), ProtocolStreams.GROUPS.stream()).toList();
    private final Thread thread;
    private volatile boolean running = true;

    public DemoPublisher(long seed) {
        publisher = new Publisher(GroupSpec.parse(GROUP), "lo", 0);
        GroupSpec r = GroupSpec.parse(RTP_GROUP);
        rtp = new Publisher(r, "lo", 0);
        rtcp = new Publisher(r.sockets().get(1), "lo", 0);
        rtpStream = new RtpStream(RTP_STREAMS, seed, 0.002, -1, 96, 90_000, 50);
        ts = new Publisher(GroupSpec.parse(TS_GROUP), "lo", 0);
        tsStream = new TsStream(3, seed, 0.0005);
        ptp = new Publisher(GroupSpec.parse(PTP_GROUP), "lo", 0);
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
            int len = tsStream.next(rtpBuf, now);
            if (len > 0) {
                ts.send(rtpBuf, 0, len);
            }
            grandmaster(tick, now);
            protocols.tick(now, tick);
            tick++;
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sync and Follow_Up every 6th tick (logSyncInterval -3), Announce every 50th (logAnnounceInterval 0). */
    private void grandmaster(long tick, long now) {
        if (tick % 6 == 0) {
            int seq = syncSeq++ & 0xFFFF;
            ptp.send(rtpBuf, 0, PtpWriter.sync(rtpBuf, 0, GRANDMASTER, 1, 0, seq, -3));
            ptp.send(rtpBuf, 0, PtpWriter.followUp(rtpBuf, 0, GRANDMASTER, 1, 0, seq, -3, now / 1000,
                    (int) (now % 1000) * 1_000_000));
        }
        if (tick % 50 == 0) {
            ptp.send(rtpBuf, 0, PtpWriter.announce(rtpBuf, 0, GRANDMASTER, 1, 0, announceSeq++ & 0xFFFF, 0,
                    ANNOUNCED));
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        publisher.close();
        rtp.close();
        rtcp.close();
        ts.close();
        ptp.close();
        protocols.close();
    }
}
