package org.gapwatch.protocol.ptp;

import org.gapwatch.protocol.Protocol;
import org.gapwatch.protocol.ProtocolDecoder;
import org.gapwatch.protocol.Subscription;

/**
 * PTP (IEEE 1588-2008 version 2) over UDP: {@code ptp://224.0.1.129} joins the event port 319 and the general port
 * 320. A source is one port identity in one domain, each message type a lane (docs/protocols.md).
 */
public final class PtpProtocol implements Protocol {
    public static final String SCHEME = "ptp";

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public String description() {
        return "PTP (IEEE 1588-2008 v2), ports 319 and 320 when none is given";
    }

    @Override
    public int[] defaultPorts() {
        return new int[] {PtpMessage.EVENT_PORT, PtpMessage.GENERAL_PORT};
    }

    @Override
    public ProtocolDecoder newDecoder(Subscription subscription) {
        return new PtpDecoder(subscription.address());
    }
}
