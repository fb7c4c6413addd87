package org.gapwatch.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The once-a-second slide of every source's windowed figures is spread over the second by id, so that no single
 * snapshot makes a view of every source: a snapshot at a fraction f of the second has slid the first f of the
 * sources, the first of a new second the rest of the last one's, and each source slides once a second.
 */
class SlideSpreadTest {
    private static final long T0 = 1_700_000_000_000L; // a whole second

    /** The version of the last snapshot {@link #remade} looked at. */
    private long seen = -1;

    /** Ids whose view was made by the snapshot taken at {@code millis} (none if it is the last one again). */
    private List<Integer> remade(Tracker t, long millis) {
        TrackerSnapshot s = t.snapshot(millis);
        List<Integer> ids = new ArrayList<>();
        for (int id = 0; id < s.sourceCount(); id++) {
            if (s.source(id).version() > seen) {
                ids.add(id);
            }
        }
        seen = s.version();
        return ids;
    }

    /** {@code n} sources, ids 0 up, each with one update at {@link #T0}. */
    private static Feed sources(int n) {
        Feed f = new Feed();
        f.now = T0;
        for (int i = 0; i < n; i++) {
            f.json("{\"src\":\"plant/s-" + i + "\",\"seq\":1}");
        }
        return f;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> ids = new ArrayList<>();
        for (int id = from; id < to; id++) {
            ids.add(id);
        }
        return ids;
    }

    @Test
    void eachSourceSlidesOnceASecondAtItsShareOfTheSecond() {
        Feed f = sources(1_000);
        assertEquals(range(0, 1_000), remade(f.tracker, T0), "all new");
        assertEquals(range(0, 1_000), remade(f.tracker, T0 + 1_500),
                "a new second: the rest of the last one's slide (all of it: the last snapshot was at its start)");
        assertEquals(range(500, 750), remade(f.tracker, T0 + 1_750), "three quarters in: the third quarter");
        assertEquals(List.of(), remade(f.tracker, T0 + 1_750), "nothing twice");
        List<Integer> turn = range(0, 100);
        turn.addAll(range(750, 1_000));
        assertEquals(turn, remade(f.tracker, T0 + 2_100), "the last quarter of the second before, then a tenth");
        assertEquals(range(100, 1_000), remade(f.tracker, T0 + 3_000), "a snapshot a whole second later: the rest");
        assertEquals(range(0, 1_000), remade(f.tracker, T0 + 4_000), "once a second each, whatever the spacing");
    }

    @Test
    void anUpdatedSourceIsNotMadeAgainByTheSlide() {
        Feed f = sources(10);
        remade(f.tracker, T0);
        remade(f.tracker, T0 + 1_000);
        f.now = T0 + 1_400;
        f.json("{\"src\":\"plant/s-2\",\"seq\":2}");
        assertEquals(List.of(0, 1, 2, 3, 4), remade(f.tracker, T0 + 1_500), "ids 0-4 slide; 2 changed anyway, once");
        assertEquals(range(5, 10), remade(f.tracker, T0 + 2_000));
    }
}
