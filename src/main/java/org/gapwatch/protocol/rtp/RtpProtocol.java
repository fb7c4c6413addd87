package org.gapwatch.protocol.rtp;

import java.util.Map;
import java.util.Set;
import org.gapwatch.protocol.Protocol;
import org.gapwatch.protocol.ProtocolDecoder;
import org.gapwatch.protocol.Protocols;
import org.gapwatch.protocol.Subscription;

/**
 * RTP (RFC 3550) on a group and port, with its RTCP on port + 1. Option {@code clock=HZ}: the RTP clock rate of
 * the payload, for the interarrival jitter of dynamic payload types ({@code rtp://239.1.1.1:5004?clock=90000}).
 */
public final class RtpProtocol implements Protocol {
    public static final String CLOCK = "clock";

    @Override
    public String scheme() {
        return "rtp";
    }

    @Override
    public String description() {
        return "RTP (RFC 3550), RTCP on port + 1";
    }

    @Override
    public Set<String> options() {
        return Set.of(CLOCK);
    }

    @Override
    public void checkOption(String key, String value) {
        if (CLOCK.equals(key)) {
            clockRate(value);
        }
    }

    static int clockRate(String value) {
        try {
            int hz = Integer.parseInt(value);
            if (hz >= 1 && hz <= 100_000_000) {
                return hz;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("clock '" + value + "' is not a rate in Hz (1-100000000)");
    }

    @Override
    public int[] ports(int port) {
        return port < 65535 ? new int[] {port, port + 1} : new int[] {port};
    }

    @Override
    public ProtocolDecoder newDecoder(Subscription subscription) {
        String clock = subscription.options().get(CLOCK);
        // The hook for MPEG-TS inside RTP (payload type 33): a decoder of the "mpegts" protocol, once one is there.
        ProtocolDecoder ts = Protocols.known("mpegts")
                ? Protocols.decoder(new Subscription("mpegts", subscription.address(), subscription.port(),
                        Map.of())) : null;
        return new RtpDecoder(subscription.label(), subscription.port(), clock == null ? 0 : clockRate(clock), ts);
    }
}
