package org.gapwatch.track;

import java.util.List;

/**
 * A copy of one source's history for the detail pane. Series are oldest first and end at {@code endSecond} and
 * {@code endMinute} (epoch seconds and minutes). {@code lanes}: every started lane of the source, lane 0 first (one
 * for JSON and RTP; PTP and MPEG-TS sources have one per message type or PID).
 */
public record SourceHistory(SourceView view,
                            long endSecond, int[] receivedPerSecond, int[] lostPerSecond, int[] latePerSecond,
                            long endMinute, int[] receivedPerMinute, int[] lostPerMinute, int[] latePerMinute,
                            List<ValuePoint> values, List<Gap> gaps, List<LaneView> lanes) {
}
