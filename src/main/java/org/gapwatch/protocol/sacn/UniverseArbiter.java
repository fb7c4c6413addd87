package org.gapwatch.protocol.sacn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which source wins each universe (E1.31-2018 6.2.3): among the sources heard within the network data loss timeout
 * (E131_NETWORK_DATA_LOSS_TIMEOUT, 2.5 s, 6.7.1) that have not sent Stream_Terminated, the highest priority wins;
 * several sources at that priority are a conflict (the standard leaves merging them to the receiver; sACNView shows
 * it as a conflict, and so does this). Packets with the preview flag are for visualisers, not live output
 * (6.2.6): they keep a source heard but do not let it win. Per-address priority (START code 0xDD) is not handled.
 * Pure: time is passed in, in nanoseconds. Not thread-safe.
 *
 * <p>Incremental, so that a packet costs the same with 1,000 sources on a universe as with 16: per universe the
 * sources that count (live, not preview, not terminated) are kept in one list per priority (0-200) with its count,
 * the top priority is kept as they come and go (a scan down the 201 priorities only when the last source at the
 * top leaves), and the counted sources are also kept in the order they were last heard, so that the ones past the
 * timeout are the oldest and expire from the front of that list when time moves on. With time that only moves
 * forward (a receiver's clock) a packet touches its own source and the two ends of that list. Time that goes back
 * (a capture's timestamps out of order) is still exact: a packet heard earlier than the newest is put in its place
 * in the list (walking back from the newest), and a question asked at an earlier time than the one before makes the
 * universe count again from all its sources.
 */
public final class UniverseArbiter {
    public static final long NETWORK_DATA_LOSS_TIMEOUT_NANOS = 2_500_000_000L;
    /** The highest priority E1.31 allows (6.2.3). */
    static final int MAX_PRIORITY = 200;

    /** One source on one universe, as last heard. */
    public record Source(long cidHigh, long cidLow, String name, int priority, boolean preview,
                         boolean terminated, long lastNanos) {
        public String cidText() {
            return E131Packet.cidText(cidHigh, cidLow);
        }
    }

    private record Cid(long high, long low) {
    }

    /** A source as last heard, and its places in the universe's lists while it counts. */
    private static final class Entry {
        final long cidHigh;
        final long cidLow;
        String name;
        int priority;
        boolean preview;
        boolean terminated;
        long lastNanos;
        /** In the universe's lists: live at its clock, not preview, not terminated. */
        boolean counted;
        Entry older;
        Entry newer;
        Entry prevAtPriority;
        Entry nextAtPriority;

        Entry(long cidHigh, long cidLow) {
            this.cidHigh = cidHigh;
            this.cidLow = cidLow;
        }

        Source view() {
            return new Source(cidHigh, cidLow, name, priority, preview, terminated, lastNanos);
        }
    }

    /** One universe: every source heard (first-heard order) and, of those that count, the lists and counts. */
    private static final class Universe {
        final LinkedHashMap<Cid, Entry> entries = new LinkedHashMap<>(4);
        final int[] countAt = new int[MAX_PRIORITY + 1];
        final Entry[] firstAt = new Entry[MAX_PRIORITY + 1];
        /** The top priority among the counted sources, -1 with none. */
        int top = -1;
        /** Counted sources, oldest {@code lastNanos} first. */
        Entry oldest;
        Entry newest;
        /** The time the counts are for; none before the first question (then everything not ended counts). */
        long clock;
        boolean clockSet;
    }

    private final long timeoutNanos;
    private final Map<Integer, Universe> universes = new HashMap<>();
    /** The last universe looked up: a decoder usually sees one, and this spares the boxed look-up. */
    private int lastNumber = -1;
    private Universe last;
    /** Entries touched in lookups and list walks since the start (see {@link #examined()}). */
    private long examined;

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
        if (priority < 0 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority " + priority);
        }
        Universe u = universe(universe, true);
        examined++;
        Entry e = u.entries.computeIfAbsent(new Cid(cidHigh, cidLow), c -> new Entry(c.high, c.low));
        boolean wasCounted = e.counted;
        int wasPriority = e.priority;
        e.name = name;
        e.preview = preview;
        e.terminated = terminated;
        e.lastNanos = nowNanos;
        boolean countsNow = counts(e, u);
        if (wasCounted && countsNow && wasPriority == priority) {
            // The usual packet: a source that counts goes on counting at its priority; only its age changes.
            unlinkByAge(u, e);
            linkByAge(u, e);
            return;
        }
        if (wasCounted) {
            uncount(u, e);
        }
        e.priority = priority;
        if (countsNow) {
            count(u, e);
        }
    }

    /** True when a source is heard within the timeout and has not terminated. */
    public boolean live(Source s, long nowNanos) {
        return !s.terminated && nowNanos - s.lastNanos <= timeoutNanos;
    }

    /** How many live sources that are not preview share the universe's top priority now (0: nobody is live). */
    public int topCount(int universe, long nowNanos) {
        Universe u = at(universe, nowNanos);
        return u == null || u.top < 0 ? 0 : u.countAt[u.top];
    }

    /** The universe's top priority among its live sources that are not preview, or -1 when there is none. */
    public int topPriority(int universe, long nowNanos) {
        Universe u = at(universe, nowNanos);
        return u == null ? -1 : u.top;
    }

    /** True when this CID is the universe's winner now (the only live source at the top priority). */
    public boolean wins(int universe, long cidHigh, long cidLow, long nowNanos) {
        Entry w = winnerEntry(universe, nowNanos);
        return w != null && w.cidHigh == cidHigh && w.cidLow == cidLow;
    }

    /** The name of the universe's winner now, or null when nobody wins (nobody live, or a conflict). */
    public String winnerName(int universe, long nowNanos) {
        Entry w = winnerEntry(universe, nowNanos);
        return w == null ? null : w.name;
    }

    /** The sources of a universe that are live now and not preview, at the top priority among them. */
    public List<Source> top(int universe, long nowNanos) {
        Universe u = at(universe, nowNanos);
        List<Source> out = new ArrayList<>(1);
        if (u != null && u.top >= 0) {
            for (Entry e = u.firstAt[u.top]; e != null; e = e.nextAtPriority) {
                examined++;
                out.add(e.view());
            }
        }
        return out;
    }

    /** The winner of a universe, or null when nobody is live or when several share the top priority. */
    public Source winner(int universe, long nowNanos) {
        Entry w = winnerEntry(universe, nowNanos);
        return w == null ? null : w.view();
    }

    /** Several live sources share the universe's top priority. */
    public boolean conflict(int universe, long nowNanos) {
        return topCount(universe, nowNanos) > 1;
    }

    /** Every source heard on a universe (live or not), in first-heard order. */
    public List<Source> sources(int universe) {
        Universe u = universe(universe, false);
        if (u == null) {
            return List.of();
        }
        List<Source> out = new ArrayList<>(u.entries.size());
        for (Entry e : u.entries.values()) {
            out.add(e.view());
        }
        return List.copyOf(out);
    }

    /** Forgets sources not heard for {@code olderThanNanos}; returns how many. Looks at every source. */
    public int expire(long nowNanos, long olderThanNanos) {
        int n = 0;
        for (Iterator<Universe> it = universes.values().iterator(); it.hasNext(); ) {
            Universe u = it.next();
            for (Iterator<Entry> es = u.entries.values().iterator(); es.hasNext(); ) {
                Entry e = es.next();
                examined++;
                if (nowNanos - e.lastNanos > olderThanNanos) {
                    if (e.counted) {
                        uncount(u, e);
                    }
                    es.remove();
                    n++;
                }
            }
            if (u.entries.isEmpty()) {
                it.remove();
            }
        }
        lastNumber = -1;
        last = null;
        return n;
    }

    public long timeoutNanos() {
        return timeoutNanos;
    }

    /**
     * Sources looked at so far: one per offer (its own), one per step of a walk through the sources heard in order
     * (where an offer goes, which have expired), one per source a recount or {@link #top} goes through. What the
     * tests count to show that a packet's work does not grow with the sources on its universe.
     */
    public long examined() {
        return examined;
    }

    private Universe universe(int number, boolean create) {
        if (number == lastNumber && last != null) {
            return last;
        }
        Universe u = create ? universes.computeIfAbsent(number, k -> new Universe()) : universes.get(number);
        if (u != null) {
            lastNumber = number;
            last = u;
        }
        return u;
    }

    /** The universe with its counts brought to {@code now}, or null when nothing was heard on it. */
    private Universe at(int number, long now) {
        Universe u = universe(number, false);
        if (u == null) {
            return null;
        }
        if (u.clockSet && now - u.clock < 0) {
            recount(u, now); // asked about an earlier time: some that expired may be live then
        } else {
            while (u.oldest != null) {
                examined++;
                if (now - u.oldest.lastNanos <= timeoutNanos) {
                    break;
                }
                uncount(u, u.oldest);
            }
        }
        u.clock = now;
        u.clockSet = true;
        return u;
    }

    private Entry winnerEntry(int universe, long now) {
        Universe u = at(universe, now);
        return u == null || u.top < 0 || u.countAt[u.top] != 1 ? null : u.firstAt[u.top];
    }

    /** Whether a source counts at the universe's clock (before the first question: when it is not ended). */
    private boolean counts(Entry e, Universe u) {
        return !e.terminated && !e.preview && (!u.clockSet || u.clock - e.lastNanos <= timeoutNanos);
    }

    private void count(Universe u, Entry e) {
        e.counted = true;
        int p = e.priority;
        Entry first = u.firstAt[p];
        e.prevAtPriority = null;
        e.nextAtPriority = first;
        if (first != null) {
            first.prevAtPriority = e;
        }
        u.firstAt[p] = e;
        u.countAt[p]++;
        if (p > u.top) {
            u.top = p;
        }
        linkByAge(u, e);
    }

    /** Into the counted sources in last-heard order: at the newest end, unless heard before the newest. */
    private void linkByAge(Universe u, Entry e) {
        // Walks back from the newest only past sources heard later than this one (time that went back).
        Entry after = u.newest;
        while (after != null) {
            examined++;
            if (after.lastNanos - e.lastNanos <= 0) {
                break;
            }
            after = after.older;
        }
        e.older = after;
        e.newer = after == null ? u.oldest : after.newer;
        if (e.older == null) {
            u.oldest = e;
        } else {
            e.older.newer = e;
        }
        if (e.newer == null) {
            u.newest = e;
        } else {
            e.newer.older = e;
        }
    }

    private void uncount(Universe u, Entry e) {
        e.counted = false;
        int p = e.priority;
        if (e.prevAtPriority == null) {
            u.firstAt[p] = e.nextAtPriority;
        } else {
            e.prevAtPriority.nextAtPriority = e.nextAtPriority;
        }
        if (e.nextAtPriority != null) {
            e.nextAtPriority.prevAtPriority = e.prevAtPriority;
        }
        e.prevAtPriority = e.nextAtPriority = null;
        if (--u.countAt[p] == 0 && p == u.top) {
            int t = p - 1;
            while (t >= 0 && u.countAt[t] == 0) {
                t--;
            }
            u.top = t;
        }
        unlinkByAge(u, e);
    }

    private static void unlinkByAge(Universe u, Entry e) {
        if (e.older == null) {
            u.oldest = e.newer;
        } else {
            e.older.newer = e.newer;
        }
        if (e.newer == null) {
            u.newest = e.older;
        } else {
            e.newer.older = e.older;
        }
        e.older = e.newer = null;
    }

    /** Counts the universe again from all its sources, at {@code now}. */
    private void recount(Universe u, long now) {
        while (u.oldest != null) {
            uncount(u, u.oldest);
        }
        u.clock = now;
        u.clockSet = true;
        List<Entry> live = new ArrayList<>();
        for (Entry e : u.entries.values()) {
            examined++;
            if (counts(e, u)) {
                live.add(e);
            }
        }
        // Oldest first, so that each goes in at the newest end without a walk.
        live.sort(Comparator.comparingLong(e -> e.lastNanos - now));
        for (Entry e : live) {
            count(u, e);
        }
    }
}
