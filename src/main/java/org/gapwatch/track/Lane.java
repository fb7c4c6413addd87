package org.gapwatch.track;

import org.gapwatch.protocol.SequenceCursor;

/**
 * One sequence counter of a source and its session accounting: {@code highest - first + 1 == sessionReceived +
 * sessionLost + sessionIrrelevant}, in the lane's extended numbers. A JSON or RTP source has one lane (0); a PTP source one per message
 * type, an MPEG-TS stream one per PID. {@code started} and {@code highest} are the cursor's.
 */
final class Lane extends SequenceCursor {
    final int id;
    String session;
    long first;
    long sessionReceived;
    long sessionLost;
    final SequenceWindow window = new SequenceWindow();
    /** The decoder's name of the lane, or null. */
    String label;
    /** Its numbers are due times (loss by cadence), not the sender's: its gaps say so. */
    boolean byCadence;
    /** Numbers of this session the sender said will never come (RTPS GAP): neither received nor lost. */
    long sessionIrrelevant;
    // This lane's share of the source's operator counters (reset with them).
    long received;
    final LossCount lost = new LossCount();
    long duplicates;
    long restarts;

    Lane(int id) {
        this.id = id;
    }
}
