package org.gapwatch.ui.heatmap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gapwatch.track.Tracker;

/**
 * What the heatmap asks of the tracker, run on the writer thread: per row, the received, lost and late counts of its
 * sources summed per column, straight into the row's arrays (no grid per source, however large the group); a row of a
 * whole group is its group's own counts, read at once.
 *
 * <p>Only the newest slot of a row's history ever changes (losses count when detected, late arrivals when they
 * come), so a row fetched before needs only the slots from its previous end on: {@link #plan} says how many per
 * row, {@link #run} fetches them, {@link #merge} shifts the old counts and puts the new ones in. That keeps the
 * writer's share small even when a collapsed group sums a hundred thousand sources.
 */
final class GridQuery {

    /** Counts for the rows asked for; arrays are [row][column], columns oldest first ending at {@code endSlot}. */
    record Result(List<String> keys, boolean perMinute, long endSlot, int[][] received, int[][] lost, int[][] late) {
        int row(String key) {
            return keys.indexOf(key);
        }
    }

    /**
     * The newest {@code counts[row]} slots of each row, ending at {@code endSlot}; {@code fromGroups} of the rows
     * were read from their group's own counts.
     */
    record Partial(List<String> keys, boolean perMinute, long endSlot, int columns, int[] counts,
                   int[][] received, int[][] lost, int[][] late, int fromGroups) {
    }

    private GridQuery() {
    }

    static long endSlot(boolean perMinute, long now) {
        return perMinute ? Math.floorDiv(now, 60_000) : Math.floorDiv(now, 1000);
    }

    /** How many of the newest slots each row needs, given what {@code previous} (may be null) already holds. */
    static int[] plan(List<String> keys, Result previous, boolean perMinute, int columns, long now) {
        long end = endSlot(perMinute, now);
        int[] counts = new int[keys.size()];
        boolean usable = previous != null && previous.perMinute() == perMinute && previous.endSlot() <= end
                && !previous.keys().isEmpty() && previous.received()[0].length == columns;
        Map<String, Integer> at = usable ? index(previous) : Map.of();
        for (int r = 0; r < counts.length; r++) {
            Integer p = at.get(keys.get(r));
            counts[r] = p == null ? columns : (int) Math.min(columns, end - previous.endSlot() + 1);
        }
        return counts;
    }

    /**
     * Fetches {@code counts[row]} newest slots of each row. A row whose {@code groups} entry names a group (null:
     * not a group row) and whose ids are all of that group's sources is read from the group's own counts, one read
     * however many sources ({@link Tracker#addGroupLossCounts}); any other row sums its sources.
     */
    static Partial run(Tracker t, List<String> keys, List<String> groups, List<int[]> rowIds, int[] counts,
                       boolean perMinute, int columns, long now) {
        int n = rowIds.size();
        int[][] rec = new int[n][];
        int[][] lost = new int[n][];
        int[][] late = new int[n][];
        long end = endSlot(perMinute, now);
        int fromGroups = 0;
        for (int r = 0; r < n; r++) {
            rec[r] = new int[counts[r]];
            lost[r] = new int[counts[r]];
            late[r] = new int[counts[r]];
            String group = groups == null ? null : groups.get(r);
            long e = group == null ? Long.MIN_VALUE
                    : t.addGroupLossCounts(group, rowIds.get(r).length, perMinute, now, rec[r], lost[r], late[r]);
            if (e != Long.MIN_VALUE) {
                end = e;
                fromGroups++;
            } else {
                end = t.addLossCounts(rowIds.get(r), perMinute, now, rec[r], lost[r], late[r]);
            }
        }
        return new Partial(List.copyOf(keys), perMinute, end, columns, counts.clone(), rec, lost, late, fromGroups);
    }

    /** Full rows from fresh slots and, for rows fetched only partly, the older slots of {@code previous}. */
    static Result merge(Result previous, Partial p) {
        int n = p.keys().size();
        int columns = p.columns();
        Map<String, Integer> at = index(previous);
        int[][] rec = new int[n][];
        int[][] lost = new int[n][];
        int[][] late = new int[n][];
        for (int r = 0; r < n; r++) {
            int k = p.counts()[r];
            if (k == columns) {
                rec[r] = p.received()[r];
                lost[r] = p.lost()[r];
                late[r] = p.late()[r];
                continue;
            }
            int old = at.get(p.keys().get(r));
            int shift = (int) (p.endSlot() - previous.endSlot());
            rec[r] = splice(previous.received()[old], shift, p.received()[r]);
            lost[r] = splice(previous.lost()[old], shift, p.lost()[r]);
            late[r] = splice(previous.late()[old], shift, p.late()[r]);
        }
        return new Result(p.keys(), p.perMinute(), p.endSlot(), rec, lost, late);
    }

    private static int[] splice(int[] old, int shift, int[] newest) {
        int[] out = new int[old.length];
        System.arraycopy(old, shift, out, 0, old.length - shift);
        System.arraycopy(newest, 0, out, old.length - newest.length, newest.length);
        return out;
    }

    private static Map<String, Integer> index(Result r) {
        if (r == null) {
            return Map.of();
        }
        Map<String, Integer> m = new HashMap<>(r.keys().size() * 2);
        for (int i = 0; i < r.keys().size(); i++) {
            m.put(r.keys().get(i), i);
        }
        return m;
    }

    /** Everything in one go, as a full fetch (for callers without a previous result). */
    static Result full(Tracker t, List<String> keys, List<int[]> rowIds, boolean perMinute, int columns, long now) {
        int[] counts = new int[keys.size()];
        java.util.Arrays.fill(counts, columns);
        return merge(null, run(t, new ArrayList<>(keys), null, rowIds, counts, perMinute, columns, now));
    }
}
