package org.gapwatch.judge;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.Totals;
import org.gapwatch.track.TrackerSnapshot;

/**
 * Finds loss episodes in successive snapshots and names their cause by evidence. Loss is seen as a rise of a
 * source's lost counter (or of this machine's socket drops) between two observations; an episode begins at the
 * first and ends when none was seen for the quiet time. Keeps the last {@link #CAPACITY} episodes.
 *
 * <p>Single-threaded: one judge thread observes, in time order.
 */
final class EpisodeTracker {
    static final int CAPACITY = 1_000;
    /** The name a source's subscription has when its driver did not say where datagrams were sent. */
    static final String UNKNOWN_GROUP = "(group unknown)";

    private final int capacity;
    private final boolean keepCounts;
    private final ArrayDeque<Episode> closed = new ArrayDeque<>();
    /** Episodes closed since start, by final cause: kept past {@link #CAPACITY}, so that counters never go back. */
    private final long[] closedByCause = new long[Cause.values().length];
    private List<Episode> closedCopy = List.of();
    private long nextId = 1;
    private long[] prevLost = new long[0];
    private long prevDatagrams = -1;
    private long prevDrops = -1;
    private Open open;
    private RemoteView remoteBefore = RemoteView.NONE;

    /** What an open episode has gathered so far. */
    private static final class Open {
        final long start;
        long lastLoss;
        final EpisodeSources sources = new EpisodeSources();
        /**
         * The sources' names as an immutable list and set, shared by each episode shown until one more source loses
         * (null: one did); views of {@link #sources}, not copies.
         */
        List<String> sourceList = List.of();
        Set<String> sourceSet = Set.of();
        final Set<String> senders = new TreeSet<>();
        final Set<String> groups = new TreeSet<>();
        long lost;
        long drops;
        boolean dropsKnown = true;
        long datagramsAtStart;
        long receivedAtStart;
        Totals lastTotals;
        long observed;
        /** Sources of at least two senders and two groups lost within one second. */
        boolean coincident;
        long second = Long.MIN_VALUE;
        final Set<String> secondSenders = new HashSet<>();
        final Set<String> secondGroups = new HashSet<>();
        Episode shown;
        final QuietCounts quiet;
        /** Each probe's figures when it was first seen answering during the episode, by URL. */
        final Map<String, RemoteView.Probe> remoteBaseline = new LinkedHashMap<>();
        RemoteView remote = RemoteView.NONE;

        Open(long start, Totals t, boolean keepCounts) {
            this.quiet = new QuietCounts(keepCounts);
            this.start = start;
            this.lastLoss = start;
            this.datagramsAtStart = t.datagrams();
            this.receivedAtStart = t.received();
        }
    }

    EpisodeTracker(int capacity) {
        this(capacity, true);
    }

    /** @param keepCounts false to count the quiet sources afresh at each judgement (the full judgement) */
    EpisodeTracker(int capacity, boolean keepCounts) {
        this.capacity = capacity;
        this.keepCounts = keepCounts;
    }

    /** Takes in what changed since the last observation, at {@code now}; closes an episode after the quiet time. */
    void observe(TrackerSnapshot snap, long now, long quietMillis) {
        observe(snap, RemoteView.NONE, now, quietMillis);
    }

    /** As above, with what the remote probes said at their last poll (their loss tells where along the path). */
    void observe(TrackerSnapshot snap, RemoteView remote, long now, long quietMillis) {
        observe(snap, remote, now, quietMillis, null, 0);
    }

    /**
     * As above, where only the sources {@code changed[0 .. changedCount-1]} (ascending) can have a view other than
     * at the last observation: the lost counter of any other one is as it was. Null: look at every source.
     */
    void observe(TrackerSnapshot snap, RemoteView remote, long now, long quietMillis, int[] changed,
                 int changedCount) {
        // The probes' figures from before this observation: an episode that opens now compares against them, so a
        // poll that already holds the loss's moments (the probes got what this machine lost) still shows it.
        RemoteView prior = remoteBefore;
        remoteBefore = remote;
        Totals t = snap.totals();
        int n = snap.sourceCount();
        if (t.datagrams() < prevDatagrams) {
            // Another run of the engine (a replay seeking back): its counters start again.
            prevLost = new long[0];
            prevDrops = -1;
            changed = null; // every source's counter is new
        }
        prevDatagrams = t.datagrams();
        if (prevLost.length < n) {
            int was = prevLost.length;
            prevLost = Arrays.copyOf(prevLost, Math.max(n, was * 2));
            Arrays.fill(prevLost, was, prevLost.length, -1);
        }
        long drops = t.socketDropsKnown() && prevDrops >= 0 ? Math.max(0, t.socketDrops() - prevDrops) : 0;
        boolean dropsKnown = t.socketDropsKnown();
        prevDrops = dropsKnown ? t.socketDrops() : -1;

        boolean loss = drops > 0;
        for (int i = 0, end = changed == null ? n : changedCount; i < end; i++) {
            int id = changed == null ? i : changed[i];
            SourceView v = snap.source(id);
            long before = prevLost[id];
            prevLost[id] = v.lost();
            long d = before < 0 ? v.lost() : v.lost() - before; // a new source's first gaps count too
            if (d <= 0) {
                continue; // no new loss, or its counters were reset
            }
            if (open == null) {
                open = opened(now, t, prior, keepCounts);
            }
            loss = true;
            note(open, v, d, now);
        }
        if (loss && open == null) {
            // socket drops alone: this machine lost datagrams, the loss shows later
            open = opened(now, t, prior, keepCounts);
        }
        if (open == null) {
            return;
        }
        open.drops += drops;
        open.dropsKnown &= dropsKnown;
        open.remote = remote;
        for (RemoteView.Probe p : remote.probes()) {
            if (p.answering()) {
                open.remoteBaseline.putIfAbsent(p.url(), p);
            }
        }
        open.lastTotals = t;
        open.observed = now;
        if (loss) {
            open.lastLoss = now;
        }
        if (now - open.lastLoss >= quietMillis) {
            close(snap);
        } else {
            open.shown = episode(open, snap, -1);
        }
    }

    private static Open opened(long now, Totals t, RemoteView prior, boolean keepCounts) {
        Open o = new Open(now, t, keepCounts);
        for (RemoteView.Probe p : prior.probes()) {
            if (p.answering()) {
                o.remoteBaseline.put(p.url(), p);
            }
        }
        return o;
    }

    private static void note(Open o, SourceView v, long lost, long now) {
        String sender = v.sender() == null ? "(sender unknown)" : v.sender();
        String group = v.destination() == null ? UNKNOWN_GROUP : v.destination();
        if (o.sources.add(v.src())) {
            o.sourceList = null;
            o.quiet.joined(v.id());
        }
        o.lost += lost;
        long second = Math.floorDiv(now, 1000);
        if (second != o.second) {
            o.second = second;
            o.secondSenders.clear();
            o.secondGroups.clear();
        }
        // The sorted sets take a sender or group at most once a second: the hash sets of the second see it first.
        if (o.secondSenders.add(sender)) {
            o.senders.add(sender);
        }
        if (o.secondGroups.add(group)) {
            o.groups.add(group);
        }
        o.coincident |= o.secondSenders.size() >= 2 && o.secondGroups.size() >= 2;
    }

    private void close(TrackerSnapshot snap) {
        Episode e = episode(open, snap, open.lastLoss);
        open = null;
        closedByCause[e.cause().ordinal()]++;
        closed.addLast(e);
        while (closed.size() > capacity) {
            closed.removeFirst();
        }
        closedCopy = List.copyOf(closed);
    }

    private Episode episode(Open o, TrackerSnapshot snap, long end) {
        long id = o.shown != null ? o.shown.id() : nextId++;
        String[] cause = cause(o, snap);
        if (o.sourceList == null) {
            o.sourceList = o.sources.list();
            o.sourceSet = o.sources.set();
        }
        // A closed episode keeps an exact copy: the open one's view holds the spare room of a growing array.
        return new Episode(id, o.start, end, Cause.valueOf(cause[0]), cause[1],
                end < 0 ? o.sourceList : List.copyOf(o.sourceList),
                o.lost, o.dropsKnown ? o.drops : -1);
    }

    /** The cause and its evidence, by the rules in docs/alarms.md (Loss episodes), in that order. */
    static String[] cause(Open o, TrackerSnapshot snap) {
        int k = o.sources.size();
        String lostText = o.lost + " updates lost at " + k + " source" + (k == 1 ? "" : "s");
        if (o.dropsKnown && o.drops > 0) {
            Totals t = o.lastTotals;
            long datagrams = Math.max(1, t.datagrams() - o.datagramsAtStart);
            double perDatagram = Math.max(1, (double) (t.received() - o.receivedAtStart) / datagrams);
            // as String.format(Locale.ROOT, "%d datagrams ... (about %.1f updates each) while %s") wrote it
            String drops = o.drops + " datagrams dropped by this machine's sockets (about "
                    + DecimalText.oneDecimal(perDatagram) + " updates each) while " + lostText;
            return o.drops * perDatagram * 2 >= o.lost
                    ? new String[] {"THIS_MACHINE", drops}
                    : new String[] {"UNDETERMINED", drops + ": the drops account for part of the loss only"};
        }
        if (o.lost == 0) {
            return new String[] {"UNDETERMINED", "no update loss seen yet"};
        }
        String noDrops = o.dropsKnown ? "no socket drops at this machine"
                : "this machine's socket drops are unknown";
        PathEvidence path = PathEvidence.of(o.sources.set(), o.remoteBaseline, o.remote);
        if (path.between() != null) {
            return new String[] {"NETWORK", lostText + "; " + path.between() + "; " + noDrops};
        }
        if (path.beforeHere() != null && o.dropsKnown) {
            return new String[] {"NETWORK", lostText + "; " + path.beforeHere() + "; " + noDrops};
        }
        String[] local = localCause(o, snap, lostText, noDrops);
        String note = path.beforeHere() != null ? path.beforeHere() : path.upstream();
        return note == null ? local : new String[] {local[0], local[1] + "; " + note};
    }

    /** The cause by this machine's figures alone, when the probes elsewhere do not tell where the loss is. */
    private static String[] localCause(Open o, TrackerSnapshot snap, String lostText, String noDrops) {
        // For the passes over every source: a hash look-up (names hash once) instead of the sorted set's compares.
        Set<String> inGroups = new HashSet<>(o.groups);
        if (o.senders.size() == 1) {
            String sender = o.senders.iterator().next();
            // Both counts in one pass over the sources (the second is needed only when the first is 0).
            int[] quiet = quietSources(o, snap, question(sender, o.groups),
                    v -> !sender.equals(senderOf(v)) && inGroups.contains(groupOf(v)),
                    v -> sender.equals(senderOf(v)) && !inGroups.contains(groupOf(v)));
            int peers = quiet[0];
            if (peers > 0) {
                return new String[] {"ONE_PUBLISHER", lostText + ", all from sender " + sender + "; " + peers
                        + " sources of other senders on " + join(o.groups) + " lost none; " + noDrops};
            }
            int ownElsewhere = quiet[1];
            if (o.groups.size() == 1 && ownElsewhere > 0 && o.dropsKnown) {
                return new String[] {"ONE_GROUP", lostText + ", all on " + join(o.groups) + "; " + ownElsewhere
                        + " sources of the same sender on other groups lost none; " + noDrops};
            }
            return new String[] {"UNDETERMINED", lostText + ", all from sender " + sender + " on " + join(o.groups)
                    + ", and no source of another sender there to compare: publisher or path cannot be told apart; "
                    + noDrops};
        }
        if (o.groups.size() == 1) {
            int others = quietSources(o, snap, question(null, o.groups), v -> !inGroups.contains(groupOf(v)))[0];
            if (others > 0 && o.dropsKnown) {
                return new String[] {"ONE_GROUP", lostText + " of " + o.senders.size() + " senders, all on "
                        + join(o.groups) + "; " + others + " sources on other groups lost none; " + noDrops};
            }
            return new String[] {"UNDETERMINED", lostText + " of " + o.senders.size() + " senders, all on "
                    + join(o.groups) + (others > 0 ? "" : ", the only group with sources") + "; " + noDrops};
        }
        if (!o.coincident) {
            return new String[] {"UNDETERMINED", lostText + " of " + o.senders.size() + " senders on "
                    + o.groups.size() + " groups, but not in the same seconds; " + noDrops};
        }
        if (!o.dropsKnown) {
            return new String[] {"UNDETERMINED", lostText + " of " + o.senders.size() + " senders on "
                    + o.groups.size() + " groups in the same seconds, but " + noDrops
                    + ", so it cannot be ruled out"};
        }
        return new String[] {"NETWORK", lostText + " of " + o.senders.size() + " senders on " + o.groups.size()
                + " groups (" + join(o.groups) + ") in the same seconds; " + noDrops};
    }

    /** Per predicate, the sources not in the episode, not stale at the snapshot, that it selects (QuietCounts). */
    @SafeVarargs
    private static int[] quietSources(Open o, TrackerSnapshot snap, String question,
                                      java.util.function.Predicate<SourceView>... which) {
        return o.quiet.count(snap, o.observed, question, o.sources::contains, which);
    }

    /** What the quiet sources are counted for, unambiguously: the one sender (or none) and the groups. */
    private static String question(String sender, Set<String> groups) {
        StringBuilder b = new StringBuilder(sender == null ? "-" : sender.length() + ":" + sender);
        for (String g : groups) {
            b.append(' ').append(g.length()).append(':').append(g);
        }
        return b.toString();
    }

    private static String senderOf(SourceView v) {
        return v.sender() == null ? "(sender unknown)" : v.sender();
    }

    private static String groupOf(SourceView v) {
        return v.destination() == null ? UNKNOWN_GROUP : v.destination();
    }

    private static String join(Set<String> s) {
        return s.size() <= 3 ? String.join(", ", s) : String.join(", ", List.copyOf(s).subList(0, 3)) + " and "
                + (s.size() - 3) + " more";
    }

    /** Closed episodes, oldest first, then the open one if any. Unmodifiable. */
    List<Episode> closed() {
        return closedCopy;
    }

    Episode current() {
        return open == null ? null : open.shown;
    }

    /** The sources of {@link #current()} as a set (the same object while they stay the same), or an empty set. */
    Set<String> currentSources() {
        return open == null ? Set.of() : open.sourceSet;
    }

    /** Episodes closed since start with each cause, indexed by {@link Cause#ordinal()}; a copy. */
    long[] closedByCause() {
        return closedByCause.clone();
    }
}
