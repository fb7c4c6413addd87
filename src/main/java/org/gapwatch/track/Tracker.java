package org.gapwatch.track;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gapwatch.protocol.DecodeResult;
import org.gapwatch.protocol.Reason;
import org.gapwatch.protocol.RejectReason;
import org.gapwatch.protocol.SequenceSpace;
import org.gapwatch.protocol.SourceNames;
import org.gapwatch.protocol.Update;
import org.gapwatch.protocol.ValueKind;

/**
 * Per-source state and exact gap accounting (docs/protocol.md, Gap accounting), for every protocol: an update names
 * its lane and {@link SequenceSpace}, the space turns its number into an extended one, and the same rules apply in
 * every lane (docs/protocols.md). Single writer: every method is called from one thread; other threads read the
 * {@link TrackerSnapshot}s it makes.
 */
public final class Tracker {
    private static final int RECENT_INVALID = 32;
    private static final int PREVIEW_BYTES = 96;

    private TrackerConfig config;
    private final Map<String, SourceState> bySrc = new HashMap<>();
    private final GroupCounts groups = new GroupCounts();
    private SourceState[] byId = new SourceState[64];
    private int sourceCount;

    private int[] dirtyIds = new int[64];
    private int dirtyCount;

    private long datagrams;
    private long received;
    private final LossCount lost = new LossCount();
    private long late;
    private long duplicates;
    private long restarts;
    private long invalidDatagrams;
    private long invalidUpdates;
    private long rejectedSources;
    private long socketDrops = -1;
    private static final RejectReason[] REJECT_REASONS = RejectReason.values();
    private final long[] invalidByReason = new long[REJECT_REASONS.length];
    /** Rejections so far, and at the last snapshot that listed the counts by reason. */
    private long rejections;
    private long rejectionsListed;
    /** Reasons of protocols other than JSON v1, in the order first seen. */
    private final Map<Reason, long[]> otherInvalidByReason = new LinkedHashMap<>();
    private final RecentRejects recentInvalid = new RecentRejects(RECENT_INVALID, PREVIEW_BYTES);

    private long version;
    private TrackerSnapshot last = TrackerSnapshot.empty();
    private static final long SLIDING_WINDOW_MILLIS = 301_000;
    private final SecondCounts.Scratch scratch = new SecondCounts.Scratch();
    private long slidSecond = Long.MIN_VALUE;
    /** Sources below this id have slid this second (see {@link #slideWindows}). */
    private int slideCursor;

    public Tracker(TrackerConfig config) {
        this.config = config;
    }

    /**
     * A fresh tracker replacing one whose last snapshot had {@code previousVersion} (an engine reset): its versions
     * continue above that, so readers that skip what they already drew do not skip what it shows.
     */
    public Tracker(TrackerConfig config, long previousVersion) {
        this.config = config;
        this.version = previousVersion + 1;
        this.last = new TrackerSnapshot(version, 0, 0, new SourceView[0][], totals(), Map.of(), List.of());
    }

    public TrackerConfig config() {
        return config;
    }

    /** Changes the staleness of sources that give no ttl or interval; applies as each source next updates. */
    public void setDefaultStaleMillis(long millis) {
        config = new TrackerConfig(config.maxSources(), millis, config.minMedianStaleMillis());
    }

    /**
     * Accounts one decoded datagram. {@code payload} is only read to keep a short preview of rejected input.
     */
    public void datagram(DecodeResult result, byte[] payload, int off, int len, InetSocketAddress sender,
                         long arrivalMillis) {
        datagram(result, payload, off, len, sender, null, arrivalMillis);
    }

    /**
     * As above, also noting the group and port it was sent to ({@code destination}, null if unknown): the
     * evidence that tells loss at one subscription from loss at one publisher.
     */
    public void datagram(DecodeResult result, byte[] payload, int off, int len, InetSocketAddress sender,
                         InetSocketAddress destination, long arrivalMillis) {
        datagrams++;
        Reason whole = result.rejection();
        if (whole != null) {
            invalidDatagrams++;
            rejected(whole, null, sender, arrivalMillis, payload, off, len);
            return;
        }
        for (int i = 0; i < result.count(); i++) {
            Update u = result.get(i);
            if (u.valid()) {
                apply(u, sender, destination, arrivalMillis);
            } else {
                invalidUpdates++;
                rejected(u.reason(), u.src(), sender, arrivalMillis, payload, off, len);
            }
        }
    }

    /** Accounts one valid update. Returns false when it was refused because the source limit is reached. */
    public boolean apply(Update u, InetSocketAddress sender, long arrivalMillis) {
        return apply(u, sender, null, arrivalMillis);
    }

    /** As above, with the group and port the update was sent to (null if unknown). */
    public boolean apply(Update u, InetSocketAddress sender, InetSocketAddress destination, long arrivalMillis) {
        SourceState s = lookup(u);
        if (s == null && u.previousSrc() != null) {
            s = rename(u.previousSrc(), u.src());
            remember(u, s);
        }
        if (s == null) {
            if (sourceCount >= config.maxSources()) {
                rejectedSources++;
                return false;
            }
            s = newSource(u.src(), u.protocol());
            remember(u, s);
        }
        markDirty(s);
        noteSender(s, sender, arrivalMillis);
        if (destination != null && !destination.equals(s.destination)) {
            s.destination = destination;
            s.destinationText = format(destination);
        }
        long second = Math.floorDiv(arrivalMillis, 1000);
        long minute = Math.floorDiv(second, 60);
        Lane l = s.lane(u.lane());
        s.lastLane = l;
        if (u.laneLabel() != null) {
            l.label = u.laneLabel();
        }
        if (u.mark() != Update.MARK_NONE) {
            sendersWord(s, l, u, arrivalMillis, second, minute);
            return true;
        }
        l.byCadence = u.space().byCadence();
        int placed = u.space().place(u.seq(), l);
        if (placed == SequenceSpace.HELD) {
            // Arrived, but its number is not (yet) in the lane's space: probation or an unconfirmed jump.
            countReceived(s, second, minute);
            noteArrival(s, arrivalMillis);
            return true;
        }
        long seq = l.extended;

        if (!l.started || placed == SequenceSpace.RESTART || u.resetLane()
                || (u.session() != null && l.session != null && !u.session().equals(l.session))) {
            if (l.started) {
                s.restarts++;
                l.restarts++;
                restarts++;
            }
            baseline(l, u, seq);
            inOrder(s, l, u, arrivalMillis, second, minute);
            return true;
        }
        if (u.session() != null && l.session == null) {
            l.session = u.session();
        }
        if (seq > l.highest) {
            long missing = seq - l.highest - 1;
            l.window.clearAdvance(l.highest, seq);
            l.window.set(seq);
            if (missing > 0) {
                s.gaps.add(l.id, l.highest + 1, seq - 1, arrivalMillis, s.lastArrivalMillis, l.byCadence);
                countLost(s, l, missing, second, minute);
            }
            l.highest = seq;
            inOrder(s, l, u, arrivalMillis, second, minute);
        } else if (l.highest - seq >= SequenceWindow.SIZE) {
            s.restarts++;
            l.restarts++;
            restarts++;
            baseline(l, u, seq);
            inOrder(s, l, u, arrivalMillis, second, minute);
        } else if (seq >= l.first) {
            if (l.window.get(seq)) {
                s.duplicates++;
                l.duplicates++;
                duplicates++;
            } else {
                // A late arrival filling a hole: received now, no longer lost, not the latest value.
                fillHole(s, l, seq);
                l.sessionReceived++;
                countLate(s, second, minute);
            }
        } else {
            // Below the baseline but inside the window: reordered around the first update we saw. The baseline
            // moves down to it; numbers between it and the old baseline become a gap that may still fill.
            long missing = l.first - seq - 1;
            l.window.set(seq);
            if (missing > 0) {
                s.gaps.add(l.id, seq + 1, l.first - 1, arrivalMillis, 0, l.byCadence);
                countLost(s, l, missing, second, minute);
            }
            l.first = seq;
            l.sessionReceived++;
            countLate(s, second, minute);
        }
        return true;
    }

    /** Number {@code n}, counted lost, is no longer: it came late, or the sender said it will never come. */
    private void fillHole(SourceState s, Lane l, long n) {
        l.window.set(n);
        s.gaps.recover(l.id, n);
        l.sessionLost--;
        l.lost.recoverOne();
        s.lost.recoverOne();
        lost.recoverOne();
    }

    /** Gives a source its better name, keeping everything it has; null when there is no such source. */
    private SourceState rename(String from, String to) {
        SourceState s = bySrc.remove(from);
        if (s == null) {
            return null;
        }
        int slot = from.hashCode() & RECENT_MASK;
        if (recentStates[slot] == s) {
            recentNames[slot] = null;
            recentStates[slot] = null;
        }
        s.group = groups.rename(s.group, from, to);
        s.src = to;
        bySrc.put(to, s);
        return s;
    }

    private void countLost(SourceState s, Lane l, long missing, long second, long minute) {
        // Exact within a session (first and highest lie in 0 .. 2^63-1); across sessions and sources it saturates.
        l.sessionLost += missing;
        l.lost.add(missing);
        s.lost.add(missing);
        lost.add(missing);
        GroupCounts.Group g = s.group;
        if (s.perSecond.addLost(second, missing) && g != null) {
            g.perSecond.addLost(second, missing);
        }
        if (s.perMinute.addLost(minute, missing) && g != null) {
            g.perMinute.addLost(minute, missing);
        }
    }

    private void countLate(SourceState s, long second, long minute) {
        s.late++;
        late++;
        countReceived(s, second, minute);
        GroupCounts.Group g = s.group;
        if (s.perSecond.addLate(second) && g != null) {
            g.perSecond.addLate(second);
        }
        if (s.perMinute.addLate(minute) && g != null) {
            g.perMinute.addLate(minute);
        }
    }

    private void baseline(Lane l, Update u, long seq) {
        l.started = true;
        l.session = u.session();
        l.first = seq;
        l.highest = seq;
        l.sessionReceived = 0;
        l.sessionLost = 0;
        l.sessionIrrelevant = 0;
        l.window.clear();
        l.window.set(seq);
    }

    /**
     * What a sender said about its numbers, in a message that is not one of them (docs/protocols.md, Sender's
     * word): {@link Update#MARK_SENT} (every number up to seq was sent: the missing ones are lost now) or {@link
     * Update#MARK_IRRELEVANT} (seq..seqTo will never come: not lost, and no longer lost if they were). On a lane
     * not yet started it sets the baseline after the numbers it names, as a passive monitor cannot know the earlier.
     */
    private void sendersWord(SourceState s, Lane l, Update u, long arrivalMillis, long second, long minute) {
        long from = u.seq();
        long to = u.mark() == Update.MARK_SENT ? u.seq() : u.seqTo();
        if (to < from || to < 0) {
            return;
        }
        if (!l.started) {
            l.started = true;
            l.session = null;
            l.first = to + 1;
            l.highest = to;
            l.sessionReceived = 0;
            l.sessionLost = 0;
            l.sessionIrrelevant = 0;
            l.window.clear();
            return;
        }
        if (u.mark() == Update.MARK_SENT) {
            if (to > l.highest) {
                long missing = to - l.highest;
                l.window.clearAdvance(l.highest, to);
                s.gaps.add(l.id, l.highest + 1, to, arrivalMillis, s.lastArrivalMillis, l.byCadence);
                countLost(s, l, missing, second, minute);
                l.highest = to;
            }
            return;
        }
        // Irrelevant numbers inside the window that were counted lost: no longer lost, not received either.
        long low = Math.max(Math.max(from, l.first), l.highest - SequenceWindow.SIZE + 1);
        for (long n = low; n <= Math.min(to, l.highest); n++) {
            if (!l.window.get(n)) {
                fillHole(s, l, n);
                l.sessionIrrelevant++;
            }
        }
        if (to > l.highest) {
            long start = Math.max(from, l.highest + 1);
            long missing = start - l.highest - 1;
            l.window.clearAdvance(l.highest, to);
            if (missing > 0) {
                s.gaps.add(l.id, l.highest + 1, start - 1, arrivalMillis, s.lastArrivalMillis, l.byCadence);
                countLost(s, l, missing, second, minute);
            }
            for (long n = Math.max(start, to - SequenceWindow.SIZE + 1); n <= to; n++) {
                l.window.set(n);
            }
            l.sessionIrrelevant += to - start + 1;
            l.highest = to;
        }
    }

    private void inOrder(SourceState s, Lane l, Update u, long arrivalMillis, long second, long minute) {
        l.sessionReceived++;
        countReceived(s, second, minute);
        noteArrival(s, arrivalMillis);
        s.valueKind = u.valueKind();
        s.number = u.number();
        s.string = u.string();
        s.bool = u.bool();
        s.unit = u.unit();
        s.text = u.text();
        s.statusText = u.statusText();
        s.status = u.status();
        s.ts = u.ts();
        s.interval = u.interval();
        s.ttl = u.ttl();
        s.ended = u.ended();
        takeLevels(s, u);
        if (u.sameValue() && s.values.size() > 0) {
            return; // the decoder's figures were not renewed: no new point in the value history
        }
        switch (u.valueKind()) {
            case NUMBER -> s.values.addNumber(u.number(), arrivalMillis);
            case STRING -> s.values.addOther(u.string(), arrivalMillis);
            case BOOLEAN -> s.values.addOther(u.bool(), arrivalMillis);
            case NULL -> s.values.addOther(ValuePoint.NULL, arrivalMillis);
            case ABSENT -> {
            }
        }
    }

    /**
     * Keeps the update's vector as the source's newest (one that carries none leaves the last one: sACN's
     * per-address priority packets between level packets). The same levels again cost nothing; changed ones are
     * written over the source's vector while no view holds it, else into a new one.
     */
    private static void takeLevels(SourceState s, Update u) {
        if (u.levelCount() == 0) {
            return;
        }
        Levels l = s.levels;
        if (l != null && l.sameAs(u)) {
            return;
        }
        if (l != null && !s.levelsPublished && l.fits(u)) {
            l.fill(u);
        } else {
            s.levels = Levels.of(u);
            s.levelsPublished = false;
        }
    }

    private static void noteArrival(SourceState s, long arrivalMillis) {
        if (s.lastArrivalMillis != 0 && arrivalMillis >= s.lastArrivalMillis) {
            s.interArrivals.add(arrivalMillis - s.lastArrivalMillis);
        }
        if (s.firstArrivalMillis == 0) {
            s.firstArrivalMillis = arrivalMillis;
        }
        s.lastArrivalMillis = arrivalMillis;
    }

    private void countReceived(SourceState s, long second, long minute) {
        s.received++;
        s.lastLane.received++; // the lane of the update being accounted
        received++;
        GroupCounts.Group g = s.group;
        if (s.perSecond.addReceived(second, 1) && g != null) {
            g.perSecond.addReceived(second);
        }
        if (s.perMinute.addReceived(minute, 1) && g != null) {
            g.perMinute.addReceived(minute);
        }
    }

    /** Keeps the two most recent claimants of a source, the newest first, with when each was last heard. */
    private void noteSender(SourceState s, InetSocketAddress sender, long now) {
        if (sender == null) {
            return;
        }
        // The receiver hands the same sender instance for a run of datagrams: identity first, equals only if not.
        if (s.sender != sender && !sender.equals(s.sender)) {
            if (s.sender != null) {
                s.otherSender = s.sender;
                s.otherSenderText = s.senderText;
                s.otherSenderLastMillis = s.senderLastMillis;
            }
            s.sender = sender;
            s.senderText = format(sender);
        }
        s.senderLastMillis = now;
    }

    /**
     * The source of an update's name: by the name's id when its decoder gives one (JSON v1), else by the name. A
     * source found by its name's content takes the decoder's String as its own, so that the next look-up by id hits.
     */
    private SourceState lookup(Update u) {
        SourceNames names = u.srcNames();
        if (names == null) {
            return lookup(u.src());
        }
        SourceState s = nameIndex.get(names, u.srcId(), u.src());
        if (s == null) {
            s = bySrc.get(u.src());
            if (s != null) {
                s.src = u.src();
                nameIndex.put(names, u.srcId(), s);
            }
        }
        return s;
    }

    private void remember(Update u, SourceState s) {
        if (s != null && u.srcNames() != null) {
            nameIndex.put(u.srcNames(), u.srcId(), s);
        }
    }

    private final NameIndex nameIndex = new NameIndex();

    /**
     * The source of a name. Decoders of binary protocols hand out one String instance per name, so a small
     * direct-mapped cache compared by identity answers most look-ups without the map's hashing and node walk.
     */
    private SourceState lookup(String src) {
        int slot = src.hashCode() & RECENT_MASK;
        if (recentNames[slot] == src) {
            return recentStates[slot];
        }
        SourceState s = bySrc.get(src);
        if (s != null) {
            recentNames[slot] = src;
            recentStates[slot] = s;
        }
        return s;
    }

    private static final int RECENT_MASK = 4095;
    private final String[] recentNames = new String[RECENT_MASK + 1];
    private final SourceState[] recentStates = new SourceState[RECENT_MASK + 1];

    private SourceState newSource(String src, String protocol) {
        int id = sourceCount++;
        if (id == byId.length) {
            byId = Arrays.copyOf(byId, id * 2);
        }
        SourceState s = new SourceState(id, src, protocol);
        s.group = groups.join(src);
        byId[id] = s;
        bySrc.put(src, s);
        return s;
    }

    private void markDirty(SourceState s) {
        if (!s.dirty) {
            s.dirty = true;
            if (dirtyCount == dirtyIds.length) {
                dirtyIds = Arrays.copyOf(dirtyIds, dirtyCount * 2);
            }
            dirtyIds[dirtyCount++] = s.id;
        }
    }

    private void rejected(Reason reason, String src, InetSocketAddress sender, long millis, byte[] payload,
                          int off, int len) {
        rejections++;
        if (reason instanceof RejectReason r) {
            invalidByReason[r.ordinal()]++;
        } else {
            otherInvalidByReason.computeIfAbsent(reason, k -> new long[1])[0]++;
        }
        recentInvalid.add(millis, sender, reason, src, payload, off, len);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Printable start of a payload: non-printable bytes as \xHH, at most {@value #PREVIEW_BYTES} bytes. */
    static String preview(byte[] payload, int off, int len) {
        if (payload == null) {
            return "";
        }
        int n = Math.min(len, PREVIEW_BYTES);
        StringBuilder sb = new StringBuilder(4 * n + 1);
        for (int i = 0; i < n; i++) {
            int b = payload[off + i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\') {
                sb.append((char) b);
            } else {
                // Not String.format: a rejected binary datagram is nearly all such bytes (tens of KB of garbage).
                sb.append("\\x").append(HEX[b >>> 4]).append(HEX[b & 0xF]);
            }
        }
        if (len > n) {
            sb.append('…');
        }
        return sb.toString();
    }

    public static String format(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + a.getPort() : host + ":" + a.getPort();
    }

    /** Sets the figure the network layer read for datagrams dropped at this machine's sockets (-1: unknown). */
    public void socketDrops(long drops) {
        this.socketDrops = drops;
    }

    /** Zeroes a source's operator counters and history of loss; sequence tracking goes on unchanged. */
    public boolean resetCounters(String src) {
        SourceState s = bySrc.get(src);
        if (s == null) {
            return false;
        }
        s.received = 0;
        s.lost.reset();
        s.late = 0;
        s.duplicates = 0;
        s.restarts = 0;
        for (Lane l : s.startedLanes()) {
            l.received = 0;
            l.lost.reset();
            l.duplicates = 0;
            l.restarts = 0;
        }
        markDirty(s);
        return true;
    }

    public int sourceCount() {
        return sourceCount;
    }

    /**
     * Once a second, marks every source heard from in the last five minutes as changed: its windowed figures (loss
     * over 1 and 5 minutes, rate, strip) slide with time even when nothing arrives, and readers such as alarms judge
     * them at the snapshot's time. Spread over the second by id: a snapshot at {@code f} of the second has slid the
     * first {@code f} of the sources, and the first snapshot of a new second slides the rest of the last one's, so
     * each source still slides once a second. All at the second's turn, it made one snapshot of every source each
     * second (100,000 sources: 46-79 ms of the processing thread in one go, docs/benchmarks.md), during which nothing
     * else was published.
     */
    private void slideWindows(long nowMillis) {
        long second = Math.floorDiv(nowMillis, 1000);
        if (second != slidSecond) {
            slide(slideCursor, sourceCount, nowMillis);
            slidSecond = second;
            slideCursor = 0;
        }
        int upTo = (int) ((long) sourceCount * Math.floorMod(nowMillis, 1000L) / 1000);
        if (upTo > slideCursor) {
            slide(slideCursor, upTo, nowMillis);
            slideCursor = upTo;
        }
    }

    private void slide(int fromId, int toId, long nowMillis) {
        for (int id = fromId; id < toId; id++) {
            SourceState s = byId[id];
            if (!s.dirty && nowMillis - s.lastArrivalMillis <= SLIDING_WINDOW_MILLIS) {
                markDirty(s);
            }
        }
    }

    /** True when a snapshot taken now would differ from the last one. */
    public boolean hasUnpublishedChanges() {
        return dirtyCount > 0 || last.sourceCount() != sourceCount || last.totals().datagrams() != datagrams
                || last.totals().socketDrops() != socketDrops;
    }

    /** Makes a snapshot: views are made again only for sources that changed since the last one. */
    public TrackerSnapshot snapshot(long nowMillis) {
        return snapshot(nowMillis, nowMillis);
    }

    /**
     * The same, for a writer that knows its input only up to {@code observedMillis} (it is behind: what arrived
     * after that waits to be read); see {@link TrackerSnapshot#observedMillis()}.
     */
    public TrackerSnapshot snapshot(long nowMillis, long observedMillis) {
        slideWindows(nowMillis);
        long observed = Math.min(nowMillis, observedMillis);
        if (!hasUnpublishedChanges()) {
            if (last.behind() && observed > last.observedMillis()) {
                // Caught up with nothing new (nothing else arrived): the same picture, known up to now.
                last = last.observedUntil(observed);
            }
            return last;
        }
        version++;
        int chunkCount = (sourceCount + TrackerSnapshot.CHUNK - 1) / TrackerSnapshot.CHUNK;
        SourceView[][] before = last.chunks();
        SourceView[][] chunks = Arrays.copyOf(before, chunkCount);
        for (int k = 0; k < dirtyCount; k++) {
            SourceState s = byId[dirtyIds[k]];
            s.dirty = false;
            int c = s.id / TrackerSnapshot.CHUNK;
            // A chunk still the last snapshot's (or still missing) is copied before it is written: the last
            // snapshot is not to change. No array of flags to say so: it cost a byte a chunk at every snapshot.
            if (chunks[c] == (c < before.length ? before[c] : null)) {
                SourceView[] old = chunks[c];
                chunks[c] = old == null ? new SourceView[TrackerSnapshot.CHUNK]
                        : Arrays.copyOf(old, TrackerSnapshot.CHUNK);
            }
            chunks[c][s.id % TrackerSnapshot.CHUNK] = view(s, nowMillis);
        }
        dirtyCount = 0;
        // The counts by reason change only with a rejection: otherwise the last snapshot's (unmodifiable) map serves.
        Map<String, Long> reasons = last.invalidByReason();
        if (rejections != rejectionsListed) {
            reasons = new LinkedHashMap<>();
            for (RejectReason r : REJECT_REASONS) {
                if (invalidByReason[r.ordinal()] > 0) {
                    reasons.put(r.code(), invalidByReason[r.ordinal()]);
                }
            }
            for (Map.Entry<Reason, long[]> e : otherInvalidByReason.entrySet()) {
                reasons.put(e.getKey().code(), e.getValue()[0]);
            }
            rejectionsListed = rejections;
        }
        last = new TrackerSnapshot(version, nowMillis, observed, sourceCount, chunks, totals(), reasons,
                recentInvalid.list());
        return last;
    }

    public Totals totals() {
        return new Totals(datagrams, received, lost.value(), late, duplicates, restarts, invalidDatagrams,
                invalidUpdates, rejectedSources, sourceCount, socketDrops);
    }

    private SourceView view(SourceState s, long nowMillis) {
        long nowSecond = Math.floorDiv(nowMillis, 1000);
        long end = Math.max(nowSecond, s.perSecond.head());
        byte[] strip = s.perSecond.view(end, scratch);
        String value = switch (s.valueKind) {
            case ABSENT -> "";
            case NULL -> "null";
            case BOOLEAN -> Boolean.toString(s.bool);
            case STRING -> s.string;
            case NUMBER -> s.string; // null: the view formats the number when asked (SourceView.value)
        };
        SourceAbout about = s.about;
        if (about == null || !about.describes(s)) {
            about = SourceAbout.of(s);
            s.about = about;
        }
        return new SourceView(about, version, s.senderLastMillis,
                s.lastLane.session, s.lastLane.first, s.lastLane.highest,
                s.received, s.lost.value(), s.late, s.duplicates, s.restarts,
                s.valueKind, value, s.valueKind == ValueKind.NUMBER ? s.number : Double.NaN, s.text,
                s.status, s.statusText, s.ts,
                s.lastArrivalMillis, s.staleAfterMillis(config),
                end, strip, scratch.received300, scratch.lost300, scratch.late300, scratch.received60,
                scratch.lost60, scratch.late60, scratch.received10 / 10.0, s.gaps.newest(),
                s.ended, publishedLevels(s));
    }

    private static Levels publishedLevels(SourceState s) {
        s.levelsPublished |= s.levels != null;
        return s.levels;
    }

    /** A full copy of one source's history, or null if there is no such source. */
    public SourceHistory history(String src, long nowMillis) {
        SourceState s = bySrc.get(src);
        if (s == null) {
            return null;
        }
        long endSecond = Math.max(Math.floorDiv(nowMillis, 1000), s.perSecond.head());
        long endMinute = Math.max(Math.floorDiv(endSecond, 60), s.perMinute.head());
        int ns = SourceState.SECONDS;
        int nm = SourceState.MINUTES;
        int[] rs = new int[ns], ls = new int[ns], ts = new int[ns];
        int[] rm = new int[nm], lm = new int[nm], tm = new int[nm];
        s.perSecond.copy(endSecond, ns, rs, ls, ts);
        s.perMinute.copy(endMinute, nm, rm, lm, tm);
        return new SourceHistory(view(s, nowMillis), endSecond, rs, ls, ts, endMinute, rm, lm, tm,
                List.of(s.values.toArray()), s.gaps.list(), s.startedLanes().stream()
                .map(l -> new LaneView(l.id, l.label, l.first, l.highest, l.received, l.lost.value(), l.duplicates,
                        l.restarts, l.byCadence)).toList());
    }

    /**
     * Per-second (or per-minute) received and lost counts of the given sources, for the loss heatmap: row i of each
     * array belongs to ids[i]; columns are oldest first and end at {@code endSlot}.
     */
    public LossGrid lossGrid(int[] ids, boolean perMinute, int columns, long nowMillis) {
        long endSlot = perMinute ? Math.floorDiv(nowMillis, 60_000) : Math.floorDiv(nowMillis, 1000);
        int[][] rec = new int[ids.length][columns];
        int[][] lostRows = new int[ids.length][columns];
        int[][] lateRows = new int[ids.length][columns];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= sourceCount) {
                continue;
            }
            SourceState s = byId[ids[i]];
            (perMinute ? s.perMinute : s.perSecond).copy(endSlot, columns, rec[i], lostRows[i], lateRows[i]);
        }
        return new LossGrid(ids.clone(), perMinute, endSlot, rec, lostRows, lateRows);
    }

    /**
     * Adds the per-second (or per-minute) counts of the given sources into one row of arrays of {@code columns}
     * slots ending at the slot of {@code nowMillis}, oldest first: a heatmap group row without a grid per source.
     * Unknown ids are skipped. Returns the end slot.
     */
    public long addLossCounts(int[] ids, boolean perMinute, long nowMillis, int[] received, int[] lost, int[] late) {
        long endSlot = perMinute ? Math.floorDiv(nowMillis, 60_000) : Math.floorDiv(nowMillis, 1000);
        int columns = received.length;
        for (int id : ids) {
            if (id >= 0 && id < sourceCount) {
                SourceState s = byId[id];
                (perMinute ? s.perMinute : s.perSecond).addTo(endSlot, columns, received, lost, late);
            }
        }
        return endSlot;
    }

    /**
     * What {@link #addLossCounts} would add for all {@code sources} sources of {@code group} (a first path level),
     * read from the group's own counts ({@link GroupCounts}): as many slots as the arrays hold, ending at the slot
     * of {@code nowMillis}. Returns the end slot; or Long.MIN_VALUE, adding nothing, when the group's counts are not
     * the sum of exactly that many sources' (no such group, another number of sources, a source renamed into or out
     * of it, more groups than are counted): then sum the sources with {@link #addLossCounts}.
     */
    public long addGroupLossCounts(String group, int sources, boolean perMinute, long nowMillis, int[] received,
                                   int[] lost, int[] late) {
        GroupCounts.Group g = groups.whole(group, sources);
        if (g == null) {
            return Long.MIN_VALUE;
        }
        long endSlot = perMinute ? Math.floorDiv(nowMillis, 60_000) : Math.floorDiv(nowMillis, 1000);
        GroupRing ring = perMinute ? g.perMinute : g.perSecond;
        if (!ring.holds(endSlot - received.length + 1)) {
            return Long.MIN_VALUE; // reaches back past the group's window: some source may hold more
        }
        ring.addTo(endSlot, received, lost, late);
        return endSlot;
    }

    /** The session accounting of a source: {first, highest, received, lost} for the current session. */
    long[] sessionAccounting(String src) {
        return laneAccounting(src, 0);
    }

    /** The session accounting of one lane of a source: {first, highest, received, lost}; null if never started. */
    long[] laneAccounting(String src, int laneId) {
        SourceState s = bySrc.get(src);
        if (s == null) {
            return null;
        }
        for (Lane l : s.startedLanes()) {
            if (l.id == laneId) {
                return new long[] {l.first, l.highest, l.sessionReceived, l.sessionLost};
            }
        }
        return laneId == 0 ? new long[] {s.lane0.first, s.lane0.highest, 0, 0} : null;
    }
}
