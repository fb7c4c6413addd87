package org.gapwatch.net;

import java.util.SplittableRandom;

/**
 * What {@code gapwatch publish} sends: a round robin over N sources with values that drift and statuses that change
 * now and then, one update per datagram. With a loss fraction it skips that share of sequence numbers on purpose
 * and counts them, so tests know the exact loss to expect; {@link #closing} makes every skip detectable.
 */
public final class SimulatedStream implements PublishStream {
    private static final String[] GROUPS = {"plant", "grid", "desk", "net"};
    private static final String[] UNITS = {"bar", "kW", "ms", "%"};

    private final int sources;
    private final long intervalMillis;
    private final SplittableRandom random;
    private final byte[][] prefixes;
    private final byte[][] suffixes;
    private final long[] nextSeq;
    private final Skips skips;
    private final double[] values;
    private final String[] statuses;
    private int cursor;
    private long generated;

    /**
     * @param intervalMillis how often each source is sent, written as {@code interval}; 0 leaves the field out
     */
    public SimulatedStream(int sources, long seed, double loss, long intervalMillis, String session) {
        if (sources < 1) {
            throw new IllegalArgumentException("sources must be at least 1");
        }
        if (!(loss >= 0 && loss < 1)) {
            throw new IllegalArgumentException("loss must be a fraction in [0, 1)");
        }
        this.sources = sources;
        this.intervalMillis = intervalMillis;
        this.random = new SplittableRandom(seed);
        this.prefixes = new byte[sources][];
        this.suffixes = new byte[sources][];
        this.nextSeq = new long[sources];
        this.skips = new Skips(sources, loss, random);
        this.values = new double[sources];
        this.statuses = new String[sources];
        for (int i = 0; i < sources; i++) {
            String group = GROUPS[i % GROUPS.length];
            String src = group + "/unit-" + String.format("%02d", i / 16) + "/sensor-" + String.format("%03d", i);
            prefixes[i] = PayloadWriter.ascii("{\"src\":\"" + src + "\",\"session\":\"" + session + "\",\"seq\":");
            suffixes[i] = PayloadWriter.ascii(",\"unit\":\"" + UNITS[i % UNITS.length] + "\""
                    + (intervalMillis > 0 ? ",\"interval\":" + intervalMillis : "") + "}");
            values[i] = 20 + random.nextDouble() * 60;
            statuses[i] = "ok";
        }
    }

    @Override
    public int sources() {
        return sources;
    }

    /** Sequence numbers generated so far, sent or skipped. */
    public long generated() {
        return generated;
    }

    /** Sequence numbers skipped on purpose so far. */
    @Override
    public long skipped() {
        return skips.skipped();
    }

    /**
     * Generates the next update of the round robin into {@code buf} and returns its length, or -1 when its sequence
     * number is skipped on purpose (nothing to send).
     */
    @Override
    public int next(byte[] buf, long nowMillis) {
        int i = cursor;
        cursor = (cursor + 1) % sources;
        long seq = nextSeq[i]++;
        generated++;
        values[i] += random.nextGaussian() * 0.5;
        if (random.nextInt(500) == 0) {
            statuses[i] = random.nextInt(4) == 0 ? "alarm" : "warn";
        } else if (!"ok".equals(statuses[i]) && random.nextInt(50) == 0) {
            statuses[i] = "ok";
        }
        if (skips.skip(i, true)) {
            return -1;
        }
        return write(buf, i, seq, nowMillis);
    }

    /**
     * For a source whose last sequence number was skipped, one more update (never skipped), so that the receiver can
     * see the skip as a gap; returns its length, or -1 when the source needs none.
     */
    @Override
    public int closing(byte[] buf, int source, long nowMillis) {
        if (!skips.needsClosing(source)) {
            return -1;
        }
        generated++;
        return write(buf, source, nextSeq[source]++, nowMillis);
    }

    private int write(byte[] buf, int i, long seq, long nowMillis) {
        PayloadWriter w = new PayloadWriter(buf).raw(prefixes[i]).number(seq)
                .raw(",\"ts\":").number(nowMillis)
                .raw(",\"value\":").decimal2(values[i])
                .raw(",\"status\":\"").raw(statuses[i]).raw("\"")
                .raw(suffixes[i]);
        return w.length();
    }
}
