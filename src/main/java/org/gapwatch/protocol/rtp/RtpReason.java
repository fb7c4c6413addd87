package org.gapwatch.protocol.rtp;

import org.gapwatch.protocol.Reason;

/** Why an RTP or RTCP datagram was rejected (RFC 3550 section 5.1 and 6.4, Appendix A.1 and A.2). */
public enum RtpReason implements Reason {
    TOO_SHORT("rtp/too-short", "shorter than the 12-byte RTP header"),
    BAD_VERSION("rtp/bad-version", "RTP version is not 2"),
    BAD_CSRC_COUNT("rtp/bad-csrc-count", "the CSRC list is longer than the packet"),
    BAD_EXTENSION("rtp/bad-extension", "the header extension is longer than the packet"),
    BAD_PADDING("rtp/bad-padding", "padding count is 0 or more than the payload"),
    BAD_RTCP("rtp/bad-rtcp", "RTCP packet of another version, or a length beyond the datagram"),
    TOO_MANY_SSRCS("rtp/too-many-ssrcs", "more SSRCs on one subscription than the decoder keeps");

    private final String code;
    private final String description;

    RtpReason(String code, String description) {
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
        return "rtp";
    }

    @Override
    public boolean wholeDatagram() {
        return true;
    }
}
