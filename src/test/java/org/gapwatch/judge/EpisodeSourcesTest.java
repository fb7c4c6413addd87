package org.gapwatch.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gapwatch.testutil.Feed;
import org.junit.jupiter.api.Test;

/** The open episode's sources are shared between judgements as views, not copied, and stay as they were made. */
class EpisodeSourcesTest {
    private static final long T = 1_800_000_000_000L;

    @Test
    void aViewKeepsTheSourcesJoinedWhenItWasMadeWhileMoreJoin() {
        EpisodeSources s = new EpisodeSources();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            names.add("s" + i);
            assertTrue(s.add("s" + i));
        }
        assertFalse(s.add("s3"), "joined already");
        List<String> list = s.list();
        Set<String> set = s.set();
        for (int i = 10; i < 1_000; i++) { // the array grows under the views made before
            s.add("s" + i);
        }
        assertEquals(names, list);
        assertEquals(Set.copyOf(names), set);
        assertEquals(10, set.size());
        assertTrue(set.contains("s9"));
        assertFalse(set.contains("s10"), "joined after the view was made");
        assertTrue(s.contains("s10"));
        assertEquals(1_000, s.list().size());
        assertEquals("s999", s.list().get(999));
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(10));
        assertThrows(UnsupportedOperationException.class, () -> list.add("x"));
        assertThrows(UnsupportedOperationException.class, () -> set.remove("s1"));
    }

    @Test
    void judgementsShareTheEpisodesSourcesUntilOneJoinsAndTheClosedEpisodeKeepsACopy() {
        Feed feed = new Feed();
        Judge judge = new Judge();
        long now = T;
        feed.send(now, "{\"src\":\"a\",\"seq\":1}").send(now, "{\"src\":\"b\",\"seq\":1}");
        judge.judge(feed.publish(now), now);
        now += 100;
        feed.send(now, "{\"src\":\"a\",\"seq\":3}"); // a lost one: an episode opens
        Judgement first = judge.judge(feed.publish(now), now);
        now += 100;
        feed.send(now, "{\"src\":\"a\",\"seq\":5}"); // a loses again: no one joins
        Judgement second = judge.judge(feed.publish(now), now);
        assertEquals(List.of("a"), second.currentEpisode().sources());
        assertSame(first.currentEpisode().sources(), second.currentEpisode().sources());
        assertSame(first.episodeSources(), second.episodeSources());
        now += 100;
        feed.send(now, "{\"src\":\"b\",\"seq\":3}"); // b joins
        Judgement third = judge.judge(feed.publish(now), now);
        assertEquals(List.of("a", "b"), third.currentEpisode().sources());
        assertEquals(Set.of("a", "b"), third.episodeSources());
        assertEquals(List.of("a"), second.currentEpisode().sources(), "the earlier judgement's list is as it was");
        assertEquals(Set.of("a"), second.episodeSources());
        assertFalse(second.episodeSources().contains("b"));
        now += judge.config().quietMillis() + 100;
        Judgement closed = judge.judge(feed.publish(now), now);
        assertEquals(null, closed.currentEpisode());
        assertEquals(Set.of(), closed.episodeSources());
        assertEquals(List.of("a", "b"), closed.episodes().getLast().sources());
        assertFalse(EpisodeSources.isView(closed.episodes().getLast().sources()), "closed: an exact copy");
    }
}
