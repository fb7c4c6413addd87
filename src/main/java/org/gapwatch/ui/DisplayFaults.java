package org.gapwatch.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.gapwatch.fault.ErrorLog;

/**
 * The fault boundary of the window's pulse, after the receiver's loops ({@code org.gapwatch.fault.LoopRunner}): each
 * part of a pulse (the views, the status bar, each pulse listener) runs inside it; an error there is counted, its
 * trace logged once per distinct trace (errors.log), and the other parts still run. JavaFX would otherwise print it,
 * skip the rest of every pulse, and after 100 go silent, leaving a frozen part of the screen and nothing said.
 *
 * <p>The counts are the FX thread's; {@link #problem()} (what the status bar and the alarm point say) is published
 * for other threads too (the alarms are evaluated on the judge's).
 */
final class DisplayFaults {
    private final ErrorLog log;
    /** Parts that failed, in the order they first did: name to count. FX thread only. */
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    /** Parts outside the pulse that count their own errors (the view-models thread): name to its count. */
    private final Map<String, LongSupplier> others = new LinkedHashMap<>();
    private long total;
    private String text;
    private volatile String problem;

    DisplayFaults(ErrorLog log) {
        this.log = log;
    }

    /** Counts the errors {@code count} gives (a loop of its own that logs them itself) as those of {@code part}. */
    void watch(String part, LongSupplier count) {
        others.put(part, count);
    }

    /** Runs {@code work} as the part named {@code part}; returns false (and counts it) when it threw. */
    boolean run(String part, Runnable work) {
        try {
            work.run();
            return true;
        } catch (Throwable t) {
            // Even an Error: a display that says it struggles beats one frozen in silence.
            failed(part, t);
            return false;
        }
    }

    /** Counts and logs an error of {@code part} (once per distinct trace in the error log). */
    void failed(String part, Throwable t) {
        counts.computeIfAbsent(part, k -> new long[1])[0]++;
        total++;
        log.logIn("display (" + part + ")", t);
    }

    /** Errors of {@code part} so far (in the pulse, or of a watched part). */
    long count(String part) {
        long[] c = counts.get(part);
        LongSupplier o = others.get(part);
        return (c == null ? 0 : c[0]) + (o == null ? 0 : o.getAsLong());
    }

    /**
     * What to say now, made again when a count changed: "display fault in episode banner ×12 — see errors.log"
     * (several parts: "in episode banner ×12, heatmap ×1"), null while nothing failed. FX thread.
     */
    String text() {
        long sum = total;
        for (LongSupplier o : others.values()) {
            sum += o.getAsLong();
        }
        if (sum == 0) {
            return null;
        }
        if (text == null || sum != lastSum) {
            lastSum = sum;
            StringBuilder b = new StringBuilder("display fault in ");
            StringBuilder parts = new StringBuilder();
            int n = 0;
            for (String part : partNames()) {
                long c = count(part);
                if (c > 0) {
                    b.append(n == 0 ? "" : ", ").append(part).append(" ×").append(c);
                    parts.append(n == 0 ? "" : ", ").append(part);
                    n++;
                }
            }
            text = b.append(" — see errors.log").toString();
            problem = "display fault in " + parts + " — see errors.log";
        }
        return text;
    }

    private long lastSum = -1;

    private java.util.Set<String> partNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(counts.keySet());
        names.addAll(others.keySet());
        return names;
    }

    /**
     * The alarm point's detail: the parts that failed, without the counts (so that the point's text does not move
     * every pulse), null while none did. Any thread.
     */
    String problem() {
        return problem;
    }

    ErrorLog log() {
        return log;
    }
}
