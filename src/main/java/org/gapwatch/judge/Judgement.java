package org.gapwatch.judge;

import java.util.List;
import java.util.Set;
import org.gapwatch.track.TrackerSnapshot;

/**
 * The judgement of one snapshot at one moment: a state per source, the loss share that drove it, counts per state,
 * and the loss episodes. Immutable; made off the FX thread by {@link Judge}, read by every view.
 */
public final class Judgement {
    private static final Judgement EMPTY = new Judgement(TrackerSnapshot.empty(), 0, JudgeConfig.defaults(),
            0, new SourceState[0][], new double[0][], new int[SourceState.values().length], List.of(), null, Set.of(),
            RecentLoss.NONE, new long[Cause.values().length], RemoteView.NONE);
    private static final int CHUNK = TrackerSnapshot.CHUNK;

    private final TrackerSnapshot snapshot;
    private final long nowMillis;
    private final JudgeConfig config;
    private final int sourceCount;
    /** By chunks of {@link TrackerSnapshot#CHUNK} sources, shared with the judgements before and after where equal. */
    private final SourceState[][] states;
    private final double[][] loss;
    private final int[] counts;
    private final List<Episode> closed;
    private final Episode current;
    private final Set<String> episodeSources;
    private final RecentLoss recentLoss;
    private final long[] closedByCause;
    private final RemoteView remote;

    /**
     * Loss over all sources in the last {@link Judge#RECENT_MILLIS} (or since the first judgement, if shorter).
     *
     * @param lossShare share of the expected updates lost on the way (network, publishers), 0..1
     * @param dropShare share of the arriving datagrams this machine's sockets dropped, 0..1, or -1 if unknown
     */
    public record RecentLoss(long lost, double lossShare, long socketDrops, double dropShare) {
        static final RecentLoss NONE = new RecentLoss(0, 0, 0, -1);
    }

    Judgement(TrackerSnapshot snapshot, long nowMillis, JudgeConfig config, int sourceCount, SourceState[][] states,
              double[][] loss, int[] counts, List<Episode> closed, Episode current, Set<String> episodeSources,
              RecentLoss recentLoss, long[] closedByCause, RemoteView remote) {
        this.recentLoss = recentLoss;
        this.closedByCause = closedByCause;
        this.remote = remote;
        this.snapshot = snapshot;
        this.nowMillis = nowMillis;
        this.config = config;
        this.sourceCount = sourceCount;
        this.states = states;
        this.loss = loss;
        this.counts = counts;
        this.closed = closed;
        this.current = current;
        this.episodeSources = episodeSources;
    }

    /** Nothing judged yet. */
    public static Judgement empty() {
        return EMPTY;
    }

    public TrackerSnapshot snapshot() {
        return snapshot;
    }

    public long nowMillis() {
        return nowMillis;
    }

    public JudgeConfig config() {
        return config;
    }

    public int sourceCount() {
        return sourceCount;
    }

    /**
     * The state of source {@code id}. A view drawing a newer snapshot than this judgement's may ask for a source
     * judged not yet (it appeared since): that one is OK until the next judgement, a fraction of a second later.
     */
    public SourceState state(int id) {
        return id >= 0 && id < sourceCount ? states[id / CHUNK][id % CHUNK] : SourceState.OK;
    }

    /**
     * Whether every source of chunk {@code chunk} ({@link TrackerSnapshot#CHUNK} ids from {@code chunk * CHUNK}) has
     * the same state here as in {@code o}, known without reading them: the judge shares a chunk between judgements
     * until one of its sources changes. False when it cannot tell so cheaply (then the states may still be equal).
     */
    public boolean sameStates(Judgement o, int chunk) {
        if (chunk < 0 || chunk >= states.length || chunk >= o.states.length || states[chunk] != o.states[chunk]) {
            return false;
        }
        return sourceCount == o.sourceCount || (chunk + 1) * CHUNK <= Math.min(sourceCount, o.sourceCount);
    }

    /** The loss share (0..1) over the source's loss window, the figure its state was judged on. */
    public double loss(int id) {
        return id >= 0 && id < sourceCount ? loss[id / CHUNK][id % CHUNK] : 0;
    }

    public int count(SourceState s) {
        return counts[s.ordinal()];
    }

    /** Sources whose publisher says alarm or fault. */
    public int alarming() {
        return count(SourceState.ALARM) + count(SourceState.FAULT);
    }

    /** Closed episodes, oldest first (at most {@link EpisodeTracker#CAPACITY}), then the open one if any. */
    public List<Episode> episodes() {
        if (current == null) {
            return closed;
        }
        List<Episode> all = new java.util.ArrayList<>(closed.size() + 1);
        all.addAll(closed);
        all.add(current);
        return all;
    }

    /** The episode still open, or null. */
    public Episode currentEpisode() {
        return current;
    }

    /** The open episode, else the last closed one, else null: what the status bar's diagnosis says. */
    public Episode latestEpisode() {
        return current != null ? current : closed.isEmpty() ? null : closed.getLast();
    }

    /**
     * Episodes closed since the judge started whose final cause is {@code c}: only ever grows (unlike {@link
     * #episodes()}, which keeps the last {@link EpisodeTracker#CAPACITY}), so it can be exported as a counter.
     */
    public long closedEpisodes(Cause c) {
        return closedByCause[c.ordinal()];
    }

    /** What the probes elsewhere said at their last poll, as this judgement consulted it. */
    public RemoteView remote() {
        return remote;
    }

    public RecentLoss recentLoss() {
        return recentLoss;
    }

    /** Sources in the open episode (their loss alarms stand down for the episode's). */
    public Set<String> episodeSources() {
        return episodeSources;
    }
}
