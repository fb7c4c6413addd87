package org.gapwatch.demo;

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

    /**
     * Sends this stream at {@code updatesPerSecond} through {@code p} until {@code running} says stop: what is due
     * by each whole millisecond, then a millisecond's sleep (the bench-ui's pattern: a burst a millisecond).
     */
    public void sendPaced(org.gapwatch.net.Publisher p, int updatesPerSecond,
                          java.util.function.BooleanSupplier running) {
        long start = System.nanoTime();
        long sent = 0;
        byte[] b = new byte[maxLength()];
        while (running.getAsBoolean()) {
            long due = (System.nanoTime() - start) / 1_000_000L * updatesPerSecond / 1000 / perDatagram;
            while (sent < due) {
                p.send(b, 0, next(b));
                sent++;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
    }

    /** The next datagram's payload: {@code perDatagram} updates of consecutive sources. */
    public byte[] next() {
        byte[] buf = new byte[maxLength()];
        return java.util.Arrays.copyOf(buf, next(buf));
    }

    /** Bytes a payload takes at most (the buffer {@link #next(byte[])} needs). */
    public int maxLength() {
        int longest = 0;
        for (String n : names) {
            longest = Math.max(longest, n.length());
        }
        return 2 + perDatagram * (longest + 128);
    }

    /**
     * Writes the next payload into {@code into} (at least {@link #maxLength()} long) and returns its length: the same
     * bytes as {@link #next()}, without a String or array per datagram (the bench's sender runs in the monitor's own
     * process, so its garbage was the monitor's collector's work: a third of all allocation at 100,000 sources).
     */
    public int next(byte[] into) {
        int at = 0;
        into[at++] = '[';
        for (int k = 0; k < perDatagram; k++) {
            int i = cursor;
            cursor = (cursor + 1) % sources;
            long s = seq[i]++;
            if (k > 0) {
                into[at++] = ',';
            }
            at = ascii(into, at, "{\"src\":\"");
            at = ascii(into, at, names[i]);
            at = ascii(into, at, "\",\"seq\":");
            at = digits(into, at, s);
            at = ascii(into, at, ",\"value\":");
            long tenths = (s * 7 + i) % 1000; // the value tenths / 10.0, written as Double.toString writes it
            at = digits(into, at, tenths / 10);
            into[at++] = '.';
            into[at++] = (byte) ('0' + tenths % 10);
            at = ascii(into, at, ",\"unit\":\"bar\",\"status\":\"ok\",\"interval\":");
            at = digits(into, at, intervalMillis);
            into[at++] = '}';
        }
        into[at++] = ']';
        return at;
    }

    /** The names are ASCII (built above), as are the fixed parts. */
    private static int ascii(byte[] into, int at, String s) {
        for (int k = 0; k < s.length(); k++) {
            into[at++] = (byte) s.charAt(k);
        }
        return at;
    }

    private static int digits(byte[] into, int at, long v) {
        if (v == 0) {
            into[at] = '0';
            return at + 1;
        }
        int n = 0;
        for (long x = v; x > 0; x /= 10) {
            n++;
        }
        for (int p = at + n - 1; v > 0; v /= 10) {
            into[p--] = (byte) ('0' + v % 10);
        }
        return at + n;
    }
}
