package org.gapwatch.protocol.rtps;

/** Why a datagram is not an RTPS message, or why reading it stopped at a submessage. The code is what reports show. */
public enum RtpsReject implements org.gapwatch.protocol.Reason {
    TOO_SHORT("rtps/too-short", "shorter than the 20-byte RTPS header"),
    BAD_MAGIC("rtps/bad-magic", "does not start with \"RTPS\""),
    BAD_VERSION("rtps/bad-version", "protocol major version is not 2"),
    BAD_SUBMESSAGE("rtps/bad-submessage", "a submessage that reaches beyond the datagram or is shorter than its kind "
            + "(what came before it was delivered)"),
    BAD_SEQUENCE("rtps/bad-sequence", "a sequence number below 1, a HEARTBEAT whose last is below first - 1, or a "
            + "GAP with more than 256 bits (the submessage is skipped)"),
    TOO_MANY_WRITERS("rtps/too-many-writers", "a writer GUID beyond the 4,096 one subscription keeps");

    private final String code;
    private final String description;

    RtpsReject(String code, String description) {
        this.code = code;
        this.description = description;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String protocol() {
        return "rtps";
    }

    @Override
    public boolean wholeDatagram() {
        return this != BAD_SEQUENCE && this != TOO_MANY_WRITERS;
    }
}
