package org.gapwatch.protocol;

/**
 * One decoded update, of any protocol. Mutable and reused by the decoder from datagram to datagram: a consumer
 * copies what it keeps before the next decode. {@link #reason()} is null for a valid update. Besides the fields of
 * JSON v1 it names its protocol, its lane (a source may have several counters: PTP one per message type, MPEG-TS
 * one per PID) and the {@link SequenceSpace} its {@code seq} counts in. Decoders of other packages fill it with the
 * setters; a new holder is cleared (JSON, lane 0, 63-bit numbers).
 */
public final class Update {
    public static final long ABSENT = Long.MIN_VALUE;

    String src;
    SourceNames srcNames;
    int srcId;
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
    Reason reason;
    String protocol;
    int lane;
    SequenceSpace space;
    String previousSrc;
    boolean resetLane;
    String laneLabel;
    boolean sameValue;
    boolean ended;
    int mark;
    long seqTo;
    // The update's vector of levels or values, if it has one: a reference, not a copy (valid as the rest until the
    // decoder's next call), so carrying it costs the hot path nothing.
    byte[] levelBytes;
    int levelOffset;
    double[] levelValues;
    int levelCount;
    int levelFirst;

    /** The most elements a vector keeps ({@link #levels}, {@link #values}): a DMX universe's 512 and room to spare. */
    public static final int MAX_LEVELS = 1024;

    /** {@link #mark()}: an ordinary update (a message that arrived). */
    public static final int MARK_NONE = 0;
    /**
     * {@link #mark()}: not a message but the sender's word that it sent every number up to {@link #seq()} (RTPS
     * HEARTBEAT): those not received are lost now, without waiting for a later message. Nothing is received.
     */
    public static final int MARK_SENT = 1;
    /**
     * {@link #mark()}: the sender's word that numbers {@link #seq()} to {@link #seqTo()} will never come (RTPS GAP):
     * not lost; if they were counted lost, they no longer are. Nothing is received.
     */
    public static final int MARK_IRRELEVANT = 2;

    public Update() {
        clear();
    }

    /** Empties the holder: no fields, protocol json, lane 0, space {@link SequenceSpace#LINEAR_63}. */
    public void clear() {
        src = null;
        srcNames = null;
        srcId = -1;
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
        protocol = Protocols.DEFAULT_SCHEME;
        lane = 0;
        space = SequenceSpace.LINEAR_63;
        previousSrc = null;
        resetLane = false;
        laneLabel = null;
        sameValue = false;
        ended = false;
        mark = MARK_NONE;
        seqTo = -1;
        levelBytes = null;
        levelOffset = 0;
        levelValues = null;
        levelCount = 0;
        levelFirst = 0;
    }

    public String src() { return src; }
    /**
     * The table {@link #src()} was read through, or null: with {@link #srcId()}, what lets a consumer find what it
     * knows of the name by index, after checking that the id still names the same String (ids are reused).
     */
    public SourceNames srcNames() { return srcNames; }
    /** The name's id in {@link #srcNames()}, or -1 when there is none. */
    public int srcId() { return srcId; }
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
    public Reason reason() { return reason; }
    public boolean valid() { return reason == null; }
    /** The scheme of the protocol that decoded it: {@code json}, {@code rtp}, ... */
    public String protocol() { return protocol; }
    /** Which of the source's counters {@link #seq()} belongs to (0..65535); 0 for single-counter protocols. */
    public int lane() { return lane; }
    public SequenceSpace space() { return space; }
    /**
     * The name this source had until now, when its decoder just learned a better one (RTP: the CNAME from RTCP
     * replaces the SSRC); the tracker renames the source and keeps its accounting. Null otherwise.
     */
    public String previousSrc() { return previousSrc; }
    /** The lane starts again here without loss across it (MPEG-TS discontinuity indicator): counted as a restart. */
    public boolean resetLane() { return resetLane; }
    /** What the decoder calls the lane ({@code PID 0x0100 News HD}, {@code Sync}), or null to keep the last one. */
    public String laneLabel() { return laneLabel; }
    /**
     * The decoder says the value is the one it gave this source's previous update (a binary protocol renews its
     * figures once a second, not per packet): the fields are still set, but the value history takes no new point.
     */
    public boolean sameValue() { return sameValue; }
    /** The source said it stopped (sACN Stream_Terminated): judged ENDED, not stale, not an alarm, until it sends again. */
    public boolean ended() { return ended; }
    /** {@link #MARK_NONE}, {@link #MARK_SENT} or {@link #MARK_IRRELEVANT}. */
    public int mark() { return mark; }
    /** The last number of a {@link #MARK_IRRELEVANT} range. */
    public long seqTo() { return seqTo; }
    /** Elements of the update's vector ({@link #levels} or {@link #values}); 0 when it has none. */
    public int levelCount() { return levelCount; }
    /** The 8-bit levels (each 0-255) from {@link #levelOffset()}, or null when the vector is of values or absent. */
    public byte[] levelBytes() { return levelBytes; }
    public int levelOffset() { return levelOffset; }
    /** The values from index 0, or null when the vector is of 8-bit levels or absent. */
    public double[] levelValues() { return levelValues; }
    /** What the protocol numbers its first element (a DMX address: 1; a value of collectd: 0). */
    public int levelFirst() { return levelFirst; }

    // ---- writing, for decoders (and tests) ----

    /** Makes this holder a copy of {@code o} (a decoder passing on what an inner decoder wrote). */
    public Update copyFrom(Update o) {
        src = o.src;
        srcNames = o.srcNames;
        srcId = o.srcId;
        seq = o.seq;
        session = o.session;
        ts = o.ts;
        valueKind = o.valueKind;
        number = o.number;
        string = o.string;
        bool = o.bool;
        unit = o.unit;
        text = o.text;
        statusText = o.statusText;
        status = o.status;
        interval = o.interval;
        ttl = o.ttl;
        reason = o.reason;
        protocol = o.protocol;
        lane = o.lane;
        space = o.space;
        previousSrc = o.previousSrc;
        resetLane = o.resetLane;
        laneLabel = o.laneLabel;
        sameValue = o.sameValue;
        ended = o.ended;
        mark = o.mark;
        seqTo = o.seqTo;
        levelBytes = o.levelBytes;
        levelOffset = o.levelOffset;
        levelValues = o.levelValues;
        levelCount = o.levelCount;
        levelFirst = o.levelFirst;
        return this;
    }

    public Update src(String v) { src = v; srcNames = null; srcId = -1; return this; }
    /** The source is name {@code id} of {@code names} (its String is the name's one instance there). */
    public Update src(SourceNames names, int id) { src = names.name(id); srcNames = names; srcId = id; return this; }
    public Update seq(long v) { seq = v; return this; }
    public Update session(String v) { session = v; return this; }
    public Update ts(long v) { ts = v; return this; }
    public Update number(double v) { valueKind = ValueKind.NUMBER; number = v; string = null; return this; }
    public Update string(String v) { valueKind = ValueKind.STRING; string = v; return this; }
    public Update bool(boolean v) { valueKind = ValueKind.BOOLEAN; bool = v; return this; }
    public Update nullValue() { valueKind = ValueKind.NULL; return this; }
    public Update unit(String v) { unit = v; return this; }
    public Update text(String v) { text = v; return this; }
    public Update status(String v) { statusText = v; status = v == null ? Status.NONE : Status.parse(v); return this; }
    public Update interval(long millis) { interval = millis; return this; }
    public Update ttl(long millis) { ttl = millis; return this; }
    public Update reason(Reason v) { reason = v; return this; }
    public Update protocol(String v) { protocol = v; return this; }
    public Update lane(int v) { lane = v; return this; }
    public Update space(SequenceSpace v) { space = v; return this; }
    public Update previousSrc(String v) { previousSrc = v; return this; }
    public Update resetLane(boolean v) { resetLane = v; return this; }
    public Update laneLabel(String v) { laneLabel = v; return this; }
    public Update sameValue(boolean v) { sameValue = v; return this; }
    public Update ended(boolean v) { ended = v; return this; }
    /**
     * The update carries a vector of 8-bit levels (each 0-255, full scale 255: sACN's slots), {@code count} of them
     * at {@code data[off]}, the first numbered {@code first}. Not copied: the tracker copies what it keeps. At most
     * {@value #MAX_LEVELS} are kept.
     */
    public Update levels(byte[] data, int off, int count, int first) {
        levelBytes = data;
        levelOffset = off;
        levelValues = null;
        levelCount = Math.min(count, MAX_LEVELS);
        levelFirst = first;
        return this;
    }

    /** The update carries a vector of values ({@code v[0..count)}: collectd's load, three), the first numbered 0. */
    public Update values(double[] v, int count) {
        levelBytes = null;
        levelOffset = 0;
        levelValues = v;
        levelCount = Math.min(count, MAX_LEVELS);
        levelFirst = 0;
        return this;
    }

    /** Makes this a {@link #MARK_SENT}: every number up to {@code last} was sent. */
    public Update sentUpTo(long last) { mark = MARK_SENT; seq = last; return this; }
    /** Makes this a {@link #MARK_IRRELEVANT}: numbers {@code from} to {@code to} will never come. */
    public Update irrelevant(long from, long to) { mark = MARK_IRRELEVANT; seq = from; seqTo = to; return this; }

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

    /** Appends {@link #formatNumber}'s text of {@code d} without making a String. */
    public static void appendNumber(StringBuilder sb, double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            sb.append((long) d);
        } else {
            sb.append(d);
        }
    }

    public static String formatNumber(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
