package org.gapwatch.protocol.ptp;

/** Why a datagram on a PTP port is not a PTP v2 message. The code is what reports show. */
public enum PtpReject {
    TOO_SHORT("ptp/too-short", "fewer bytes than the 34-byte header or than the body of its message type"),
    BAD_VERSION("ptp/bad-version", "versionPTP is not 2"),
    UNKNOWN_TYPE("ptp/unknown-type", "messageType is a reserved value (4-7, 14, 15)"),
    BAD_LENGTH("ptp/bad-length", "messageLength is longer than the datagram or shorter than its message type");

    private final String code;
    private final String description;

    PtpReject(String code, String description) {
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
