package org.gapwatch.demo;

import java.nio.charset.StandardCharsets;

/**
 * A flood for benchmarks: N sources in round robin, each update a drifting number, packed {@code perDatagram} to a
 * datagram. No loss of its own, so any loss the monitor counts happened on the way.
 */
public final class LoadStream {
    private final int sources;
    private final int perDatagram;
    private final long[] seq;
    private final String[] names;
    private final long intervalMillis;
    private final StringBuilder sb = new StringBuilder(4096);
    private int cursor;

    public LoadStream(int sources, int perDatagram) {
        this(sources, perDatagram, 50);
    }

    /**
     * @param intervalMillis the interval each update announces: the time between two updates of one source at the
     *                       rate sent, so that a source is not judged stale (3 intervals) while the flood keeps up
     */
    public LoadStream(int sources, int perDatagram, long intervalMillis) {
        this.intervalMillis = intervalMillis;
        this.sources = sources;
        this.perDatagram = perDatagram;
        this.seq = new long[sources];
        this.names = new String[sources];
        String[] groups = {"plant", "grid", "hvac", "water", "comms", "fire", "power", "rail"};
        for (int i = 0; i < sources; i++) {
            names[i] = groups[i % groups.length] + "/unit-" + (i / 64) + "/sensor-" + i;
        }
    }

    public int perDatagram() {
        return perDatagram;
    }

    /** The next datagram's payload: {@code perDatagram} updates of consecutive sources. */
    public byte[] next() {
        sb.setLength(0);
        sb.append('[');
        for (int k = 0; k < perDatagram; k++) {
            int i = cursor;
            cursor = (cursor + 1) % sources;
            long s = seq[i]++;
            if (k > 0) {
                sb.append(',');
            }
            sb.append("{\"src\":\"").append(names[i]).append("\",\"seq\":").append(s)
                    .append(",\"value\":").append((s * 7 + i) % 1000 / 10.0)
                    .append(",\"unit\":\"bar\",\"status\":\"ok\",\"interval\":").append(intervalMillis).append('}');
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
