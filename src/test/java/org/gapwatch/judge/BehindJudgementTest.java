package org.gapwatch.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gapwatch.engine.Engine;
import org.gapwatch.testutil.Feed;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.Test;

/**
 * A snapshot its writer took while behind (datagrams that had arrived were still waiting to be read) is judged as of
 * the newest arrival it holds: this machine being behind does not make its sources stale.
 */
class BehindJudgementTest {
    private static final long T0 = 1_800_000_000_000L;

    private final Feed feed = new Feed();
    private final Engine engine = feed.engine();

    /** Source s, stale after 1 s, last heard at T0 + 500. */
    private void heardUntilHalfASecond() {
        feed.send(T0, "{\"src\":\"s\",\"seq\":1,\"ttl\":1000}");
        feed.send(T0 + 500, "{\"src\":\"s\",\"seq\":2,\"ttl\":1000}");
    }

    /** What the receiver's processing loop does after a batch, and a snapshot at {@code now}. */
    private TrackerSnapshot batch(long now, boolean caughtUp) {
        engine.afterBatch(now, caughtUp);
        engine.publish(now);
        return engine.snapshot();
    }

    @Test
    void aWriterBehindPublishesWhatItKnowsUpToTheNewestArrivalItRead() {
        heardUntilHalfASecond();
        TrackerSnapshot behind = batch(T0 + 3_000, false);
        assertTrue(behind.behind());
        assertEquals(T0 + 3_000, behind.takenMillis());
        assertEquals(T0 + 500, behind.observedMillis());
        feed.send(T0 + 2_900, "{\"src\":\"s\",\"seq\":3,\"ttl\":1000}");
        TrackerSnapshot caughtUp = batch(T0 + 3_001, true);
        assertFalse(caughtUp.behind());
        assertEquals(T0 + 3_001, caughtUp.observedMillis());
        feed.send(T0 + 3_002, "{\"src\":\"s\",\"seq\":4,\"ttl\":1000}");
        engine.afterBatch(T0 + 3_010); // a writer that does not say (a replay) knows its input up to now
        engine.publish(T0 + 3_010);
        assertFalse(engine.snapshot().behind());
    }

    @Test
    void aSourceHeardBeforeWhatTheWriterReadIsNotStaleWhileItIsBehind() {
        heardUntilHalfASecond();
        Judge judge = new Judge();
        Judgement j = judge.judge(batch(T0 + 3_000, false), T0 + 3_000);
        assertEquals(SourceState.OK, j.state(0), "as of T0 + 500 it was heard 0 ms ago");
        assertEquals(0, j.count(SourceState.STALE));
        // Caught up, and nothing more came from it: stale, judged at the clock.
        Judgement later = judge.judge(batch(T0 + 3_100, true), T0 + 3_100);
        assertEquals(SourceState.STALE, later.state(0));
    }

    @Test
    void aWriterThatCaughtUpWithNothingNewSaysSoInTheSamePicture() {
        heardUntilHalfASecond();
        TrackerSnapshot behind = batch(T0 + 3_000, false);
        TrackerSnapshot same = batch(T0 + 3_100, true); // nothing arrived since
        assertEquals(behind.version(), same.version());
        assertSame(behind.source(0), same.source(0));
        assertFalse(same.behind());
        assertEquals(T0 + 3_000, same.observedMillis());
    }

    @Test
    void aSnapshotTakenBehindLongAgoIsJudgedAtTheClock() {
        heardUntilHalfASecond();
        TrackerSnapshot behind = batch(T0 + 3_000, false);
        Judge judge = new Judge();
        assertEquals(SourceState.OK, judge.judge(behind, T0 + 3_000 + Judge.BEHIND_TRUST_MILLIS).state(0));
        // No new snapshot for longer than that: a writer that stopped publishing does not hide staleness.
        assertEquals(SourceState.STALE, judge.judge(behind, T0 + 3_001 + Judge.BEHIND_TRUST_MILLIS).state(0));
    }

    @Test
    void whatWasJudgedStaleStaysSoWhenTheWriterFallsBehindAfterwards() {
        heardUntilHalfASecond();
        Judge judge = new Judge();
        assertEquals(SourceState.STALE, judge.judge(batch(T0 + 2_000, true), T0 + 2_000).state(0));
        feed.send(T0 + 600, "{\"src\":\"other\",\"seq\":1,\"ttl\":1000}");
        TrackerSnapshot behind = batch(T0 + 2_100, false); // read up to T0 + 600 only
        assertEquals(T0 + 600, behind.observedMillis());
        Judgement j = judge.judge(behind, T0 + 2_100);
        assertEquals(SourceState.STALE, j.state(0), "judged as of T0 + 2,000, not back at T0 + 600");
        assertEquals(SourceState.STALE, j.state(1), "other: heard at T0 + 600, 1,400 ms before T0 + 2,000");
    }
}
