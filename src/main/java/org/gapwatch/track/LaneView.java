package org.gapwatch.track;

/**
 * One lane of a source as the detail view lists it (MPEG-TS: a PID; PTP: a message type): its own counters, summed
 * into the source's. {@code first} and {@code highest} are of its current session, in extended numbers.
 *
 * @param label what the decoder calls the lane ({@code PID 0x0100 News HD}, {@code Sync}), or null
 * @param byCadence its loss is counted by cadence (due times), not from sequence numbers
 */
public record LaneView(int lane, String label, long first, long highest, long received, long lost, long duplicates,
                       long restarts, boolean byCadence) {
}
