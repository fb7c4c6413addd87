package org.gapwatch.track;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@value #CAPACITY} gaps of a source, as parallel rings: a gap of a million costs what one does. The rings
 * exist only once a gap does (most sources never lose), and the newest gap's record is kept until it changes, so
 * the view made of a source at every change does not allocate it again.
 */
final class GapLog {
    static final int CAPACITY = 100;
    private long[] first;
    private long[] last;
    private long[] detected;
    private long[] recovered;
    private long[] previous;
    private char[] lane; // 0 .. SourceState.MAX_LANES - 1
    private Gap newest;
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
        if (first == null) {
            grow(4);
        } else if (size == first.length && size < CAPACITY) {
            grow(Math.min(CAPACITY, size * 2));
        }
        newest = null;
        first[next] = firstSeq;
        last[next] = lastSeq;
        detected[next] = detectedMillis;
        recovered[next] = 0;
        previous[next] = previousArrivalMillis;
        lane[next] = (char) laneId;
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
                newest = null;
                return;
            }
        }
    }

    /** Newest first. */
    List<Gap> list() {
        List<Gap> out = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            int i = Math.floorMod(next - 1 - k, first.length);
            out.add(new Gap(first[i], last[i], detected[i], recovered[i], previous[i]));
        }
        return out;
    }

    Gap newest() {
        if (size == 0) {
            return null;
        }
        if (newest == null) {
            int i = Math.floorMod(next - 1, first.length);
            newest = new Gap(first[i], last[i], detected[i], recovered[i], previous[i]);
        }
        return newest;
    }

    private void grow(int n) {
        // Only grows while not yet wrapped, so the order is already oldest-first from 0.
        if (first == null) {
            first = new long[n];
            last = new long[n];
            detected = new long[n];
            recovered = new long[n];
            previous = new long[n];
            lane = new char[n];
            return;
        }
        first = java.util.Arrays.copyOf(first, n);
        last = java.util.Arrays.copyOf(last, n);
        detected = java.util.Arrays.copyOf(detected, n);
        recovered = java.util.Arrays.copyOf(recovered, n);
        previous = java.util.Arrays.copyOf(previous, n);
        lane = java.util.Arrays.copyOf(lane, n);
        next = size;
    }
}
