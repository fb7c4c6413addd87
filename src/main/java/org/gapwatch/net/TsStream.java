package org.gapwatch.net;

import java.util.SplittableRandom;
import org.gapwatch.protocol.mpegts.TsPacket;
import org.gapwatch.protocol.mpegts.TsWriter;

/**
 * What {@code gapwatch publish mpegts://...} sends: one transport stream, datagrams of 7 TS packets, its "sources"
 * the PIDs 0x100, 0x101... (one program, MPEG-2 video on the first, PES private data on the others) in turn, with
 * PAT, PMT and SDT in every 10th datagram. With a loss fraction it skips that share of payload packets (their
 * continuity_counter used up), never the first of a PID nor two in a row of one PID, and sends a closing packet for
 * a PID whose last packet was skipped: so each skip is one lost TS packet the 4-bit counter sees, and the loss a
 * receiver counts is exactly {@link #skipped()}.
 */
public final class TsStream implements PublishStream {
    public static final int FIRST_PID = 0x100;
    private static final int PACKETS = 7;
    private static final int PROGRAM = 1;

    private final int pids;
    private final Skips skips;
    private final int[] cc;
    private final long[] sent;
    private final boolean[] lastSkipped;
    private final int[] streamTypes;
    private final int[] pidList;
    private int psiCc;
    private long datagrams;
    private int cursor;

    public TsStream(int pids, long seed, double loss) {
        if (pids < 1 || pids > 64) {
            throw new IllegalArgumentException("an MPEG-TS stream has 1-64 PIDs here");
        }
        this.pids = pids;
        this.skips = new Skips(pids, loss, new SplittableRandom(seed));
        this.cc = new int[pids];
        this.sent = new long[pids];
        this.lastSkipped = new boolean[pids];
        this.streamTypes = new int[pids];
        this.pidList = new int[pids];
        for (int i = 0; i < pids; i++) {
            pidList[i] = FIRST_PID + i;
            streamTypes[i] = i == 0 ? 0x02 : 0x06;
        }
    }

    @Override
    public int sources() {
        return pids;
    }

    /** TS packets skipped on purpose: the loss a receiver's continuity counting finds. */
    @Override
    public long skipped() {
        return skips.skipped();
    }

    @Override
    public int next(byte[] buf, long nowMillis) {
        int off = 0;
        int n = 0;
        if (datagrams++ % 10 == 0) {
            int c = psiCc++;
            off += TsWriter.pat(buf, off, c, 1, PROGRAM);
            off += TsWriter.pmt(buf, off, c, PROGRAM, streamTypes, pidList);
            off += TsWriter.sdt(buf, off, c, 1, PROGRAM, "Gapwatch", "Gapwatch publish");
            n = 3;
        }
        for (; n < PACKETS; n++) {
            int i = cursor;
            cursor = (cursor + 1) % pids;
            int counter = cc[i];
            cc[i] = (counter + 1) & 0x0F;
            if (skips.skip(i, sent[i] > 0 && !lastSkipped[i])) {
                lastSkipped[i] = true;
                continue;
            }
            lastSkipped[i] = false;
            sent[i]++;
            off += TsWriter.payload(buf, off, pidList[i], counter, false);
        }
        return off > 0 ? off : -1;
    }

    @Override
    public int closing(byte[] buf, int source, long nowMillis) {
        if (!skips.needsClosing(source)) {
            return -1;
        }
        lastSkipped[source] = false;
        int counter = cc[source];
        cc[source] = (counter + 1) & 0x0F;
        return TsWriter.payload(buf, 0, pidList[source], counter, false);
    }

    /** Bytes of a full datagram. */
    public static int datagramBytes() {
        return PACKETS * TsPacket.SIZE;
    }
}
