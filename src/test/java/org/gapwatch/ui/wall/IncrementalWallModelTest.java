package org.gapwatch.ui.wall;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.Judgement;
import org.gapwatch.testutil.Feed;
import org.gapwatch.track.TrackerSnapshot;
import org.gapwatch.ui.SourceFilter;
import org.gapwatch.ui.model.SourceIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wall's builder, which reads only the states of the judge's chunks that changed, makes exactly the model a
 * build from nothing makes, at every step; and its work per judgement does not grow with the sources.
 */
class IncrementalWallModelTest {
    private static final long T0 = 1_800_000_000_000L;
    private static final List<String> STATUS = List.of("ok", "ok", "ok", "ok", "ok", "ok", "warn", "alarm", "fault");

    /** Fit at the readable tile on a small screen: groups collapse; wide: everything fits; one focus; problems. */
    private static final List<WallModel.Request> REQUESTS = List.of(
            new WallModel.Request(SourceFilter.ALL, "", 900, 600, 0, 1),
            new WallModel.Request(SourceFilter.ALL, "", 3840, 2160, 0, 0.3),
            new WallModel.Request(SourceFilter.ALL, "g1", 900, 600, 0, 1),
            new WallModel.Request(new SourceFilter("s1", false), "", 1200, 900, 100, 1),
            new WallModel.Request(new SourceFilter("", true), "", 900, 600, 0, 1));

    private static String name(int id) {
        return "g" + (id % 4) + "/u-" + (id % 7) + "/s" + id;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void theBuilderMakesWhatABuildFromNothingMakesAtEveryStep(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Feed feed = new Feed();
        Judge judge = new Judge();
        WallModel.Builder builder = new WallModel.Builder();
        int sources = 900; // four chunks, the last one partial
        long[] seq = new long[sources];
        int known = 300;
        long now = T0;
        SourceIndex index = SourceIndex.empty();
        WallModel.Request r = REQUESTS.get(0);
        int summarised = 0;
        for (int step = 0; step < 300; step++) {
            now += rnd.nextInt(10) == 0 ? rnd.nextInt(1_000, 5_000) : rnd.nextInt(20, 300);
            if (rnd.nextInt(15) == 0) {
                known = Math.min(sources, known + rnd.nextInt(1, 100)); // new sources: a new index
            }
            for (int u = rnd.nextInt(0, 40); u > 0; u--) {
                int id = rnd.nextInt(known);
                seq[id]++;
                feed.send(now, "{\"src\":\"" + name(id) + "\",\"seq\":" + seq[id] + ",\"status\":\""
                        + STATUS.get(rnd.nextInt(STATUS.size())) + "\",\"ttl\":2000}");
            }
            if (rnd.nextInt(20) == 0) {
                r = REQUESTS.get(rnd.nextInt(REQUESTS.size()));
            }
            TrackerSnapshot snap = feed.publish(now);
            Judgement j = judge.judge(snap, now);
            index = SourceIndex.of(snap, index, false);
            WallModel built = builder.build(index, j, r);
            WallModel full = WallModel.build(index, j, r, null);
            assertSameModel(full, built, "step " + step + ", request " + REQUESTS.indexOf(r));
            summarised += full.summarised() ? 1 : 0;
        }
        assertTrue(summarised > 50, "collapsed groups seen in " + summarised + " steps");
    }

    private static void assertSameModel(WallModel want, WallModel got, String where) {
        assertArrayEquals(want.cells.kind, got.cells.kind, where);
        assertArrayEquals(want.cells.ref, got.cells.ref, where);
        assertArrayEquals(want.cells.group, got.cells.group, where);
        assertEquals(want.cells.layout.tileW, got.cells.layout.tileW, where);
        assertEquals(want.cells.layout.columns, got.cells.layout.columns, where);
        assertEquals(want.groupSummaries(), got.groupSummaries(), where);
        assertEquals(want.matched, got.matched, where);
        assertEquals(want.groups.length, got.groups.length, where);
        for (int g = 0; g < want.groups.length; g++) {
            assertEquals(want.groups[g].shownExceptions(), got.groups[g].shownExceptions(), where);
            assertArrayEquals(want.groups[g].counts(), got.groups[g].counts(), where);
        }
        for (int id = -1; id <= want.index.size(); id++) {
            assertEquals(want.cellOf(id), got.cellOf(id), where + ", cell of " + id);
        }
    }

    /** Sources read for one judgement in which sources of two chunks changed state, after a first build. */
    private static int[] workOfOneJudgement(int n) {
        Feed feed = new Feed();
        for (int id = 0; id < n; id++) {
            feed.send(T0, "{\"src\":\"" + name(id) + "\",\"seq\":1,\"status\":\"ok\"}");
        }
        Judge judge = new Judge();
        WallModel.Builder builder = new WallModel.Builder();
        WallModel.Request r = REQUESTS.get(0);
        TrackerSnapshot snap = feed.publish(T0);
        SourceIndex index = SourceIndex.of(snap, SourceIndex.empty(), false);
        WallModel first = builder.build(index, judge.judge(snap, T0), r);
        feed.send(T0 + 100, "{\"src\":\"" + name(5) + "\",\"seq\":2,\"status\":\"alarm\"}")
                .send(T0 + 100, "{\"src\":\"" + name(700) + "\",\"seq\":2,\"status\":\"fault\"}");
        TrackerSnapshot later = feed.publish(T0 + 100);
        Judgement j = judge.judge(later, T0 + 100);
        WallModel next = builder.build(SourceIndex.of(later, index, false), j, r);
        assertEquals(next.tileCount(), WallModel.build(next.index, j, r, null).tileCount());
        return new int[] {first.examined(), next.examined(), next.tileCount()};
    }

    @Test
    void aJudgementCostsTheChunksThatChangedAtAnyNumberOfSources() {
        int[] small = workOfOneJudgement(1_000);
        int[] large = workOfOneJudgement(50_000);
        assertEquals(1_000, small[0], "the first build reads every source");
        assertEquals(50_000, large[0]);
        assertEquals(2 * TrackerSnapshot.CHUNK, small[1], "then the two chunks the judge changed");
        assertEquals(small[1], large[1], "the same with 50 times the sources");
        assertEquals(2, large[2], "both exceptions have a tile of their own");
    }
}
