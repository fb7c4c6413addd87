package org.gapwatch.track;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@value #CAPACITY} gaps of a source, as parallel rings: a gap of a million costs what one does. The rings
 * exist only once a gap does (most sources never lose) and are {@link DeltaRing}s and {@link PackedCounts}, so a
 * gap of a source losing now and then takes some six bytes instead of 44; the newest gap's record is made when it
 * changes, so the view made of a source at every change neither allocates it nor reads the rings.
 */
final class GapLog {
    static final int CAPACITY = 100;
    private static final int INITIAL = 4;
    private DeltaRing first;
    private DeltaRing last;
    private DeltaRing detected;
    private DeltaRing previous;
    /** Late arrivals counted against each gap, by the rings' slots (at most some thousand: the sequence window). */
    private PackedCounts recovered;
    /** Lane of each gap, by slot: 0 .. SourceState.MAX_LANES - 1. */
    private PackedCounts lane;
    private Gap newest;
    /** 1 where the gap's lane counts due times (loss by cadence), not sequence numbers. */
    private PackedCounts cadence;

    void add(long firstSeq, long lastSeq, long detectedMillis) {
        add(firstSeq, lastSeq, detectedMillis, 0);
    }

    /** {@code previousArrivalMillis}: arrival of the last update before the gap, 0 when unknown. */
    void add(long firstSeq, long lastSeq, long detectedMillis, long previousArrivalMillis) {
        add(0, firstSeq, lastSeq, detectedMillis, previousArrivalMillis);
    }

    /** A gap in lane {@code laneId} of the source (numbers of different lanes are of different spaces). */
    void add(int laneId, long firstSeq, long lastSeq, long detectedMillis, long previousArrivalMillis) {
        add(laneId, firstSeq, lastSeq, detectedMillis, previousArrivalMillis, false);
    }

    /** {@code byCadence}: the lane counts due times (loss by cadence), not sequence numbers. */
    void add(int laneId, long firstSeq, long lastSeq, long detectedMillis, long previousArrivalMillis,
             boolean byCadence) {
        if (first == null) {
            first = DeltaRing.signed(INITIAL, CAPACITY);
            last = DeltaRing.signed(INITIAL, CAPACITY);
            detected = DeltaRing.signed(INITIAL, CAPACITY);
            previous = DeltaRing.signed(INITIAL, CAPACITY);
            recovered = new PackedCounts(INITIAL);
            lane = new PackedCounts(INITIAL);
            cadence = new PackedCounts(INITIAL);
        }
        int i = first.add(firstSeq);
        last.add(lastSeq);
        detected.add(detectedMillis);
        previous.add(previousArrivalMillis);
        if (recovered.length() < first.capacity()) {
            recovered = grown(recovered, first.capacity());
            lane = grown(lane, first.capacity());
            cadence = grown(cadence, first.capacity());
        }
        recovered.set(i, 0);
        lane.set(i, laneId);
        cadence.set(i, byCadence ? 1 : 0);
        // Made here from the numbers at hand, not read back from seven rings at the next view: in a storm every
        // source gains a gap between two views, and each ring read is a cache miss at 100,000 sources.
        newest = new Gap(firstSeq, lastSeq, detectedMillis, 0, previousArrivalMillis, byCadence);
    }

    /** Counts a late arrival against the gap that holds it, if that gap is still in the log. */
    void recover(long seq) {
        recover(0, seq);
    }

    void recover(int laneId, long seq) {
        if (first == null) {
            return;
        }
        int i = first.newestSlot();
        long f = first.newest();
        long l = last.newest();
        for (int k = 0; k < first.size(); k++) {
            if (lane.get(i) == laneId && seq >= f && seq <= l) {
                int r = saturatedIncrement(recovered.get(i));
                recovered.set(i, r);
                if (k == 0) { // an older gap's recovery leaves the newest as it is
                    Gap g = newest;
                    newest = new Gap(g.first(), g.last(), g.detectedMillis(), r, g.previousArrivalMillis(),
                            g.byCadence());
                }
                return;
            }
            f = first.valueBefore(i, f);
            l = last.valueBefore(i, l);
            i = first.before(i);
        }
    }

    /** Newest first. */
    List<Gap> list() {
        int size = first == null ? 0 : first.size();
        List<Gap> out = new ArrayList<>(size);
        if (size == 0) {
            return out;
        }
        int i = first.newestSlot();
        long f = first.newest();
        long l = last.newest();
        long d = detected.newest();
        long p = previous.newest();
        for (int k = 0; k < size; k++) {
            out.add(new Gap(f, l, d, recovered.get(i), p, cadence.get(i) == 1));
            f = first.valueBefore(i, f);
            l = last.valueBefore(i, l);
            d = detected.valueBefore(i, d);
            p = previous.valueBefore(i, p);
            i = first.before(i);
        }
        return out;
    }

    /** The newest gap, or null when there is none; the same record until the log changes. */
    Gap newest() {
        return newest;
    }

    private static PackedCounts grown(PackedCounts from, int n) {
        // The rings grow only before they wrap: slots keep their places.
        PackedCounts to = new PackedCounts(n);
        for (int k = 0; k < from.length(); k++) {
            to.set(k, from.get(k));
        }
        return to;
    }

    private static int saturatedIncrement(int v) {
        return v == Integer.MAX_VALUE ? v : v + 1;
    }
}
