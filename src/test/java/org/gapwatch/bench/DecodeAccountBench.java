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
}
