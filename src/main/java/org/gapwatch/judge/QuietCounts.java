package org.gapwatch.judge;

import java.util.Arrays;
import java.util.function.Predicate;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerSnapshot;

/**
 * The cause's counts of quiet sources ("sources of other senders on the group lost none") for one open episode, per
 * chunk of {@link TrackerSnapshot#CHUNK} sources, kept between judgements while they hold: a chunk is counted again
 * only when one of its views changed (the snapshot shares it otherwise), one of its sources joined the episode, one
 * can go stale by the clock, or the question changed (another sender or set of groups). Counting every source at
 * every judgement was most of a judgement during an episode at 100,000 sources (a pass over every view).
 */
final class QuietCounts {
    private static final int CHUNK = TrackerSnapshot.CHUNK;

    private final boolean keep;
    private String question;
    private TrackerSnapshot counted;
    private long countedAt = Long.MIN_VALUE;
    private int[][] counts = new int[0][];
    /** Per chunk, the end of its ids when counted and the time its counts hold until (exclusive). */
    private int[] countedHi = new int[0];
    private long[] holdsUntil = new long[0];

    /** @param keep false to count every source each time (the full judgement the tests compare with) */
    QuietCounts(boolean keep) {
        this.keep = keep;
    }

    /** Source {@code id} joined the episode: its chunk is counted again. */
    void joined(int id) {
        int k = id / CHUNK;
        if (k < holdsUntil.length) {
            holdsUntil[k] = Long.MIN_VALUE;
        }
    }

    /**
     * Per predicate, the sources of {@code snap} that it selects, not stale at {@code observed} and not in the
     * episode. {@code question} names the predicates: the same name, the same predicates.
     */
    int[] count(TrackerSnapshot snap, long observed, String question, Predicate<String> inEpisode,
                Predicate<SourceView>[] which) {
        int n = snap.sourceCount();
        int chunks = (n + CHUNK - 1) / CHUNK;
        boolean reuse = keep && counted != null && question.equals(this.question) && observed >= countedAt;
        if (counts.length < chunks) {
            int was = counts.length;
            counts = Arrays.copyOf(counts, chunks);
            countedHi = Arrays.copyOf(countedHi, chunks);
            holdsUntil = Arrays.copyOf(holdsUntil, chunks);
            Arrays.fill(holdsUntil, was, chunks, Long.MIN_VALUE);
        }
        int[] total = new int[which.length];
        for (int k = 0; k < chunks; k++) {
            int lo = k * CHUNK;
            int hi = Math.min(n, lo + CHUNK);
            boolean holds = reuse && countedHi[k] == hi && hi <= counted.sourceCount() && observed < holdsUntil[k]
                    && snap.sameChunk(counted, lo) && counts[k] != null && counts[k].length == which.length;
            if (!holds) {
                countChunk(snap, k, lo, hi, observed, inEpisode, which);
            }
            for (int i = 0; i < which.length; i++) {
                total[i] += counts[k][i];
            }
        }
        this.counted = snap;
        this.countedAt = observed;
        this.question = question;
        return total;
    }

    private void countChunk(TrackerSnapshot snap, int k, int lo, int hi, long observed, Predicate<String> inEpisode,
                            Predicate<SourceView>[] which) {
        int[] c = new int[which.length];
        long until = Long.MAX_VALUE;
        for (int id = lo; id < hi; id++) {
            SourceView v = snap.source(id);
            boolean stale = v.isStale(observed);
            if (!stale) {
                // Stale stays stale as the clock goes on (the view the same); a fresh one may go stale.
                until = Math.min(until, Judge.nextFlip(v, observed));
            }
            for (int i = 0; i < which.length; i++) {
                // The cheap tests first, the look-up in the episode's sources (up to all of them) last.
                if (which[i].test(v) && !stale && !inEpisode.test(v.src())) {
                    c[i]++;
                }
            }
        }
        counts[k] = c;
        countedHi[k] = hi;
        holdsUntil[k] = until;
    }
}
