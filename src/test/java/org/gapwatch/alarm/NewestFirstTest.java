package org.gapwatch.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NewestFirstTest {
    private static final long T = 1_800_000_000_000L;
    /** The list's order as the alarm list sorted it on the FX thread before: latest activation, then greater id. */
    private static final Comparator<Alarm> LIST_ORDER = (a, b) -> a.lastMillis() != b.lastMillis()
            ? Long.compare(b.lastMillis(), a.lastMillis()) : Long.compare(b.id(), a.id());

    private static Alarm row(long id, long last) {
        return new Alarm(id, "src-" + id, AlarmKind.STALE, last, last, 1, true, false, -1, -1, false, false, "", "");
    }

    private static List<Alarm> rows(int n, long spanMillis, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Alarm> log = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // ids ascending with gaps (rows dropped), many times shared (one evaluation raises many points)
            log.add(row(3L * i + rnd.nextInt(3), T + (rnd.nextInt(4) == 0 ? 0 : rnd.nextLong(spanMillis))));
        }
        return log;
    }

    private static void assertOrderedAsTheListWas(List<Alarm> log) {
        NewestFirst order = NewestFirst.of(log);
        List<Alarm> expected = new ArrayList<>(log);
        expected.sort(LIST_ORDER);
        assertEquals(expected, List.copyOf(order.list()));
        for (int p = 0; p < expected.size(); p++) {
            assertEquals(p, order.positionOf(expected.get(p).id()), "position of id " + expected.get(p).id());
        }
    }

    @Test
    void ordersLatestActivationFirstAndTheGreaterIdFirstAmongEqualTimes() {
        assertOrderedAsTheListWas(rows(5_000, 86_400_000L, 1));
        assertOrderedAsTheListWas(rows(3, 10, 2));
        assertOrderedAsTheListWas(List.of(row(7, T)));
    }

    @Test
    void timesTooFarApartForOneKeyAreSortedAsWell() {
        List<Alarm> log = new ArrayList<>(rows(2_000, 86_400_000L, 3));
        log.add(row(10_000, Long.MAX_VALUE / 2)); // a span the packed key cannot hold: the comparison sort
        log.add(row(10_001, -T));
        assertOrderedAsTheListWas(log);
    }

    @Test
    void anIdNotListedHasNoPosition() {
        NewestFirst order = NewestFirst.of(List.of(row(2, T), row(5, T + 1)));
        assertEquals(-1, order.positionOf(3));
        assertEquals(-1, order.positionOf(9));
        assertEquals(0, order.positionOf(5));
        assertEquals(0, NewestFirst.empty().size());
        assertEquals(-1, NewestFirst.empty().positionOf(1));
    }

    private static List<Long> ids(NewestFirst order) {
        return order.list().stream().map(Alarm::id).toList();
    }

    @Test
    void rowsMovedOrJoinedAreMergedIntoTheOrderAsASortOfAllWouldPlaceThem() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<Alarm> log = new ArrayList<>(rows(3_000, 60_000, 4));
        NewestFirst order = NewestFirst.of(log);
        long now = T + 60_000;
        for (int round = 0; round < 200; round++) {
            long[] moved = new long[rnd.nextInt(400) + 1];
            int count = 0;
            now += rnd.nextInt(3) * 100L;
            int joining = rnd.nextInt(4) == 0 ? rnd.nextInt(300) : 0;
            for (int k = 0; k < joining; k++, count++) {
                long id = log.getLast().id() + 1 + rnd.nextInt(3); // ids grow, with gaps
                // a new row now, or (a clock gone back, a replay) earlier than rows already listed
                log.add(row(id, rnd.nextInt(5) == 0 ? T + rnd.nextLong(60_000) : now));
                moved = count == moved.length ? java.util.Arrays.copyOf(moved, 2 * count) : moved;
                moved[count] = id;
            }
            for (; count < moved.length; count++) {
                int i = rnd.nextInt(log.size());
                moved[count] = log.get(i).id(); // some more than once
                if (rnd.nextBoolean()) { // activated again
                    log.set(i, row(log.get(i).id(), rnd.nextInt(8) == 0 ? T + rnd.nextLong(60_000) : now));
                } else if (rnd.nextInt(10) == 0) { // its time stayed: an id not listed (a row that went) instead
                    moved[count] = log.getLast().id() + 1;
                }
            }
            order = order.after(List.copyOf(log), moved, count);
            NewestFirst sorted = NewestFirst.of(List.copyOf(log));
            assertEquals(ids(sorted), ids(order), "round " + round);
            for (Alarm a : log) {
                assertEquals(sorted.positionOf(a.id()), order.positionOf(a.id()), "position of id " + a.id());
            }
        }
    }
}
