package org.gapwatch.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gapwatch.testutil.Updates;
import org.junit.jupiter.api.Test;

/**
 * A group's own counts ({@link Tracker#addGroupLossCounts}) are exactly the sum of its sources' counts
 * ({@link Tracker#addLossCounts}) in every slot, and are refused whenever they could differ: another number of
 * sources than the group has (a filtered list), a source renamed into or out of the group, a group over the limit.
 */
class GroupCountsTest {
    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);
    private static final long T0 = 1_700_000_000_000L;

    private final Tracker tracker = new Tracker(TrackerConfig.defaults());

    private void send(String src, long seq, long millis) {
        tracker.apply(Updates.update(src, seq), SENDER, millis);
    }

    /**
     * {received, lost, late} of the sources summed, then of the group's counts. The group's are refused, and copied
     * from the sum here, exactly when the range reaches back past the group's window, which ends at the slot of
     * {@code newest} (the latest arrival).
     */
    private int[][] both(String group, int[] ids, boolean perMinute, int columns, long now, long newest) {
        int[][] r = new int[6][columns];
        long a = tracker.addLossCounts(ids, perMinute, now, r[0], r[1], r[2]);
        long b = tracker.addGroupLossCounts(group, ids.length, perMinute, now, r[3], r[4], r[5]);
        long unit = perMinute ? 60_000 : 1000;
        int window = perMinute ? SourceState.MINUTES : SourceState.SECONDS;
        boolean pastWindow = Math.floorDiv(now, unit) - columns + 1 <= Math.floorDiv(newest, unit) - window;
        assertEquals(pastWindow ? Long.MIN_VALUE : a, b, "end slot of " + group + ", " + columns + " columns");
        if (pastWindow) {
            assertArrayEquals(new int[columns], r[3], "nothing added when refused");
            for (int k = 0; k < 3; k++) {
                r[3 + k] = r[k].clone();
            }
            refused++;
        }
        return r;
    }

    private int refused;

    @Test
    void aGroupsCountsAreTheSumOfItsSourcesInEverySlot() {
        // Five groups of uneven size, 25 minutes of updates with gaps, repeats, late numbers, a huge gap, and the
        // arrival clock stepping back by up to 3 s now and then (counts filed under a past second).
        Random rnd = new Random(12);
        int sources = 60;
        long[] next = new long[sources];
        List<List<Integer>> members = new ArrayList<>();
        for (int g = 0; g < 5; g++) {
            members.add(new ArrayList<>());
        }
        long t = T0;
        long lostInAll = 0;
        for (int step = 0; step < 40_000; step++) {
            t += rnd.nextInt(80);
            int i = rnd.nextInt(sources);
            int g = i % 7 % 5;
            if (next[i] == 0) {
                members.get(g).add(tracker.sourceCount());
                next[i] = 1;
            }
            int what = rnd.nextInt(100);
            long seq = next[i];
            if (what < 8) {
                seq += 1 + rnd.nextInt(5);      // a gap
            } else if (what < 11 && seq > 3) {
                seq -= 1 + rnd.nextInt(3);      // late or a repeat
            } else if (what == 11 && i == 5) {
                seq += 1L << 40;                // a gap a slot cannot hold
            }
            next[i] = Math.max(next[i], seq + 1);
            long arrival = rnd.nextInt(200) == 0 ? t - rnd.nextInt(3_000) : t;
            send("g" + g + "/s" + i, seq, arrival);
        }
        for (int g = 0; g < 5; g++) {
            int[] ids = members.get(g).stream().mapToInt(Integer::intValue).toArray();
            for (long now : new long[] {t, t + 1_000, t + 70_000, t - 30_000}) {
                for (int columns : new int[] {1, 2, 60, 900}) {
                    int[][] r = both("g" + g, ids, false, columns, now, t);
                    assertArrayEquals(r[0], r[3], "received per second, g" + g);
                    assertArrayEquals(r[1], r[4], "lost per second, g" + g);
                    assertArrayEquals(r[2], r[5], "late per second, g" + g);
                    lostInAll += sum(r[1]);
                }
                for (int columns : new int[] {1, 30, 1440}) {
                    int[][] r = both("g" + g, ids, true, columns, now, t);
                    assertArrayEquals(r[0], r[3], "received per minute, g" + g);
                    assertArrayEquals(r[1], r[4], "lost per minute, g" + g);
                    assertArrayEquals(r[2], r[5], "late per minute, g" + g);
                }
            }
        }
        assertTrue(lostInAll > 0, "the workload lost some");
        assertEquals(5, refused, "15 minutes of seconds ending 30 s before the newest arrival, once per group");
        // Source 5 is in group 0 (5 % 7 % 5).
        int[][] saturated = both("g0", members.get(0).stream().mapToInt(Integer::intValue).toArray(), true, 1440, t, t);
        assertEquals(Integer.MAX_VALUE, max(saturated[1]), "source 5 (group 0) lost more than a slot holds");
        assertEquals(Integer.MAX_VALUE, max(saturated[4]));
    }

    @Test
    void fewerSourcesThanTheGroupHasAreSummedNotReadFromTheGroup() {
        send("plant/a", 1, T0);
        send("plant/b", 1, T0);
        send("plant/b", 4, T0 + 10);
        int[] r = new int[2];
        int[] l = new int[2];
        int[] x = new int[2];
        assertEquals(Long.MIN_VALUE, tracker.addGroupLossCounts("plant", 1, false, T0, r, l, x),
                "one of two sources: a filtered list");
        assertEquals(Long.MIN_VALUE, tracker.addGroupLossCounts("hvac", 0, false, T0, r, l, x), "no such group");
        assertArrayEquals(new int[2], r, "nothing added when refused");
        assertEquals(T0 / 1000, tracker.addGroupLossCounts("plant", 2, false, T0, r, l, x));
        assertArrayEquals(new int[] {0, 3}, r);
        assertArrayEquals(new int[] {0, 2}, l);
    }

    @Test
    void aRenameWithinTheGroupKeepsItsCountsAndOneIntoAnotherGroupRefusesBoth() {
        tracker.apply(Updates.rtp("rtp/a", 1), SENDER, T0);
        tracker.apply(Updates.rtp("rtp/a", 3), SENDER, T0 + 10);
        tracker.apply(Updates.rtp("rtp/cname", 4).previousSrc("rtp/a"), SENDER, T0 + 20);
        int[] r = new int[1];
        assertEquals(T0 / 1000, tracker.addGroupLossCounts("rtp", 1, false, T0, r, new int[1], new int[1]));
        assertArrayEquals(new int[] {3}, r);

        tracker.apply(Updates.rtp("studio/cam-1", 5).previousSrc("rtp/cname"), SENDER, T0 + 30);
        assertEquals(Long.MIN_VALUE, tracker.addGroupLossCounts("rtp", 0, false, T0, r, new int[1], new int[1]),
                "its past counts stay in rtp, which has no source now");
        assertEquals(Long.MIN_VALUE, tracker.addGroupLossCounts("studio", 1, false, T0, r, new int[1], new int[1]),
                "studio's counts lack the source's past");
        int[] summed = new int[1];
        tracker.addLossCounts(new int[] {0}, false, T0, summed, new int[1], new int[1]);
        assertArrayEquals(new int[] {4}, summed, "the source's own counts moved with it");
    }

    @Test
    void groupsOverTheLimitHaveNoCountsOfTheirOwn() {
        for (int g = 0; g <= GroupCounts.MAX_GROUPS; g++) {
            send("g" + g + "/s", 1, T0);
        }
        int[] r = new int[1];
        int last = GroupCounts.MAX_GROUPS - 1;
        assertEquals(T0 / 1000, tracker.addGroupLossCounts("g" + last, 1, false, T0, r, new int[1], new int[1]));
        assertEquals(Long.MIN_VALUE, tracker.addGroupLossCounts("g" + GroupCounts.MAX_GROUPS, 1, false, T0, r,
                new int[1], new int[1]));
    }

    @Test
    void aSourceWithoutASlashIsItsOwnGroup() {
        send("boiler", 1, T0);
        send("boiler", 2, T0);
        int[] r = new int[1];
        assertEquals(T0 / 1000, tracker.addGroupLossCounts("boiler", 1, false, T0, r, new int[1], new int[1]));
        assertArrayEquals(new int[] {2}, r);
    }

    private static long sum(int[] a) {
        long s = 0;
        for (int v : a) {
            s += v;
        }
        return s;
    }

    private static int max(int[] a) {
        int m = 0;
        for (int v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
