package org.gapwatch.track;

import org.gapwatch.protocol.Status;
import org.gapwatch.protocol.Update;
import org.gapwatch.protocol.ValueKind;

/**
 * An immutable picture of one source, made by the tracker's writer for readers on other threads. A view is made
 * again only when its source changed; readers compare {@link #version()} to skip what they already drew.
 *
 * @param about what seldom changes (name, protocol, addresses, unit, announced timing), shared by its views
 *              until it changes; the accessors of its fields below read it
 * @param value the value as an operator reads it (see {@link #value()}); null for a number the tracker did not
 *              format: the view formats it when asked, as most views are never shown
 * @param strip the last {@value #STRIP_SECONDS} seconds ending at {@code stripEndSecond} (epoch second), oldest
 *              first: 0 nothing arrived, 1 received, 2 some came late, 3 some lost. Not to be modified.
 * @param first the first number of the current session, of the lane of the latest update (PTP and MPEG-TS sources
 *              have several lanes; session and highest are that lane's too)
 * @param ended    its latest update said it stopped (sACN Stream_Terminated): judged ENDED, not stale
 * @param levels   its newest vector of levels or values (sACN's slot levels, collectd's several values), or null
 *                 when its updates carry none; the detail view draws it as a level strip
 */
public record SourceView(
        SourceAbout about, long version, long senderLastMillis,
        String session, long first, long highest,
        long received, long lost, long late, long duplicates, long restarts,
        ValueKind valueKind, String value, double number, String text,
        Status status, String statusText, long ts,
        long lastArrivalMillis, long staleAfterMillis,
        long stripEndSecond, byte[] strip,
        long received5m, long lost5m, long late5m,
        long received1m, long lost1m, long late1m,
        double ratePerSecond, Gap lastGap, boolean ended,
        Levels levels) {

    public static final int STRIP_SECONDS = 60;

    public int id() {
        return about.id();
    }

    public String src() {
        return about.src();
    }

    /** The scheme of the protocol the source speaks: {@code json}, {@code rtp}, ... */
    public String protocol() {
        return about.protocol();
    }

    /**
     * The group and port ({@code 239.1.2.3:5000}) its newest datagram was sent to, or null where that is not known
     * (a driver that does not say).
     */
    public String destination() {
        return about.destination();
    }

    public String sender() {
        return about.sender();
    }

    public String otherSender() {
        return about.otherSender();
    }

    public long otherSenderLastMillis() {
        return about.otherSenderLastMillis();
    }

    public String unit() {
        return about.unit();
    }

    public long interval() {
        return about.interval();
    }

    public long ttl() {
        return about.ttl();
    }

    public long firstArrivalMillis() {
        return about.firstArrivalMillis();
    }

    /**
     * The value as an operator reads it, without unit: "" when absent, {@code null}, {@code true}, a string, or a
     * number as {@link Update#formatNumber} writes it (an integer beyond 2^53 as its exact digits). A number's text
     * is made here, on the reader's thread, not by the tracker for every view.
     */
    @Override
    public String value() {
        return value == null && valueKind == ValueKind.NUMBER ? Update.formatNumber(number) : value;
    }

    /** The first level of {@code src}: {@code plant} for {@code plant/line-3/pump-7}. */
    public String group() {
        return GroupCounts.groupOf(about.src());
    }

    public long ageMillis(long nowMillis) {
        return Math.max(0, nowMillis - lastArrivalMillis);
    }

    public boolean isStale(long nowMillis) {
        return nowMillis - lastArrivalMillis > staleAfterMillis;
    }

    /** Two senders have claimed this source within its staleness time. */
    public boolean conflict(long nowMillis) {
        return about.otherSender() != null
                && nowMillis - Math.min(senderLastMillis, about.otherSenderLastMillis()) < staleAfterMillis;
    }
}
