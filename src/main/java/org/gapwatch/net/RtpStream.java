package org.gapwatch.net;

import java.util.SplittableRandom;
import org.gapwatch.protocol.rtp.RtpWriter;

/**
 * What {@code gapwatch publish rtp://...} sends: N RTP streams (one SSRC each) paced as one round robin, with
 * timestamps of the given clock, and RTCP (sender report and CNAME) on request. With a loss fraction it skips that
 * share of sequence numbers on purpose, also across the 16-bit wrap; never the first two packets of a stream,
 * which a receiver needs for RFC 3550's probation, so the expected loss is exact.
 */
public final class RtpStream implements PublishStream {
    static final int PAYLOAD_BYTES = 160;

    private final int sources;
    private final SplittableRandom random;
    private final Skips skips;
    private final int payloadType;
    private final long ticksPerPacket;
    private final int[] ssrc;
    private final int[] nextSeq;
    private final long[] index;
    private final long[] timestampBase;
    private final long[] packetsSent;
    private int cursor;

    /**
     * @param seqStart first sequence number of every stream, or -1 for a random one each (RFC 3550)
     * @param packetsPerSecondPerSource the pace the timestamps describe
     */
    public RtpStream(int sources, long seed, double loss, int seqStart, int payloadType, int clockRate,
                     double packetsPerSecondPerSource) {
        if (sources < 1) {
            throw new IllegalArgumentException("sources must be at least 1");
        }
        this.sources = sources;
        this.random = new SplittableRandom(seed);
        this.skips = new Skips(sources, loss, random);
        this.payloadType = payloadType;
        this.ticksPerPacket = Math.max(1, Math.round(clockRate / Math.max(1e-3, packetsPerSecondPerSource)));
        this.ssrc = new int[sources];
        this.nextSeq = new int[sources];
        this.index = new long[sources];
        this.timestampBase = new long[sources];
        this.packetsSent = new long[sources];
        for (int i = 0; i < sources; i++) {
            ssrc[i] = random.nextInt();
            nextSeq[i] = seqStart >= 0 ? seqStart & 0xFFFF : random.nextInt(65536);
            timestampBase[i] = random.nextLong() & 0xFFFFFFFFL;
        }
    }

    @Override
    public int sources() {
        return sources;
    }

    @Override
    public long skipped() {
        return skips.skipped();
    }

    /** The SSRC of stream {@code i}. */
    public int ssrc(int i) {
        return ssrc[i];
    }

    @Override
    public int next(byte[] buf, long nowMillis) {
        int i = cursor;
        cursor = (cursor + 1) % sources;
        int seq = nextSeq[i];
        nextSeq[i] = (seq + 1) & 0xFFFF;
        long n = index[i]++;
        if (skips.skip(i, n >= 2)) {
            return -1;
        }
        return write(buf, i, seq, n);
    }

    @Override
    public int closing(byte[] buf, int source, long nowMillis) {
        if (!skips.needsClosing(source)) {
            return -1;
        }
        int seq = nextSeq[source];
        nextSeq[source] = (seq + 1) & 0xFFFF;
        return write(buf, source, seq, index[source]++);
    }

    @Override
    public int control(byte[] buf, int source, long nowMillis) {
        long ntpSeconds = nowMillis / 1000 + 2_208_988_800L;
        return RtpWriter.senderReportWithCname(buf, 0, ssrc[source], ntpSeconds,
                timestampBase[source] + index[source] * ticksPerPacket, packetsSent[source],
                packetsSent[source] * PAYLOAD_BYTES, cname(source));
    }

    /** The CNAME stream {@code i} announces. */
    public static String cname(int i) {
        return "gapwatch-publish-" + i + "@localhost";
    }

    private int write(byte[] buf, int i, int seq, long n) {
        packetsSent[i]++;
        // A marker on every 25th packet, as a video frame's last packet would carry one.
        return RtpWriter.rtp(buf, 0, payloadType, n % 25 == 24, seq, timestampBase[i] + n * ticksPerPacket,
                ssrc[i], PAYLOAD_BYTES);
    }
}
