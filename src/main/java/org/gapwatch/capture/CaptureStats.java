package org.gapwatch.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a {@link CaptureReader} read and skipped so far. Not thread-safe: read it on the reading thread. */
public final class CaptureStats {
    private final long[] skipped = new long[SkipReason.values().length];
    private long records;
    private long lastRecordNanos = Long.MIN_VALUE;
    private long datagrams;
    private String truncation;
    private final java.util.TreeSet<Integer> unknownLinkTypes = new java.util.TreeSet<>();

    void record(long nanos) {
        records++;
        if (nanos > lastRecordNanos) {
            lastRecordNanos = nanos;
        }
    }

    /** The latest time of any packet record read, kept or not (epoch nanos), or Long.MIN_VALUE if none. */
    public long lastRecordNanos() {
        return lastRecordNanos;
    }

    void datagram() {
        datagrams++;
    }

    void skip(SkipReason reason) {
        skipped[reason.ordinal()]++;
    }

    void unknownLinkType(int linkType) {
        if (unknownLinkTypes.size() < 16) {
            unknownLinkTypes.add(linkType);
        }
    }

    void truncated(String message) {
        if (truncation == null) {
            truncation = message;
        }
    }

    /** Packet records (pcap records, pcapng packet blocks) read. */
    public long records() {
        return records;
    }

    /** Datagrams handed out. */
    public long datagrams() {
        return datagrams;
    }

    public long skipped(SkipReason reason) {
        return skipped[reason.ordinal()];
    }

    /** Non-zero skip counts by reason code, in the order of the reasons. */
    public Map<String, Long> skippedByReason() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (SkipReason r : SkipReason.values()) {
            if (skipped[r.ordinal()] > 0) {
                out.put(r.code(), skipped[r.ordinal()]);
            }
        }
        return out;
    }

    /** Why the file ended early (a cut-off record, a length that made the rest unreadable), or null. */
    public String truncation() {
        return truncation;
    }

    /** One line per problem, for stderr: skipped records by reason and the truncation, if any. */
    public List<String> problemLines() {
        List<String> lines = new ArrayList<>();
        for (SkipReason r : SkipReason.values()) {
            long n = skipped[r.ordinal()];
            if (n > 0 && r.problem()) {
                lines.add("skipped " + n + " " + r.code() + ": " + r.description()
                        + (r == SkipReason.UNKNOWN_LINKTYPE ? " " + unknownLinkTypes : ""));
            }
        }
        if (truncation != null) {
            lines.add(truncation);
        }
        return lines;
    }
}
