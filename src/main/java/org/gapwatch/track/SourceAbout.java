package org.gapwatch.track;

/**
 * What seldom changes about a source: its name, protocol and addresses, its unit and announced timing, and when it
 * was first heard. Its views share one of these until one of them changes, so the view made at every update (three
 * a second for each of 100,000 sources) does not carry them again: 264 bytes a view instead of 344
 * (docs/benchmarks.md, "Starting into a flood of 100,000 sources").
 *
 * @param otherSender a second sender that claimed the source, or null; its last time changes only while it sends
 * @param interval    the interval its updates announce (ms), or {@link org.gapwatch.protocol.Update#ABSENT}
 * @param ttl         the time to live its updates announce (ms), or {@link org.gapwatch.protocol.Update#ABSENT}
 */
public record SourceAbout(int id, String src, String protocol, String destination,
                          String sender, String otherSender, long otherSenderLastMillis,
                          String unit, long interval, long ttl, long firstArrivalMillis) {

    /** True when this still says what the state says, so that its next view can share it. */
    boolean describes(SourceState s) {
        return src == s.src && destination == s.destinationText && sender == s.senderText
                && otherSender == s.otherSenderText && otherSenderLastMillis == s.otherSenderLastMillis
                && interval == s.interval && ttl == s.ttl && firstArrivalMillis == s.firstArrivalMillis
                && java.util.Objects.equals(unit, s.unit); // a unit is a new String at each update
    }

    static SourceAbout of(SourceState s) {
        return new SourceAbout(s.id, s.src, s.protocol, s.destinationText, s.senderText, s.otherSenderText,
                s.otherSenderLastMillis, s.unit, s.interval, s.ttl, s.firstArrivalMillis);
    }
}
