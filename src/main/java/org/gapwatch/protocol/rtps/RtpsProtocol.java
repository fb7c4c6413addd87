package org.gapwatch.protocol.rtps;

import org.gapwatch.protocol.Protocol;
import org.gapwatch.protocol.ProtocolDecoder;
import org.gapwatch.protocol.Subscription;

/**
 * DDS over RTPS (OMG DDSI-RTPS 2.x): {@code rtps://239.255.0.1} joins the default ports of domain 0 (7400
 * discovery, 7401 user data); {@code rtps://239.255.0.1:7651} one port (domain 1 user data). {@code dds://} is the
 * same protocol ({@link Dds}).
 */
public class RtpsProtocol implements Protocol {
    @Override
    public String scheme() {
        return "rtps";
    }

    @Override
    public String description() {
        return "DDS over RTPS 2.x, a source per writer GUID (default ports 7400 and 7401: domain 0)";
    }

    @Override
    public int[] defaultPorts() {
        return new int[] {RtpsPorts.discoveryMulticast(0), RtpsPorts.userMulticast(0)};
    }

    @Override
    public ProtocolDecoder newDecoder(Subscription subscription) {
        return new RtpsDecoder();
    }

    /** {@code dds://}: another name for {@code rtps://}; its sources say protocol {@code rtps}. */
    public static final class Dds extends RtpsProtocol {
        @Override
        public String scheme() {
            return "dds";
        }

        @Override
        public String description() {
            return "DDS over RTPS: the same as rtps://";
        }
    }
}
