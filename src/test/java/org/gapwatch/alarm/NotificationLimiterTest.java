package org.gapwatch.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationLimiterTest {
    private final List<Notice> shown = new ArrayList<>();
    private final NotificationLimiter limiter = new NotificationLimiter(3, 10_000, shown::add);

    private static Alarm alarm(long id, String src) {
        return new Alarm(id, src, AlarmKind.STALE, 0, 0, 1, true, false, -1, -1, false, false,
                "no update for 9.0 s (stale after 3.0 s)", "");
    }

    @Test
    void aStormShowsTheLimitThenOneSummaryWhenTheWindowHasRoom() {
        limiter.offer(List.of(alarm(1, "a"), alarm(2, "b"), alarm(3, "c"), alarm(4, "d"), alarm(5, "e")), 0);
        assertEquals(List.of("stale: a", "stale: b", "stale: c"), shown.stream().map(Notice::title).toList());
        assertEquals(2, limiter.pending());

        limiter.offer(List.of(alarm(6, "f")), 5_000);
        limiter.tick(9_999);
        assertEquals(3, shown.size());
        assertEquals(3, limiter.pending());

        limiter.tick(10_000);
        assertEquals(4, shown.size());
        Notice summary = shown.get(3);
        assertEquals(new Notice("+3 more alarms", "see the alarm list", null, 3), summary);
        assertEquals(0, limiter.pending());

        limiter.offer(List.of(alarm(7, "g")), 10_001);
        assertEquals("stale: g", shown.get(4).title());
        assertEquals("no update for 9.0 s (stale after 3.0 s)", shown.get(4).text());
    }

    @Test
    void aSingleHeldBackAlarmIsSummarisedInTheSingular() {
        NotificationLimiter one = new NotificationLimiter(1, 1_000, shown::add);
        one.offer(List.of(alarm(1, "a"), alarm(2, "b")), 0);
        one.tick(1_000);
        assertEquals(List.of("stale: a", "+1 more alarm"), shown.stream().map(Notice::title).toList());
    }
}
