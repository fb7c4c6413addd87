package org.gapwatch.alarm;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.gapwatch.judge.Episode;
import org.gapwatch.judge.Judgement;
import org.gapwatch.track.TrackerSnapshot;

/**
 * Which sources an {@link AlarmModel} evaluation looks at: the sources' points by the judgement's source id (ids are
 * stable within one engine; a source found at another id, or gone, is noticed when every source is read), what each
 * one's state asks for, the chunks of {@value #CHUNK} whose states changed since the judgement evaluated last
 * ({@link Judgement#sameStates}) and those where a source waits out its on-delay. Also counts the open episode's
 * badly losing sources as they join it, without a pass over them all. The model's thread only.
 */
final class AlarmSources {
    private static final int CHUNK = TrackerSnapshot.CHUNK;

    private SourcePoints[] byId = new SourcePoints[0];
    private final Map<String, SourcePoints> bySrc = new HashMap<>();
    /** Per chunk, how many of its sources wait out an on-delay: such a chunk is looked at though its states stay. */
    private int[] waitingInChunk = new int[0];
    private int[] chunksToLook = new int[0];
    private Judgement evaluated;
    /** The open episode whose badly losing sources are counted (-1: none), and the list of sources counted. */
    private long countedEpisode = -1;
    private List<String> countedList = List.of();
    private int badlyInEpisode;
    private int looked;

    /** Starts an evaluation's count of sources looked at ({@link #looked}). */
    void startLooking() {
        looked = 0;
    }

    int looked() {
        return looked;
    }

    /** The {@code c}th chunk that the last {@link #read} listed, ascending. */
    int chunkToLook(int c) {
        return chunksToLook[c];
    }

    /** The points of source {@code id}, or null if it never asked for an alarm. */
    SourcePoints at(int id) {
        return byId[id];
    }

    /** The points of source {@code src}, or null. */
    SourcePoints named(String src) {
        return bySrc.get(src);
    }

    /** The next {@link #read} compares with {@code j}'s states. */
    void evaluated(Judgement j) {
        evaluated = j;
    }

    /** One more evaluation in a row that {@code s} was wanted without its row active; returns how many so far. */
    int waited(SourcePoints s) {
        if (s.waited++ == 0) {
            waitingInChunk[s.id / CHUNK]++;
        }
        return s.waited;
    }

    /** {@code s} waits no more: it activated. */
    void doneWaiting(SourcePoints s) {
        s.waited = 0;
        waitingInChunk[s.id / CHUNK]--;
    }

    /** Not counting: no episode is open, or it raised its alarm already. */
    void stopCounting() {
        countedEpisode = -1;
    }

    /** The open episode's sources that are badly losing, as counted by {@link #countEpisode} and {@link #read}. */
    int badlyInEpisode() {
        return badlyInEpisode;
    }

    /**
     * Takes in the states of the chunks that changed since the last evaluation (all of them the first time, or when
     * there are fewer sources than then), and lists those to look at ({@link #chunkToLook}); returns how many.
     * {@code counting}: the open episode's badly losing sources are being counted; {@code forgotten} is told of each
     * source that is not in the judgement any more.
     */
    int read(Judgement j, boolean counting, long evaluation, Consumer<SourcePoints> forgotten) {
        int n = j.sourceCount();
        boolean all = evaluated == null || n < evaluated.sourceCount();
        int chunkCount = (n + CHUNK - 1) / CHUNK;
        if (byId.length < chunkCount * CHUNK) {
            byId = Arrays.copyOf(byId, chunkCount * CHUNK);
        }
        if (waitingInChunk.length < chunkCount) {
            waitingInChunk = Arrays.copyOf(waitingInChunk, Math.max(chunkCount, (byId.length + CHUNK - 1) / CHUNK));
            chunksToLook = new int[waitingInChunk.length];
        }
        int listed = 0;
        for (int k = 0; k < chunkCount; k++) {
            boolean same = !all && j.sameStates(evaluated, k);
            if (same && waitingInChunk[k] == 0) {
                continue;
            }
            chunksToLook[listed++] = k;
            if (!same) {
                for (int id = k * CHUNK, hi = Math.min(n, id + CHUNK); id < hi; id++) {
                    looked++;
                    readState(id, j, counting, all, evaluation);
                }
            }
        }
        if (all) {
            forgetUnseen(j, counting, evaluation, forgotten);
        }
        return listed;
    }

    /** The kind source {@code id}'s state asks for now, kept with its points. */
    private void readState(int id, Judgement j, boolean counting, boolean all, long evaluation) {
        AlarmKind kind = AlarmModel.kindOf(j.state(id));
        SourcePoints s = byId[id];
        if (s == null && kind == null && !all) {
            return; // never alarmed and asks for nothing: nothing to keep
        }
        String src = j.snapshot().source(id).src();
        if (s == null || !s.src.equals(src)) {
            s = kind == null ? bySrc.get(src) : bySrc.computeIfAbsent(src, SourcePoints::new);
            if (s == null) {
                return;
            }
            bind(s, id);
        }
        s.seenIn = evaluation;
        want(s, kind, counting ? j.episodeSources() : null);
    }

    /** Gives {@code s} the source id {@code id} (its first, or another engine's), moving its on-delay's count. */
    private void bind(SourcePoints s, int id) {
        if (s.id >= 0 && byId[s.id] == s) {
            byId[s.id] = null;
        }
        if (s.waited > 0) {
            if (s.id >= 0) {
                waitingInChunk[s.id / CHUNK]--;
            }
            waitingInChunk[id / CHUNK]++;
        }
        s.id = id;
        byId[id] = s;
    }

    /** The state of {@code s} asks for {@code kind} (or none); {@code episode}: the counted episode's sources. */
    private void want(SourcePoints s, AlarmKind kind, Set<String> episode) {
        if (kind == s.wanted) {
            return;
        }
        if (episode != null && (kind == AlarmKind.LOSS || s.wanted == AlarmKind.LOSS) && episode.contains(s.src)) {
            badlyInEpisode += kind == AlarmKind.LOSS ? 1 : -1;
        }
        if (s.waited > 0) { // another kind waits afresh
            s.waited = 0;
            waitingInChunk[s.id / CHUNK]--;
        }
        s.wanted = kind;
    }

    /** After looking at every source: those not in the judgement any more ask for nothing (another engine). */
    private void forgetUnseen(Judgement j, boolean counting, long evaluation, Consumer<SourcePoints> forgotten) {
        for (SourcePoints s : bySrc.values()) {
            if (s.seenIn != evaluation) {
                want(s, null, counting ? j.episodeSources() : null);
                forgotten.accept(s);
                if (s.id >= 0 && byId[s.id] == s) {
                    byId[s.id] = null;
                }
                s.id = -1;
            }
        }
    }

    /**
     * Counts the open episode's sources that are badly losing, on the kinds of the last evaluation: all of its list
     * when it is another episode than counted last, else only the sources that joined since (its list only grows).
     */
    void countEpisode(Episode e) {
        List<String> list = e.sources();
        int from = countedList.size();
        if (e.id() != countedEpisode || !extendsList(list, countedList)) {
            countedEpisode = e.id();
            badlyInEpisode = 0;
            from = 0;
        }
        for (int i = from; i < list.size(); i++) {
            looked++;
            SourcePoints s = bySrc.get(list.get(i));
            if (s != null && s.wanted == AlarmKind.LOSS) {
                badlyInEpisode++;
            }
        }
        countedList = list;
    }

    /** Whether {@code longer} is {@code prefix} with sources appended (an episode's list as sources join it). */
    static boolean extendsList(List<String> longer, List<String> prefix) {
        int n = prefix.size();
        return longer == prefix || longer.size() >= n && (n == 0 || longer.get(n - 1).equals(prefix.get(n - 1)));
    }
}
