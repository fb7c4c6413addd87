package org.gapwatch.protocol.mpegts;

import org.gapwatch.protocol.Protocol;
import org.gapwatch.protocol.ProtocolDecoder;
import org.gapwatch.protocol.Subscription;

/**
 * MPEG transport stream over UDP (ISO/IEC 13818-1): a source is the stream on one group and port, each PID a lane
 * counted by its 4-bit continuity_counter, with the ETSI TR 101 290 priority 1 indicators (docs/protocols.md).
 */
public final class MpegTsProtocol implements Protocol {
    public static final String SCHEME = "mpegts";

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public String description() {
        return "MPEG-TS over UDP (188-byte packets, continuity per PID, TR 101 290 priority 1)";
    }

    @Override
    public ProtocolDecoder newDecoder(Subscription subscription) {
        return new MpegTsDecoder(subscription.label());
    }
}
