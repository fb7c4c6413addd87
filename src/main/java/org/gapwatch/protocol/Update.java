package org.gapwatch.protocol;

/**
 * One decoded update. Mutable and reused by the decoder from datagram to datagram: a consumer copies what it keeps
 * before the next decode. {@link #reason()} is null for a valid update.
 */
public final class Update {
    public static final long ABSENT = Long.MIN_VALUE;

    String src;
    long seq;
    String session;
    long ts;
    ValueKind valueKind;
    double number;
    String string;
    boolean bool;
    String unit;
    String text;
    String statusText;
    Status status;
    long interval;
    long ttl;
    RejectReason reason;

    void clear() {
        src = null;
        seq = -1;
        session = null;
        ts = ABSENT;
        valueKind = ValueKind.ABSENT;
        number = 0;
        string = null;
        bool = false;
        unit = null;
        text = null;
        statusText = null;
        status = Status.NONE;
        interval = ABSENT;
        ttl = ABSENT;
        reason = null;
    }

    public String src() { return src; }
    public long seq() { return seq; }
    /** The publisher's run, as text (an integer session is kept as its digits), or null when absent. */
    public String session() { return session; }
    /** Publisher clock in epoch milliseconds, or {@link #ABSENT}. */
    public long ts() { return ts; }
    public ValueKind valueKind() { return valueKind; }
    public double number() { return number; }
    /** The string value, or for an integer beyond 2^53 its exact digits; otherwise null. */
    public String string() { return string; }
    public boolean bool() { return bool; }
    public String unit() { return unit; }
    public String text() { return text; }
    /** The status as sent, or null when absent. */
    public String statusText() { return statusText; }
    public Status status() { return status; }
    /** Milliseconds, or {@link #ABSENT}. */
    public long interval() { return interval; }
    /** Milliseconds, or {@link #ABSENT}. */
    public long ttl() { return ttl; }
    public RejectReason reason() { return reason; }
    public boolean valid() { return reason == null; }

    @Override
    public String toString() {
        return reason != null ? "Update[invalid: " + reason.code() + " src=" + src + "]"
                : "Update[src=" + src + " seq=" + seq + " session=" + session + " value=" + displayValue() + "]";
    }

    /** The value as an operator reads it, without unit. */
    public String displayValue() {
        return switch (valueKind) {
            case ABSENT -> "";
            case NULL -> "null";
            case BOOLEAN -> Boolean.toString(bool);
            case STRING -> string;
            case NUMBER -> string != null ? string : formatNumber(number);
        };
    }

    public static String formatNumber(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
