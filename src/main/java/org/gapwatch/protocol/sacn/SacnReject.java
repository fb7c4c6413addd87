package org.gapwatch.protocol.sacn;

/** Why a datagram on the sACN port is not an E1.31 packet. The code is what reports show. */
public enum SacnReject implements org.gapwatch.protocol.Reason {
    TOO_SHORT("sacn/too-short", "shorter than the layers its vectors announce"),
    BAD_PREAMBLE("sacn/bad-preamble", "preamble size not 0x0010, post-amble not 0 or ACN packet identifier not "
            + "ASC-E1.17"),
    BAD_LENGTH("sacn/bad-length", "a layer's flags are not 0x7 or its length does not fit the datagram"),
    UNKNOWN_VECTOR("sacn/unknown-vector", "a root, framing or DMP vector E1.31-2018 does not define"),
    BAD_UNIVERSE("sacn/bad-universe", "a universe outside 1-63999 (64214 for discovery)"),
    BAD_DMP("sacn/bad-dmp", "DMP address type not 0xa1, first address not 0, increment not 1, or a property "
            + "count outside 1-513 or not matching the length"),
    BAD_PRIORITY("sacn/bad-priority", "priority above 200"),
    TOO_MANY_SOURCES("sacn/too-many-sources", "a CID and universe beyond the 4,096 one subscription keeps");

    private final String code;
    private final String description;

    SacnReject(String code, String description) {
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
        return "sacn";
    }

    @Override
    public boolean wholeDatagram() {
        return true;
    }
}
