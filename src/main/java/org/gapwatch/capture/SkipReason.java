package org.gapwatch.capture;

/** Why a record or packet of a capture did not become a datagram. */
public enum SkipReason {
    // Ordinary traffic that is simply not what was asked for.
    NOT_IP("not-ip", "frames that are not IPv4 or IPv6", false),
    NOT_UDP("not-udp", "IP packets that are not UDP", false),
    FILTERED("filtered", "UDP datagrams not to the chosen groups and ports", false),
    // Problems.
    SNAPLEN_TRUNCATED("snaplen-truncated", "packets cut short by the capture's snap length", true),
    MALFORMED_LINK("malformed-link", "link-layer headers shorter than their type requires", true),
    MALFORMED_IP("malformed-ip", "IP headers that are short or inconsistent", true),
    MALFORMED_UDP("malformed-udp", "UDP headers with an impossible length", true),
    UNKNOWN_LINKTYPE("unknown-linktype", "packets of a link type this reader does not know", true),
    UNKNOWN_INTERFACE("unknown-interface", "pcapng packets naming an interface never described", true),
    BAD_RECORD("bad-record", "records with an impossible length", true),
    GARBAGE("garbage", "stretches of bytes that are no record or block, skipped to the next one", true),
    UNKNOWN_BLOCK("unknown-block", "pcapng blocks of types this reader skips", false),
    FRAGMENTS_INCOMPLETE("fragments-incomplete", "fragmented datagrams never completed (timed out or evicted)", true);

    private final String code;
    private final String description;
    private final boolean problem;

    SkipReason(String code, String description, boolean problem) {
        this.code = code;
        this.description = description;
        this.problem = problem;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** True for damage or limits of the capture; false for traffic that is only outside the filter. */
    public boolean problem() {
        return problem;
    }
}
