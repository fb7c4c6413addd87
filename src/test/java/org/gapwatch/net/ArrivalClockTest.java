package org.gapwatch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ArrivalClockTest {
    private final AtomicLong monotonic = new AtomicLong(7_000);
    private Instant wall = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
    private final ArrivalClock clock = new ArrivalClock(() -> wall, monotonic::get);

    @Test
    void anchorKeepsTheWallClocksSubMillisecondPart() {
        // A millisecond anchor read 1_700_000_000_123_000_000 here: every stamp 0.457 ms early.
        assertEquals(1_700_000_000_123_456_789L, clock.epochNanos());
        monotonic.addAndGet(250_000);
        assertEquals(1_700_000_000_123_706_789L, clock.epochNanos());
    }

    @Test
    void reanchorsToTheWallClockAfterTenSeconds() {
        monotonic.addAndGet(10_000_000_001L);
        wall = Instant.ofEpochSecond(1_700_000_010L, 999_999); // the wall clock slewed by NTP meanwhile
        assertEquals(1_700_000_010_000_999_999L, clock.epochNanos());
        monotonic.addAndGet(1);
        assertEquals(1_700_000_010_001_000_000L, clock.epochNanos());
    }

    @Test
    void anchorIsTakenFromTheTightestPairOfReadingsAroundTheWallClock() {
        // The first try is preempted for 100 µs between its two monotonic readings; the second is 400 ns wide.
        var readings = new java.util.ArrayDeque<>(java.util.List.of(1_000L, 101_000L, 200_000L, 200_400L));
        var walls = new java.util.ArrayDeque<>(java.util.List.of(Instant.ofEpochSecond(1_800_000_000L, 90_000),
                Instant.ofEpochSecond(1_800_000_000L, 300_000)));
        AtomicLong later = new AtomicLong(300_200);
        ArrivalClock c = new ArrivalClock(walls::poll, () -> readings.isEmpty() ? later.get() : readings.poll());
        // The wall read 300,000 ns past the second at monotonic 200,200 (the second pair's middle): 100 µs later.
        assertEquals(1_800_000_000_000_400_000L, c.epochNanos());
    }
}
