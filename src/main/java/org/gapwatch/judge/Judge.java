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
 */
public final class Judge {
    private volatile JudgeConfig config;
    private JudgeConfig compiled;
    private List<Pattern> patterns = List.of();
    private String[] ruleSrc = new String[0];
    private Thresholds[] ruleOf = new Thresholds[0];
    /** The span of {@link Judgement#recentLoss()}. */
    public static final long RECENT_MILLIS = 5_000;

    private final EpisodeTracker episodes = new EpisodeTracker(EpisodeTracker.CAPACITY);
    private final java.util.ArrayList<long[]> recent = new java.util.ArrayList<>();

    public Judge(JudgeConfig config) {
        this.config = config;
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

    /** Judges {@code snap} at {@code nowMillis}. Calls must come in time order, from one thread. */
    public Judgement judge(TrackerSnapshot snap, long nowMillis) {
        return judge(snap, RemoteView.NONE, nowMillis);
    }

    /**
     * As above, consulting what probes elsewhere said at their last poll: their loss during an episode tells where
     * along the path it starts (the episode's cause and evidence).
     */
    public Judgement judge(TrackerSnapshot snap, RemoteView remote, long nowMillis) {
        JudgeConfig c = config;
        if (c != compiled) {
            compiled = c;
            patterns = c.patterns();
            ruleSrc = new String[0];
        }
        int n = snap.sourceCount();
        if (ruleSrc.length < n) {
            ruleSrc = java.util.Arrays.copyOf(ruleSrc, Math.max(n, ruleSrc.length * 2));
            ruleOf = java.util.Arrays.copyOf(ruleOf, ruleSrc.length);
        }
        Set<String> invalidSenders = invalidSenders(snap, nowMillis);
        SourceState[] states = new SourceState[n];
        double[] loss = new double[n];
        for (int id = 0; id < n; id++) {
            SourceView v = snap.source(id);
            Thresholds t = thresholds(id, v.src(), c);
            loss[id] = LossFigures.over(v, t.window());
            states[id] = state(v, nowMillis, t, loss[id], !invalidSenders.isEmpty()
                    && invalidSenders.contains(v.sender() + ' ' + v.src()));
        }
        episodes.observe(snap, remote, nowMillis, c.quietMillis());
        return new Judgement(snap, nowMillis, c, states, loss, episodes.closed(), episodes.current(),
                recentLoss(snap.totals(), nowMillis), episodes.closedByCause(), remote);
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
