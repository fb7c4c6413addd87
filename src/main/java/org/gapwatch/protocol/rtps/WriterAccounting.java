package org.gapwatch.protocol.rtps;

import java.util.HashMap;
import java.util.Map;

/**
 * 64-bit sequence accounting per writer GUID, for a passive monitor. Per writer, {@code highest} is the highest
 * number accounted for, and a 64-bit window below it says which numbers were received or announced irrelevant:
 * <ul>
 * <li>the first DATA, HEARTBEAT or GAP of a writer sets the baseline: nothing before it is lost (a DATA's number,
 *     a HEARTBEAT's last, a GAP's last irrelevant number);</li>
 * <li>DATA (or the first DATA_FRAG of a sample) above highest: the numbers between are lost;</li>
 * <li>HEARTBEAT (first, last) with last above highest: the writer wrote up to last, so the numbers after highest
 *     up to last are lost (loss is known without a later DATA);</li>
 * <li>GAP: gapStart .. bitmapBase - 1 and each set bit are irrelevant, not lost: above highest they move it
 *     without loss (numbers between highest and the range are lost); within the window they undo a loss;</li>
 * <li>a DATA at or below highest within the window that had been counted lost is late (the loss goes down by
 *     one: a retransmission the monitor saw); one already received is a duplicate, or for DATA_FRAG another
 *     fragment of the same sample; below the window it is counted old.</li>
 * </ul>
 * Counts saturate at 2^63 - 1. Not thread-safe.
 */
public final class WriterAccounting {
    public static final int WINDOW = 64;

    /** Outcomes of {@link #data}; 0 and above is the number lost before it. */
    public static final int FIRST = -1, DUPLICATE = -2, LATE = -3, OLD = -4, FRAGMENT = -5;

    private final Map<Guid, Lane> lanes = new HashMap<>();

    private static final class Lane {
        long highest;
        long seen = -1L; // bit i: highest - i received or irrelevant
        long received;
        long lost;
        long late;
        long duplicates;
        long old;
        long irrelevant;
        long heartbeats;
        long gaps;
    }

    /** A DATA or DATA_FRAG submessage as the reader delivers it. */
    public int data(Submessage s) {
        return data(s.writer(), s.sequence(), s.kind() == Submessage.DATA_FRAG);
    }

    public int data(Guid writer, long sn, boolean fragment) {
        Lane l = lanes.get(writer);
        if (l == null) {
            l = new Lane();
            lanes.put(writer, l);
            l.highest = sn;
            l.received = 1;
            return FIRST;
        }
        if (sn > l.highest) {
            long missed = advance(l, sn);
            l.seen |= 1;
            l.received++;
            return (int) Math.min(missed, Integer.MAX_VALUE);
        }
        long behind = l.highest - sn;
        if (behind >= WINDOW) {
            l.old++;
            return OLD;
        }
        long bit = 1L << behind;
        if ((l.seen & bit) != 0) {
            if (fragment) {
                return FRAGMENT;
            }
            l.duplicates++;
            return DUPLICATE;
        }
        l.seen |= bit;
        l.late++;
        l.lost--;
        l.received++;
        return LATE;
    }

    /** Moves highest up to {@code to}, counting the numbers between as lost; returns how many. */
    private static long advance(Lane l, long to) {
        long d = to - l.highest;
        long missed = d - 1;
        l.lost = add(l.lost, missed);
        l.seen = d >= WINDOW ? 0 : l.seen << d;
        l.highest = to;
        return missed;
    }

    private static long add(long a, long b) {
        long r = a + b;
        return r < a ? Long.MAX_VALUE : r;
    }

    /** A HEARTBEAT as the reader delivers it; returns the numbers it showed lost. */
    public long heartbeat(Submessage s) {
        return heartbeat(s.writer(), s.firstSequence(), s.lastSequence());
    }

    public long heartbeat(Guid writer, long first, long last) {
        Lane l = lanes.get(writer);
        if (l == null) {
            l = new Lane();
            lanes.put(writer, l);
            l.highest = last;
            l.heartbeats = 1;
            return 0;
        }
        l.heartbeats++;
        if (last <= l.highest) {
            return 0;
        }
        long missed = advance(l, last) + 1; // last itself was not received either
        l.lost = add(l.lost, 1);
        return missed;
    }

    /** A GAP as the reader delivers it; returns the numbers it made irrelevant that were not yet accounted. */
    public long gap(Submessage s) {
        Guid w = s.writer();
        long start = s.gapStart();
        long base = s.bitmapBase();
        long n = 0;
        if (base > start) {
            n += irrelevant(w, start, base - 1);
        }
        int bits = s.numBits();
        for (int i = 0; i < bits; i++) {
            if (s.bit(i)) {
                n += irrelevant(w, base + i, base + i);
            }
        }
        Lane l = lanes.get(w);
        if (l != null) {
            l.gaps++;
        }
        return n;
    }

    /** Numbers {@code from}..{@code to} announced irrelevant; returns how many were not yet accounted. */
    public long irrelevant(Guid writer, long from, long to) {
        if (to < from) {
            return 0;
        }
        Lane l = lanes.get(writer);
        if (l == null) {
            l = new Lane();
            lanes.put(writer, l);
            l.highest = to;
            l.irrelevant = to - from + 1;
            return to - from + 1;
        }
        long n = 0;
        // Within the window: numbers counted lost become irrelevant.
        long lo = Math.max(from, l.highest - (WINDOW - 1));
        long hi = Math.min(to, l.highest);
        for (long sn = lo; sn <= hi; sn++) {
            long bit = 1L << (l.highest - sn);
            if ((l.seen & bit) == 0) {
                l.seen |= bit;
                l.lost--;
                n++;
            }
        }
        if (to > l.highest) {
            long startAbove = Math.max(from, l.highest + 1);
            advance(l, startAbove); // numbers between highest and the range are lost; startAbove itself is not
            l.seen |= 1;
            long rest = to - startAbove;
            l.seen = rest >= WINDOW ? -1L : l.seen << rest | (1L << rest) - 1;
            l.highest = to;
            n = add(n, to - startAbove + 1);
        }
        l.irrelevant = add(l.irrelevant, n);
        return n;
    }

    private static final Lane NONE = new Lane();

    private Lane lane(Guid w) {
        return lanes.getOrDefault(w, NONE);
    }

    public long received(Guid w) {
        return lane(w).received;
    }

    public long lost(Guid w) {
        return lane(w).lost;
    }

    public long late(Guid w) {
        return lane(w).late;
    }

    public long duplicates(Guid w) {
        return lane(w).duplicates;
    }

    /** DATA below the window: too old to tell late from duplicate. */
    public long old(Guid w) {
        return lane(w).old;
    }

    /** Numbers announced irrelevant by GAP that had not been received. */
    public long irrelevant(Guid w) {
        return lane(w).irrelevant;
    }

    public long heartbeats(Guid w) {
        return lane(w).heartbeats;
    }

    public long gaps(Guid w) {
        return lane(w).gaps;
    }

    /** The highest number accounted for, or 0 when the writer is unknown. */
    public long highest(Guid w) {
        return lane(w).highest;
    }

    public java.util.Set<Guid> writers() {
        return java.util.Collections.unmodifiableSet(lanes.keySet());
    }
}
