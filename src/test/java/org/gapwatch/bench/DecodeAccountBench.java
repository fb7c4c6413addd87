package org.gapwatch.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gapwatch.engine.Engine;
import org.gapwatch.protocol.Subscription;
import org.gapwatch.protocol.mpegts.TsWriter;
import org.gapwatch.protocol.ptp.PtpWriter;
import org.gapwatch.protocol.rtp.RtpWriter;
import org.gapwatch.track.TrackerConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode + accounting per core: one 120-byte update per datagram, round robin over many sources, straight into the
 * engine's writer path (what the receive thread does per datagram, without the socket). {@link #rtpDecodeAndAccount}
 * does the same for RTP: a 172-byte packet (12-byte header, 160 bytes of payload) per datagram, one SSRC per
 * source, through the routed RTP decoder (header checks, SSRC look-up, jitter, rates) and the 16-bit space.
 * {@link #mpegtsDecodeAndAccount}: one 1,316-byte datagram of 7 TS packets per call (so TS packets/s = 7 x the
 * score), a PID per packet out of 16, through the MPEG-TS decoder (TR 101 290, PSI, rates) and the 4-bit lanes.
 * {@link #ptpDecodeAndAccount}: a 44-byte Sync per call, one port identity per source.
 * Run: scripts/bench-decode.sh
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecodeAccountBench {
    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);

    @Param({"1000"})
    public int sources;

    private byte[][] payloads;
    private int[] lengths;
    private int[] seqEnd;
    private Engine engine;
    private int cursor;
    private long now = 1_700_000_000_000L;

    private static final InetSocketAddress RTP_GROUP = new InetSocketAddress("239.255.0.9", 5004);
    private Engine rtpEngine;
    private byte[][] packets;
    private int rtpCursor;
    private long rtpNanos = 1_700_000_000_000_000_000L;

    private static final InetSocketAddress TS_GROUP = new InetSocketAddress("239.255.0.10", 1234);
    private static final int TS_PIDS = 16;
    private Engine tsEngine;
    private final byte[] ts = new byte[7 * 188];
    private int tsPacket;
    private long tsNanos = 1_700_000_000_000_000_000L;

    private static final InetSocketAddress PTP_EVENT = new InetSocketAddress("224.0.1.129", 319);
    private Engine ptpEngine;
    private byte[][] syncs;
    private int[] syncSeq;
    private int ptpCursor;
    private long ptpNanos = 1_700_000_000_000_000_000L;

    @Setup(Level.Trial)
    public void setUp() {
        for (int k = 0; k < 7; k++) {
            TsWriter.payload(ts, k * 188, 0x100, 0, false);
        }
        tsEngine = new Engine(TrackerConfig.defaults());
        tsEngine.route(new Subscription("mpegts", "239.255.0.10", 1234, Map.of()), List.of(TS_GROUP));
        ptpEngine = new Engine(TrackerConfig.defaults());
        ptpEngine.route(new Subscription("ptp", "224.0.1.129", 0, Map.of()),
                List.of(PTP_EVENT, new InetSocketAddress("224.0.1.129", 320)));
        syncs = new byte[sources][44];
        syncSeq = new int[sources];
        for (int i = 0; i < sources; i++) {
            PtpWriter.sync(syncs[i], 0, 0x0011_22ff_fe00_0000L + i, 1, 0, 0, -4);
        }
        engine = new Engine(TrackerConfig.defaults());
        payloads = new byte[sources][];
        lengths = new int[sources];
        seqEnd = new int[sources];
        for (int i = 0; i < sources; i++) {
            // Ten-digit sequence numbers, so that counting up in place keeps the length for 9 billion updates.
            String head = "{\"src\":\"plant/line-" + (i % 10) + "/pump-" + String.format("%04d", i) + "\",\"seq\":";
            String s = head + "1000000000,\"ts\":1700000000000,\"value\":" + (20 + i % 100 / 10.0)
                    + ",\"unit\":\"bar\",\"status\":\"ok\",\"interval\":100}";
            payloads[i] = s.getBytes(StandardCharsets.UTF_8);
            lengths[i] = payloads[i].length;
            seqEnd[i] = head.length() + 10;
        }
        rtpEngine = new Engine(TrackerConfig.defaults());
        rtpEngine.route(new Subscription("rtp", "239.255.0.9", 5004, Map.of("clock", "90000")),
                List.of(RTP_GROUP, new InetSocketAddress("239.255.0.9", 5005)));
        packets = new byte[sources][172];
        for (int i = 0; i < sources; i++) {
            RtpWriter.rtp(packets[i], 0, 96, false, 65_000 + i, 0, 0x1000 + i, 160);
        }
    }

    /** Length of the update of source 0: the benchmark's datagram size. */
    public int datagramBytes() {
        return lengths[0];
    }

    @Benchmark
    public void decodeAndAccount() {
        int i = cursor;
        cursor = i + 1 == sources ? 0 : i + 1;
        engine.datagram(payloads[i], 0, lengths[i], SENDER, now);
        increment(payloads[i], seqEnd[i]);
        if (cursor == 0) {
            now++;
        }
    }

    @Benchmark
    public void rtpDecodeAndAccount() {
        int i = rtpCursor;
        rtpCursor = i + 1 == sources ? 0 : i + 1;
        byte[] p = packets[i];
        rtpEngine.datagram(p, 0, p.length, SENDER, RTP_GROUP, rtpNanos);
        // Next packet of this SSRC: sequence number + 1 (wrapping), timestamp + 1800 (50 packets/s at 90 kHz).
        int seq = ((p[2] & 0xFF) << 8 | (p[3] & 0xFF)) + 1;
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        int ts = ((p[4] & 0xFF) << 24 | (p[5] & 0xFF) << 16 | (p[6] & 0xFF) << 8 | (p[7] & 0xFF)) + 1800;
        p[4] = (byte) (ts >>> 24);
        p[5] = (byte) (ts >>> 16);
        p[6] = (byte) (ts >>> 8);
        p[7] = (byte) ts;
        if (rtpCursor == 0) {
            rtpNanos += 20_000_000L;
        }
    }

    @Benchmark
    public void mpegtsDecodeAndAccount() {
        // 7 payload packets, PIDs 0x100..0x10F in turn, each PID's counter one on from its last packet.
        for (int k = 0; k < 7; k++) {
            int n = tsPacket++;
            int pid = 0x100 + n % TS_PIDS;
            ts[k * 188 + 1] = (byte) (pid >> 8);
            ts[k * 188 + 2] = (byte) pid;
            ts[k * 188 + 3] = (byte) (0x10 | (n / TS_PIDS) & 0x0F);
        }
        tsEngine.datagram(ts, 0, ts.length, SENDER, TS_GROUP, tsNanos);
        tsNanos += 100_000L; // 10,000 datagrams a second of stream time
    }

    @Benchmark
    public void ptpDecodeAndAccount() {
        int i = ptpCursor;
        ptpCursor = i + 1 == sources ? 0 : i + 1;
        byte[] m = syncs[i];
        int seq = ++syncSeq[i];
        m[30] = (byte) (seq >>> 8);
        m[31] = (byte) seq;
        ptpEngine.datagram(m, 0, m.length, SENDER, PTP_EVENT, ptpNanos);
        if (ptpCursor == 0) {
            ptpNanos += 62_500_000L;
        }
    }

    /** Adds one to the decimal number that ends before {@code end}. */
    private static void increment(byte[] b, int end) {
        int k = end - 1;
        while (b[k] == '9') {
            b[k--] = '0';
        }
        b[k]++;
    }

    // ---- collectd, sACN, RTPS, jsonmap (issue 10): each through its routed decoder, state of its own ----

    /** One datagram per call, round robin over its sources, time (or sequence) advanced in place. */
    @State(Scope.Thread)
    public static class Others {
        static final InetSocketAddress COLLECTD = new InetSocketAddress("239.255.0.10", 25826);
        static final InetSocketAddress SACN = new InetSocketAddress("239.255.0.11", 5568);
        static final InetSocketAddress RTPS = new InetSocketAddress("239.255.0.12", 7401);
        static final InetSocketAddress JSONMAP = new InetSocketAddress("239.255.0.13", 7000);
        /**
         * sACN: CIDs on one universe (a few in practice; {@code -p sacnSources=16,1000} shows that a packet costs
         * the same with 1,000), priority 100 + i mod 101: with 1,000 the top priority 200 is shared by 9 (a conflict).
         */
        @Param({"16"})
        public int sacnSources = 16;
        final Engine engine = new Engine(TrackerConfig.defaults());
        byte[][] collectd;
        int collectdTime;
        byte[][] sacn;
        byte[][] rtps;
        byte[][] jsonmap;
        int jsonmapFrameEnd;
        int collectdCursor;
        int sacnCursor;
        int rtpsCursor;
        int jsonmapCursor;
        long nanos = 1_700_000_000_000_000_000L;

        @Param({"1000"})
        public int sources;

        @Setup(Level.Trial)
        public void setUp() {
            engine.setResources(org.gapwatch.files.MappingFiles::read);
            engine.route(new Subscription("collectd", "239.255.0.10", 25826, Map.of()), List.of(COLLECTD));
            engine.route(new Subscription("sacn", "239.255.0.11", 5568, Map.of()), List.of(SACN));
            engine.route(new Subscription("rtps", "239.255.0.12", 7401, Map.of()), List.of(RTPS));
            engine.route(new Subscription("jsonmap", "239.255.0.13", 7000, Map.of("map", "sensor-gateway")),
                    List.of(JSONMAP));
            collectd = new byte[sources][];
            rtps = new byte[sources][];
            jsonmap = new byte[sources][];
            sacn = new byte[sacnSources][];
            byte[] buf = new byte[1500];
            for (int i = 0; i < sources; i++) {
                String host = String.format("host-%04d", i);
                // HOST part (4 + 9 + 1 bytes), then TIME_HR's header: its 8 bytes start at 18.
                int n = new org.gapwatch.protocol.collectd.CollectdWriter(buf).gauges(host, "load", "load",
                        1_700_000_000_000_000_000L, 1_000_000_000L, 0.5, 0.4, 0.3).length();
                collectd[i] = java.util.Arrays.copyOf(buf, n);
                org.gapwatch.protocol.rtps.RtpsWriter w = new org.gapwatch.protocol.rtps.RtpsWriter(buf,
                        0x0110_0000_0000_0001L, 7);
                n = w.data(0x100 + (i << 8) | 0x02, 1, i).length();
                rtps[i] = java.util.Arrays.copyOf(buf, n);
                String j = "{\"gateway\":\"gw\",\"readings\":[{\"site\":\"s" + (i % 10) + "\",\"device\":\"d"
                        + String.format("%04d", i) + "\",\"frame\":1000000000";
                jsonmapFrameEnd = j.length();
                jsonmap[i] = (j + ",\"value\":21.5,\"unit\":\"degC\",\"state\":0,\"time\":1700000000.0,"
                        + "\"period\":1}]}").getBytes(StandardCharsets.UTF_8);
            }
            collectdTime = 4 + 9 + 1 + 4;
            byte[] slots = new byte[512];
            for (int i = 0; i < 48; i++) {
                slots[i] = (byte) (i * 5);
            }
            for (int i = 0; i < sacnSources; i++) {
                int n = org.gapwatch.protocol.sacn.E131Writer.data(buf, 0x1000 + i, 0x2000 + i, "desk " + i,
                        100 + i % 101, 0, 0, 1, slots, 512);
                sacn[i] = java.util.Arrays.copyOf(buf, n);
            }
        }
    }

    /** collectd: one value list of three gauges per datagram (111 bytes), its TIME_HR one interval on per round. */
    @Benchmark
    public void collectdDecodeAndAccount(Others o) {
        int i = o.collectdCursor;
        o.collectdCursor = next(i, o.sources);
        byte[] p = o.collectd[i];
        o.engine.datagram(p, 0, p.length, SENDER, Others.COLLECTD, o.nanos);
        addBigEndian(p, o.collectdTime, org.gapwatch.protocol.collectd.HighResTime.SECOND);
        if (o.collectdCursor == 0) {
            o.nanos += 1_000_000_000L;
        }
    }

    /**
     * sACN: a 638-byte data packet (512 slots), {@code sacnSources} CIDs on one universe (16 unless asked), sequence
     * number + 1 per packet, 1.5 ms apart (so 1,000 CIDs are each heard every 1.5 s: none times out).
     */
    @Benchmark
    public void sacnDecodeAndAccount(Others o) {
        sacnPacket(o, false);
    }

    private static void sacnPacket(Others o, boolean moveLevels) {
        int i = o.sacnCursor;
        o.sacnCursor = next(i, o.sacnSources);
        byte[] p = o.sacn[i];
        o.engine.datagram(p, 0, p.length, SENDER, Others.SACN, o.nanos);
        p[111]++;
        if (moveLevels) {
            p[126]++;
        }
        o.nanos += 1_500_000L;
    }

    /**
     * sACN with levels that change in every packet (a fader moving: slot 1 + 1), so the tracker copies the 512
     * levels each time (in place: no snapshot holds them between two packets here).
     */
    @Benchmark
    public void sacnMovingLevelsDecodeAndAccount(Others o) {
        sacnPacket(o, true);
    }

    /** RTPS: one DATA (writer sequence number + 1 per round) in a 56-byte message, one writer per source. */
    @Benchmark
    public void rtpsDecodeAndAccount(Others o) {
        int i = o.rtpsCursor;
        o.rtpsCursor = next(i, o.sources);
        byte[] p = o.rtps[i];
        o.engine.datagram(p, 0, p.length, SENDER, Others.RTPS, o.nanos);
        // writerSN low word, little-endian, at 40.
        int sn = (p[40] & 0xFF | (p[41] & 0xFF) << 8 | (p[42] & 0xFF) << 16 | (p[43] & 0xFF) << 24) + 1;
        p[40] = (byte) sn;
        p[41] = (byte) (sn >>> 8);
        p[42] = (byte) (sn >>> 16);
        p[43] = (byte) (sn >>> 24);
        if (o.rtpsCursor == 0) {
            o.nanos += 10_000_000L;
        }
    }

    /** jsonmap: the sensor-gateway shape, one reading per datagram (about 150 bytes), through the shipped mapping. */
    @Benchmark
    public void jsonmapDecodeAndAccount(Others o) {
        int i = o.jsonmapCursor;
        o.jsonmapCursor = next(i, o.sources);
        byte[] p = o.jsonmap[i];
        o.engine.datagram(p, 0, p.length, SENDER, Others.JSONMAP, o.nanos);
        increment(p, o.jsonmapFrameEnd);
        if (o.jsonmapCursor == 0) {
            o.nanos += 1_000_000_000L;
        }
    }

    /** The next of {@code n} sources, round robin. */
    private static int next(int i, int n) {
        return i + 1 == n ? 0 : i + 1;
    }

    private static void addBigEndian(byte[] b, int off, long add) {
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = v << 8 | (b[off + k] & 0xFF);
        }
        v += add;
        for (int k = 7; k >= 0; k--) {
            b[off + k] = (byte) v;
            v >>>= 8;
        }
    }
}
