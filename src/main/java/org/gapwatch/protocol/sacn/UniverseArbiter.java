package org.gapwatch.protocol.sacn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which source wins each universe (E1.31-2018 6.2.3): among the sources heard within the network data loss timeout
 * (E131_NETWORK_DATA_LOSS_TIMEOUT, 2.5 s, 6.7.1) that have not sent Stream_Terminated, the highest priority wins;
 * several sources at that priority are a conflict (the standard leaves merging them to the receiver; sACNView shows
 * it as a conflict, and so does this). Packets with the preview flag are for visualisers, not live output
 * (6.2.6): they keep a source heard but do not let it win. Per-address priority (START code 0xDD) is not handled.
 * Pure: time is passed in, in nanoseconds. Not thread-safe.
 */
public final class UniverseArbiter {
    public static final long NETWORK_DATA_LOSS_TIMEOUT_NANOS = 2_500_000_000L;

    /** One source on one universe, as last heard. */
    public record Source(long cidHigh, long cidLow, String name, int priority, boolean preview,
                         boolean terminated, long lastNanos) {
        public String cidText() {
            return E131Packet.cidText(cidHigh, cidLow);
        }
    }

    private final long timeoutNanos;
    private final Map<Integer, List<Source>> universes = new HashMap<>();

    public UniverseArbiter() {
        this(NETWORK_DATA_LOSS_TIMEOUT_NANOS);
    }

    public UniverseArbiter(long timeoutNanos) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeout " + timeoutNanos);
        }
        this.timeoutNanos = timeoutNanos;
    }

    /** A data packet that {@link E131Packet#wrap} accepted, heard at {@code nowNanos}. */
    public void offer(E131Packet p, long nowNanos) {
        offer(p.universe(), p.cidHigh(), p.cidLow(), p.sourceName(), p.priority(), p.preview(), p.streamTerminated(),
                nowNanos);
    }

    public void offer(int universe, long cidHigh, long cidLow, String name, int priority, boolean preview,
                      boolean terminated, long nowNanos) {
        List<Source> list = universes.computeIfAbsent(universe, u -> new ArrayList<>(2));
        Source s = new Source(cidHigh, cidLow, name, priority, preview, terminated, nowNanos);
        for (int i = 0; i < list.size(); i++) {
            Source old = list.get(i);
            if (old.cidHigh == cidHigh && old.cidLow == cidLow) {
                list.set(i, s);
                return;
            }
        }
        list.add(s);
    }

    /** True when a source is heard within the timeout and has not terminated. */
    public boolean live(Source s, long nowNanos) {
        return !s.terminated && nowNanos - s.lastNanos <= timeoutNanos;
    }

    /** The sources of a universe that are live now and not preview, at the top priority among them. */
    public List<Source> top(int universe, long nowNanos) {
        List<Source> out = new ArrayList<>(1);
        int best = -1;
        for (Source s : universes.getOrDefault(universe, List.of())) {
            if (!live(s, nowNanos) || s.preview) {
                continue;
            }
            if (s.priority > best) {
                out.clear();
                best = s.priority;
            }
            if (s.priority == best) {
                out.add(s);
            }
        }
        return out;
    }

    /** The winner of a universe, or null when nobody is live or when several share the top priority. */
    public Source winner(int universe, long nowNanos) {
        List<Source> top = top(universe, nowNanos);
        return top.size() == 1 ? top.get(0) : null;
    }

    /** Several live sources share the universe's top priority. */
    public boolean conflict(int universe, long nowNanos) {
        return top(universe, nowNanos).size() > 1;
    }

    /** Every source heard on a universe (live or not), in first-heard order. */
    public List<Source> sources(int universe) {
        return List.copyOf(universes.getOrDefault(universe, List.of()));
    }

    /** Forgets sources not heard for {@code olderThanNanos}; returns how many. */
    public int expire(long nowNanos, long olderThanNanos) {
        int n = 0;
        for (List<Source> list : universes.values()) {
            int before = list.size();
            list.removeIf(s -> nowNanos - s.lastNanos > olderThanNanos);
            n += before - list.size();
        }
        universes.values().removeIf(List::isEmpty);
        return n;
    }

    public long timeoutNanos() {
        return timeoutNanos;
    }
}
