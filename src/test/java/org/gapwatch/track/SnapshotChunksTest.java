package org.gapwatch.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Snapshots share the chunks in which nothing changed, and a snapshot once taken never changes. */
class SnapshotChunksTest {
    private static final int N = TrackerSnapshot.CHUNK * 5 + 3;

    @Test
    void manySourcesNewInOneSnapshotAreAllInIt() {
        Feed f = new Feed();
        for (int i = 0; i < N; i++) {
            f.json("{\"src\":\"s" + i + "\",\"seq\":0}");
        }
        TrackerSnapshot s = f.tracker.snapshot(f.now);
        assertEquals(N, s.sourceCount());
        for (int i = 0; i < N; i++) {
            assertEquals("s" + i, s.source(i).src());
        }
    }

    @Test
    void aSnapshotKeepsWhatItSawWhileLaterOnesShareOnlyTheChunksThatDidNotChange() {
        Feed f = new Feed();
        SplittableRandom random = new SplittableRandom(7);
        long[] seq = new long[N];
        List<TrackerSnapshot> taken = new ArrayList<>();
        List<long[]> receivedThen = new ArrayList<>();
        int known = 0;
        for (int round = 0; round < 60; round++) {
            int changes = 1 + random.nextInt(8);
            boolean[] changed = new boolean[N];
            int sources = Math.min(N, TrackerSnapshot.CHUNK * (1 + round / 10)); // sources keep appearing
            for (int i = known; i < sources; i++) { // in order, so that s<i> gets id i
                f.json("{\"src\":\"s" + i + "\",\"seq\":" + seq[i]++ + "}");
                changed[i] = true;
            }
            known = sources;
            for (int k = 0; k < changes; k++) {
                int i = random.nextInt(sources);
                f.json("{\"src\":\"s" + i + "\",\"seq\":" + seq[i]++ + "}");
                changed[i] = true;
            }
            f.now += 10;
            TrackerSnapshot before = taken.isEmpty() ? null : taken.get(taken.size() - 1);
            TrackerSnapshot s = f.tracker.snapshot(f.now);
            long[] received = new long[s.sourceCount()];
            for (int i = 0; i < s.sourceCount(); i++) {
                received[i] = s.source(i).received();
            }
            for (int i = 0; before != null && i < s.sourceCount(); i += TrackerSnapshot.CHUNK) {
                // The windows slide spread over each second, so a source that sent nothing may have a new view too:
                // a chunk is shared exactly when every view in it is the one before.
                boolean allSame = true;
                boolean anyChanged = false;
                for (int j = i; j < Math.min(s.sourceCount(), i + TrackerSnapshot.CHUNK); j++) {
                    allSame &= j < before.sourceCount() && s.source(j) == before.source(j);
                    anyChanged |= changed[j];
                }
                assertEquals(allSame, s.sameChunk(before, i), "chunk of " + i + " shared");
                assertEquals("s" + i, s.source(i).src());
                if (anyChanged) {
                    assertFalse(s.sameChunk(before, i), "chunk of " + i + " copied");
                }
            }
            taken.add(s);
            receivedThen.add(received);
        }
        for (int k = 0; k < taken.size(); k++) { // none changed after it was taken
            TrackerSnapshot s = taken.get(k);
            for (int i = 0; i < s.sourceCount(); i++) {
                assertEquals(receivedThen.get(k)[i], s.source(i).received(), "snapshot " + k + " source " + i);
            }
        }
        long total = 0;
        for (long v : seq) {
            total += v;
        }
        assertEquals(total, taken.get(taken.size() - 1).totals().received());
    }
}
