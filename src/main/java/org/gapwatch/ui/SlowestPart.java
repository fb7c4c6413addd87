package org.gapwatch.ui;

import java.util.Locale;

/**
 * The longest single part of any pulse since the last {@link #clear}: which part (the views, the status bar, a
 * pulse listener by name) and how long. For the bench: a pulse's p99 says that a frame was late, this says what held
 * it. Written on the FX thread, read from another.
 */
public final class SlowestPart {
    private String name = "none";
    private long nanos;

    /** Counts one part of a pulse that took {@code took} ns. */
    public synchronized void add(String part, long took) {
        if (took > nanos) {
            nanos = took;
            name = part;
        }
    }

    public synchronized void clear() {
        nanos = 0;
        name = "none";
    }

    @Override
    public synchronized String toString() {
        return String.format(Locale.ROOT, "%s %.2f ms", name, nanos / 1e6);
    }
}
