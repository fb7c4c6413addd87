package org.gapwatch.track;

import java.util.ArrayList;
import java.util.List;

/** The last {@value #CAPACITY} gaps of a source, as four parallel rings: a gap of a million costs what one does. */
final class GapLog {
    static final int CAPACITY = 100;
    private long[] first = new long[4];
    private long[] last = new long[4];
    private long[] detected = new long[4];
    private long[] recovered = new long[4];
    private long[] previous = new long[4];
    private int[] lane = new int[4];
    private boolean[] byCadence = new boolean[4];
    private int next;
    private int size;

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

    /** {@code cadence}: the lane counts due times (loss by cadence), not sequence numbers. */
    void add(int laneId, long firstSeq, long lastSeq, long detectedMillis, long previousArrivalMillis,
             boolean cadence) {
        if (size == first.length && size < CAPACITY) {
            grow(Math.min(CAPACITY, size * 2));
        }
        first[next] = firstSeq;
        last[next] = lastSeq;
        detected[next] = detectedMillis;
        recovered[next] = 0;
        previous[next] = previousArrivalMillis;
        lane[next] = laneId;
        byCadence[next] = cadence;
        next = (next + 1) % first.length;
        size = Math.min(size + 1, first.length);
    }

    /** Counts a late arrival against the gap that holds it, if that gap is still in the log. */
    void recover(long seq) {
        recover(0, seq);
    }

    void recover(int laneId, long seq) {
        for (int k = 0; k < size; k++) {
            int i = Math.floorMod(next - 1 - k, first.length);
            if (lane[i] == laneId && seq >= first[i] && seq <= last[i]) {
                recovered[i]++;
                return;
            }
        }
    }

    /** Newest first. */
    List<Gap> list() {
        List<Gap> out = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            int i = Math.floorMod(next - 1 - k, first.length);
            out.add(new Gap(first[i], last[i], detected[i], recovered[i], previous[i], byCadence[i]));
        }
        return out;
    }

    Gap newest() {
        if (size == 0) {
            return null;
        }
        int i = Math.floorMod(next - 1, first.length);
        return new Gap(first[i], last[i], detected[i], recovered[i], previous[i], byCadence[i]);
    }

    private void grow(int n) {
        // Only grows while not yet wrapped, so the order is already oldest-first from 0.
        first = java.util.Arrays.copyOf(first, n);
        last = java.util.Arrays.copyOf(last, n);
        detected = java.util.Arrays.copyOf(detected, n);
        recovered = java.util.Arrays.copyOf(recovered, n);
        previous = java.util.Arrays.copyOf(previous, n);
        lane = java.util.Arrays.copyOf(lane, n);
        byCadence = java.util.Arrays.copyOf(byCadence, n);
        next = size;
    }
}
