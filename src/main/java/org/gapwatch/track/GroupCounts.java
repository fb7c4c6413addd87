package org.gapwatch.track;

import java.util.HashMap;
import java.util.Map;

/**
 * Received, lost and late counts per second and per minute of each group (a source's first path level, as
 * {@link SourceView#group} says), kept as the accounting goes: each count written into a source's history is also
 * written into its group's. A group's row of the status-history band is then one read of {@code columns} slots,
 * not one per source: at 100,000 sources the band's once-a-second query summed every source's newest slots on the
 * writer thread (43 ms a time on a slow VM, 0.4 s for a full 15 minutes), and the datagrams waited meanwhile.
 *
 * <p>A group's counts equal the sum of its sources' ({@link Tracker#addLossCounts}) in every slot of its window
 * ({@link GroupRing}): each count a source's history keeps is added to its group's under the same slot, and a slot a
 * source still holds is one its group holds (the group's newest slot is at least the source's). A sum saturates at
 * Integer.MAX_VALUE per slot either way. What would break that makes {@link Tracker#addGroupLossCounts} refuse, and
 * the caller sum the sources instead: a source renamed into another group (its past stays in the old group: both
 * are marked {@link Group#mixed} for good), more groups than {@link #MAX_GROUPS} (those after it have no counts), a
 * range that reaches back past the group's window (a clock behind the newest arrival). Sources never leave a group
 * otherwise, so a caller that names as many sources as the group has names them all.
 */
final class GroupCounts {
    /** Groups with counts of their own; at 28 KB each, 1,024 cost at most some 28 MB. */
    static final int MAX_GROUPS = 1024;

    /** One group's counts and how many sources it has. */
    static final class Group {
        final GroupRing perSecond = new GroupRing(SourceState.SECONDS);
        final GroupRing perMinute = new GroupRing(SourceState.MINUTES);
        int sources;
        /** A source came in or left by a rename: its counts are not the sum of its sources' any more. */
        boolean mixed;
    }

    private final Map<String, Group> byName = new HashMap<>();

    /** The group of {@code src}, joined by one more source; null when over {@link #MAX_GROUPS}. */
    Group join(String src) {
        String name = groupOf(src);
        Group g = byName.get(name);
        if (g == null) {
            if (byName.size() >= MAX_GROUPS) {
                return null;
            }
            g = new Group();
            byName.put(name, g);
        }
        g.sources++;
        return g;
    }

    /**
     * A source of group {@code from} (null when uncounted) is now called {@code to}: the group it is in afterwards.
     * Its past counts stay where they were, so a change of group marks both groups mixed.
     */
    Group rename(Group from, String fromSrc, String to) {
        if (groupOf(to).equals(groupOf(fromSrc))) {
            return from;
        }
        if (from != null) {
            from.sources--;
            from.mixed = true;
        }
        Group g = join(to);
        if (g != null) {
            g.mixed = true;
        }
        return g;
    }

    /** The group of this name when its counts are the sum of exactly {@code sources} sources' counts, else null. */
    Group whole(String name, int sources) {
        Group g = byName.get(name);
        return g == null || g.mixed || g.sources != sources ? null : g;
    }

    /** What {@link SourceView#group} says of a source of this name. */
    static String groupOf(String src) {
        int slash = src.indexOf('/');
        return slash < 0 ? src : src.substring(0, slash);
    }
}
