package org.gapwatch.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A snapshot's counts by reason are the tracker's at that moment, and a snapshot after no new rejection hands on the
 * same map as the last one instead of making it again.
 */
class RejectCountsTest {
    @Test
    void theCountsByReasonFollowEachRejectionAndAreSharedWhileNoneCame() {
        Feed f = new Feed();
        f.json("{\"src\":\"plant/a\",\"seq\":1}").json("not json");
        TrackerSnapshot first = f.tracker.snapshot(f.now);
        assertEquals(1, first.invalidByReason().size(), first.invalidByReason().toString());
        String reason = first.invalidByReason().keySet().iterator().next();
        assertEquals(Map.of(reason, 1L), first.invalidByReason());

        f.now += 10;
        f.json("{\"src\":\"plant/a\",\"seq\":2}");
        TrackerSnapshot second = f.tracker.snapshot(f.now);
        assertEquals(first.version() + 1, second.version(), "a new snapshot: plant/a changed");
        assertSame(first.invalidByReason(), second.invalidByReason(), "no rejection since: the same map");

        f.now += 10;
        f.json("not json either").json("{\"seq\":3}");
        Map<String, Long> third = f.tracker.snapshot(f.now).invalidByReason();
        assertEquals(2L, third.get(reason), "the second rejection of that reason");
        assertEquals(3L, third.values().stream().mapToLong(Long::longValue).sum(), third.toString());
        assertEquals(Map.of(reason, 1L), first.invalidByReason(), "the first snapshot's counts stay as they were");
    }
}
