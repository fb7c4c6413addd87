package org.gapwatch.judge;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.gapwatch.protocol.Status;
import org.gapwatch.track.InvalidSample;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerSnapshot;

/**
 * The rules: judges every source of a snapshot at a given time and follows the loss episodes from one judgement to
 * the next. One judge per engine, fed by one thread in time order (a {@link JudgeRunner}, or a command's loop).
 *
 * <p>Judging is incremental: a source is judged again only when its view changed since the last judgement or the
 * clock reached the time its state can flip by itself (stale, a conflict running out); a new config, the clock going
 * back, fewer sources or a change of the recent invalid senders judge everything again. The result is the same as
 * judging every source each time (IncrementalJudgeTest).
 */
public final class Judge {
    private volatile JudgeConfig config;
    private JudgeConfig compiled;
    private List<Pattern> patterns = List.of();
    private String[] ruleSrc = new String[0];
    private Thresholds[] ruleOf = new Thresholds[0];
    /** The span of {@link Judgement#recentLoss()}. */
    public static final long RECENT_MILLIS = 5_000;

    private final EpisodeTracker episodes;
    private final java.util.ArrayList<long[]> recent = new java.util.ArrayList<>();

    // Incremental judging: the results per source in chunks that successive judgements share until one changes.
    private static final int CHUNK = TrackerSnapshot.CHUNK;
    private final boolean incremental;
    /** How long after it was taken a snapshot taken behind is judged as of what it holds (see {@link #asOf}). */
    static final long BEHIND_TRUST_MILLIS = 2_000;
    private TrackerSnapshot prevSnap;
    private long prevNow;
    private Set<String> prevInvalid = Set.of();
    private long round;
    private SourceState[][] stateChunks = new SourceState[0][];
    private double[][] lossChunks = new double[0][];
    /** The round in which each chunk was last copied: a chunk not copied this round is shared and copied on write. */
    private long[] copiedIn = new long[0];
    /** Per source, the time its state can next change by the clock alone; per chunk, the earliest of those. */
    private long[] dueAt = new long[0];
    private long[] chunkDue = new long[0];
    private final int[] counts = new int[SourceState.values().length];
    private int[] changedIds = new int[0];
    private int changedCount;

    public Judge(JudgeConfig config) {
        this(config, true);
    }

    /** @param incremental false to judge every source at every judgement (the reference the tests compare with) */
    Judge(JudgeConfig config, boolean incremental) {
        this.config = config;
        this.incremental = incremental;
        this.episodes = new EpisodeTracker(EpisodeTracker.CAPACITY, incremental);
    }

    public Judge() {
        this(JudgeConfig.defaults());
    }

    /** Takes effect at the next judgement; any thread. */
    public void setConfig(JudgeConfig c) {
        config = c;
    }

    public JudgeConfig config() {
        return config;
    }

    /**
     * Judges {@code snap} at {@code nowMillis}, or as of what it holds when its writer took it behind its input.
     * Calls must come in time order, from one thread.
     */
    public Judgement judge(TrackerSnapshot snap, long nowMillis) {
        return judge(snap, RemoteView.NONE, nowMillis);
    }

    /**
     * As above, consulting what probes elsewhere said at their last poll: their loss during an episode tells where
     * along the path it starts (the episode's cause and evidence).
     */
    public Judgement judge(TrackerSnapshot snap, RemoteView remote, long wallMillis) {
        long nowMillis = asOf(snap, wallMillis);
        JudgeConfig c = config;
        boolean configChanged = c != compiled;
        if (configChanged) {
            compiled = c;
            patterns = c.patterns();
            ruleSrc = new String[0];
        }
        int n = snap.sourceCount();
        if (ruleSrc.length < n) {
            ruleSrc = java.util.Arrays.copyOf(ruleSrc, Math.max(n, ruleSrc.length * 2));
            ruleOf = java.util.Arrays.copyOf(ruleOf, ruleSrc.length);
        }
        Set<String> invalid = invalidSenders(snap, nowMillis);
        boolean full = !incremental || configChanged || prevSnap == null || nowMillis < prevNow
                || n < prevSnap.sourceCount() || !invalid.equals(prevInvalid);
        int[] changed = full ? null : judgeChanged(snap, nowMillis, c, invalid);
        if (full) {
            judgeAll(snap, nowMillis, c, invalid);
        }
        prevSnap = snap;
        prevNow = nowMillis;
        prevInvalid = invalid;
        round++;
        episodes.observe(snap, remote, nowMillis, c.quietMillis(), changed, changedCount);
        Episode current = episodes.current();
        return new Judgement(snap, nowMillis, c, n, stateChunks.clone(), lossChunks.clone(), counts.clone(),
                episodes.closed(), current, episodes.currentSources(), recentLoss(snap.totals(), nowMillis),
                episodes.closedByCause(), remote);
    }

    /**
     * The time a judgement is made as of: {@code wallMillis}, unless the snapshot was taken while its writer was
     * behind (datagrams that had arrived were still waiting to be read): then the newest arrival it holds, for a
     * source whose updates this machine has received but not yet read is not stale, and calling all 100,000 sources
     * of a flood stale because this machine was two seconds behind said something false about each of them. Never
     * before the last judgement's time (what was judged then stays judged), and no longer than {@link
     * #BEHIND_TRUST_MILLIS} after the snapshot was taken: a writer that stopped publishing is judged at the clock.
     */
    private long asOf(TrackerSnapshot snap, long wallMillis) {
        if (!snap.behind() || wallMillis - snap.takenMillis() > BEHIND_TRUST_MILLIS || wallMillis < prevNow) {
            return wallMillis;
        }
        return Math.max(prevNow, Math.min(wallMillis, snap.observedMillis()));
    }

    /** Judges every source afresh into new chunks (nothing shared with earlier judgements). */
    private void judgeAll(TrackerSnapshot snap, long now, JudgeConfig c, Set<String> invalid) {
        int n = snap.sourceCount();
        int chunkCount = (n + CHUNK - 1) / CHUNK;
        stateChunks = new SourceState[chunkCount][];
        lossChunks = new double[chunkCount][];
        chunkDue = new long[chunkCount];
        copiedIn = new long[chunkCount];
        java.util.Arrays.fill(copiedIn, round);
        dueAt = new long[chunkCount * CHUNK];
        java.util.Arrays.fill(counts, 0);
        for (int k = 0; k < chunkCount; k++) {
            stateChunks[k] = new SourceState[CHUNK];
            lossChunks[k] = new double[CHUNK];
            chunkDue[k] = Long.MAX_VALUE;
        }
        for (int id = 0; id < n; id++) {
            SourceView v = snap.source(id);
            Thresholds t = thresholds(id, v.src(), c);
            double loss = LossFigures.over(v, t.window());
            SourceState s = state(v, now, t, loss, !invalid.isEmpty() && invalid.contains(v.sender() + ' ' + v.src()));
            stateChunks[id / CHUNK][id % CHUNK] = s;
            lossChunks[id / CHUNK][id % CHUNK] = loss;
            counts[s.ordinal()]++;
            dueAt[id] = nextFlip(v, now);
            chunkDue[id / CHUNK] = Math.min(chunkDue[id / CHUNK], dueAt[id]);
        }
    }

    /**
     * Judges again only the sources whose view changed since the last judgement and those whose time to flip
     * (stale, conflict over) has come; returns the ids whose view changed, ascending ({@link #changedCount} of
     * them), for the episode tracker.
     */
    private int[] judgeChanged(TrackerSnapshot snap, long now, JudgeConfig c, Set<String> invalid) {
        int n = snap.sourceCount();
        int prevCount = prevSnap.sourceCount();
        growTo(n);
        changedCount = 0;
        for (int k = 0, chunkCount = (n + CHUNK - 1) / CHUNK; k < chunkCount; k++) {
            int lo = k * CHUNK;
            int hi = Math.min(n, lo + CHUNK);
            boolean viewsSame = hi <= prevCount && snap.sameChunk(prevSnap, lo);
            if (viewsSame && now < chunkDue[k]) {
                continue;
            }
            long due = Long.MAX_VALUE;
            for (int id = lo; id < hi; id++) {
                SourceView v = snap.source(id);
                boolean viewChanged = !viewsSame && (id >= prevCount || v != prevSnap.source(id));
                if (viewChanged) {
                    if (changedCount == changedIds.length) {
                        changedIds = java.util.Arrays.copyOf(changedIds, Math.max(256, changedIds.length * 2));
                    }
                    changedIds[changedCount++] = id;
                }
                if (viewChanged || now >= dueAt[id]) {
                    rejudge(k, id, v, now, c, invalid);
                }
                due = Math.min(due, dueAt[id]);
            }
            chunkDue[k] = due;
        }
        return changedIds;
    }

    private void rejudge(int k, int id, SourceView v, long now, JudgeConfig c, Set<String> invalid) {
        Thresholds t = thresholds(id, v.src(), c);
        double loss = LossFigures.over(v, t.window());
        SourceState s = state(v, now, t, loss, !invalid.isEmpty() && invalid.contains(v.sender() + ' ' + v.src()));
        int i = id % CHUNK;
        SourceState was = stateChunks[k][i];
        if (was != s || Double.doubleToRawLongBits(lossChunks[k][i]) != Double.doubleToRawLongBits(loss)) {
            if (copiedIn[k] != round) {
                // Earlier judgements share this chunk: copy it once this round, before the first write.
                stateChunks[k] = stateChunks[k].clone();
                lossChunks[k] = lossChunks[k].clone();
                copiedIn[k] = round;
            }
            if (was != null) {
                counts[was.ordinal()]--;
            }
            counts[s.ordinal()]++;
            stateChunks[k][i] = s;
            lossChunks[k][i] = loss;
        }
        dueAt[id] = nextFlip(v, now);
    }

    private void growTo(int n) {
        int chunkCount = (n + CHUNK - 1) / CHUNK;
        int was = stateChunks.length;
        if (chunkCount <= was) {
            return;
        }
        stateChunks = java.util.Arrays.copyOf(stateChunks, chunkCount);
        lossChunks = java.util.Arrays.copyOf(lossChunks, chunkCount);
        chunkDue = java.util.Arrays.copyOf(chunkDue, chunkCount);
        copiedIn = java.util.Arrays.copyOf(copiedIn, chunkCount);
        dueAt = java.util.Arrays.copyOf(dueAt, chunkCount * CHUNK);
        for (int k = was; k < chunkCount; k++) {
            stateChunks[k] = new SourceState[CHUNK];
            lossChunks[k] = new double[CHUNK];
            copiedIn[k] = round;
        }
    }

    /**
     * The first time after {@code now} at which the source's state can change with the clock alone (it goes stale,
     * or a second sender's claim runs out), or {@link Long#MAX_VALUE}. Early is harmless (it is judged again and
     * found the same), late is not: these are the exact edges of {@link SourceView#isStale} and {@link
     * SourceView#conflict}.
     */
    static long nextFlip(SourceView v, long now) {
        long due = Long.MAX_VALUE;
        long stale = plus(plus(v.lastArrivalMillis(), v.staleAfterMillis()), 1);
        if (stale > now) {
            due = stale;
        }
        if (v.otherSender() != null) {
            long over = plus(Math.min(v.senderLastMillis(), v.otherSenderLastMillis()), v.staleAfterMillis());
            if (over > now) {
                due = Math.min(due, over);
            }
        }
        return due;
    }

    private static long plus(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }


    /** Loss over the totals of the last {@link #RECENT_MILLIS}: a sample per judgement, the oldest still in span. */
    private Judgement.RecentLoss recentLoss(org.gapwatch.track.Totals t, long now) {
        if (!recent.isEmpty() && (recent.getLast()[0] > now || recent.getLast()[1] > t.datagrams())) {
            recent.clear(); // the clock or the engine started again
        }
        recent.addLast(new long[] {now, t.datagrams(), t.received(), t.lost(), t.socketDrops()});
        while (recent.size() > 2 && recent.get(1)[0] <= now - RECENT_MILLIS) {
            recent.removeFirst();
        }
        long[] old = recent.getFirst();
        long received = t.received() - old[2];
        long lost = Math.max(0, t.lost() - old[3]);
        double lossShare = org.gapwatch.track.LossShare.of(received, lost, 0);
        if (t.socketDrops() < 0 || old[4] < 0) {
            return new Judgement.RecentLoss(lost, lossShare, -1, -1);
        }
        long drops = Math.max(0, t.socketDrops() - old[4]);
        long datagrams = t.datagrams() - old[1];
        return new Judgement.RecentLoss(lost, lossShare, drops,
                datagrams + drops == 0 ? 0 : (double) drops / (datagrams + drops));
    }

    private Thresholds thresholds(int id, String src, JudgeConfig c) {
        // Sources keep their id and name within one engine: match the globs once per source, not per judgement.
        if (!src.equals(ruleSrc[id])) {
            Thresholds t = c.thresholds();
            for (int i = 0; i < patterns.size(); i++) {
                if (patterns.get(i).matcher(src).matches()) {
                    t = c.rules().get(i).thresholds();
                    break;
                }
            }
            ruleSrc[id] = src;
            ruleOf[id] = t;
        }
        return ruleOf[id];
    }

    /** The rules, worst first (see {@link SourceState}). */
    public static SourceState state(SourceView v, long nowMillis, Thresholds t, boolean invalidFromSender) {
        return state(v, nowMillis, t, LossFigures.over(v, t.window()), invalidFromSender);
    }

    private static SourceState state(SourceView v, long now, Thresholds t, double loss, boolean invalidFromSender) {
        if (v.ended()) {
            // It said it stopped (sACN Stream_Terminated): silence after that is expected, not a fault.
            return SourceState.ENDED;
        }
        if (v.isStale(now)) {
            return SourceState.STALE;
        }
        if (v.conflict(now)) {
            return SourceState.CONFLICT;
        }
        Status s = v.status();
        if (s == Status.FAULT) {
            return SourceState.FAULT;
        }
        if (s == Status.ALARM) {
            return SourceState.ALARM;
        }
        if (loss > 0 && loss >= t.lossAlarm()) {
            return SourceState.BADLY_LOSING;
        }
        if (loss > 0 && loss >= t.lossWarn()) {
            return SourceState.LOSING;
        }
        if (invalidFromSender) {
            return SourceState.INVALID_INPUT;
        }
        return s == Status.WARN ? SourceState.WARN : SourceState.OK;
    }

    /**
     * "sender src" of the invalid updates kept in the snapshot that came within {@link
     * JudgeConfig#INVALID_WINDOW_MILLIS} and named a source. A datagram rejected as a whole names none: it is
     * counted (status bar, reports) but not pinned on every source of its sender.
     */
    private static Set<String> invalidSenders(TrackerSnapshot snap, long now) {
        List<InvalidSample> recent = snap.recentInvalid();
        if (recent.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        for (InvalidSample s : recent) {
            if (s.sender() != null && s.src() != null && now - s.millis() <= JudgeConfig.INVALID_WINDOW_MILLIS) {
                out.add(s.sender() + ' ' + s.src());
            }
        }
        return out;
    }
}
