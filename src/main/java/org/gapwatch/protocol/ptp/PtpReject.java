package org.gapwatch.protocol.ptp;

import org.gapwatch.protocol.Reason;

/** Why a datagram on a PTP port is not a PTP v2 message. The code is what reports show. */
public enum PtpReject implements Reason {
    TOO_SHORT("ptp/too-short", "fewer bytes than the 34-byte header or than the body of its message type"),
    BAD_VERSION("ptp/bad-version", "versionPTP is not 2"),
    UNKNOWN_TYPE("ptp/unknown-type", "messageType is a reserved value (4-7, 14, 15)"),
    BAD_LENGTH("ptp/bad-length", "messageLength is longer than the datagram or shorter than its message type"),
    TOO_MANY_PORTS("ptp/too-many-ports", "more port identities on one subscription than the decoder keeps");

    private final String code;
    private final String description;

    PtpReject(String code, String description) {
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
        return "ptp";
    }

    /** Every PTP reason rejects the datagram: one datagram is one message. */
    @Override
    public boolean wholeDatagram() {
        return true;
    }
}
