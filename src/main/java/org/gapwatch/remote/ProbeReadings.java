package org.gapwatch.remote;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.gapwatch.judge.RemoteView;

/**
 * What one answer of a probe says, per source: the exposition's {@code gapwatch_received_total},
 * {@code gapwatch_lost_total} and {@code gapwatch_stale} by {@code src}, and its {@code gapwatch_socket_drops_total}.
 * Summed series ({@code src="(others)"}) name no source and are left out. A sample that cannot be a count (negative,
 * not finite, not whole), a source named twice, or one past {@link #MAX_SOURCES} is skipped and counted.
 */
final class ProbeReadings {
    static final String RECEIVED = "gapwatch_received_total";
    static final String LOST = "gapwatch_lost_total";
    static final String STALE = "gapwatch_stale";
    static final String SOCKET_DROPS = "gapwatch_socket_drops_total";
    static final Set<String> NAMES = Set.of(RECEIVED, LOST, STALE, SOCKET_DROPS);
    /** Most sources kept of one probe: a probe exports at most its per-source series limit (10,000 by default). */
    static final int MAX_SOURCES = 100_000;
    private static final String OTHERS = "(others)";

    /** Per source: received, lost, stale (each -1 until seen). */
    final Map<String, long[]> bySrc = new HashMap<>();
    long socketDrops = -1;
    int skipped;
    String firstProblem;

    static ProbeReadings of(Exposition.Parsed parsed) {
        ProbeReadings r = new ProbeReadings();
        r.skipped = parsed.skipped();
        r.firstProblem = parsed.firstProblem();
        Set<String> seen = new HashSet<>();
        for (Exposition.Sample s : parsed.samples()) {
            r.add(s, seen);
        }
        return r;
    }

    private void add(Exposition.Sample s, Set<String> seen) {
        double v = s.value();
        if (!(v >= 0) || v > 0x1p62 || v != Math.rint(v)) {
            skip(s.name() + " " + v + " is not a count");
            return;
        }
        if (s.name().equals(SOCKET_DROPS)) {
            socketDrops = (long) v;
            return;
        }
        String src = s.labels().get("src");
        if (src == null || src.equals(OTHERS)) {
            return;
        }
        if (!seen.add(s.name() + '\n' + src)) {
            skip(s.name() + " for " + src + " twice");
            return;
        }
        long[] f = bySrc.get(src);
        if (f == null) {
            if (bySrc.size() >= MAX_SOURCES) {
                skip("more than " + MAX_SOURCES + " sources");
                return;
            }
            f = new long[] {-1, -1, -1};
            bySrc.put(src, f);
        }
        f[switch (s.name()) {
            case RECEIVED -> 0;
            case LOST -> 1;
            default -> 2;
        }] = (long) v;
    }

    private void skip(String why) {
        skipped++;
        if (firstProblem == null) {
            firstProblem = why;
        }
    }

    /**
     * The readings at {@code nowMillis}, with each source's last-seen time carried over from {@code before}: now if
     * the probe has it not stale, else when it last had.
     */
    Map<String, RemoteView.Reading> readings(Map<String, RemoteView.Reading> before, long nowMillis) {
        Map<String, RemoteView.Reading> out = new HashMap<>(bySrc.size() * 2);
        bySrc.forEach((src, f) -> {
            if (f[0] < 0 || f[1] < 0) {
                return; // a source needs both counters to be compared
            }
            boolean stale = f[2] == 1;
            RemoteView.Reading was = before.get(src);
            long lastSeen = !stale ? nowMillis : was == null ? -1 : was.lastSeenMillis();
            out.put(src, new RemoteView.Reading(f[0], f[1], stale, lastSeen));
        });
        return out;
    }
}
