package org.gapwatch.protocol;

import java.util.Set;

/**
 * A wire protocol Gapwatch can monitor: the one place a protocol plugs in. Found by {@link Protocols} through
 * {@link java.util.ServiceLoader} ({@code provides} in module-info, and META-INF/services for the class path),
 * named by the scheme of a subscription ({@code rtp://239.1.1.1:5004}). Everything above the decoder (tracker,
 * views, alarms, capture, commands) is the same for every protocol.
 */
public interface Protocol {
    /** The scheme before {@code ://}: lower case letters, digits, {@code -}. */
    String scheme();

    /** One line for help texts. */
    String description();

    /** Option names a subscription may give after {@code ?}. */
    default Set<String> options() {
        return Set.of();
    }

    /** Checks one option; throws IllegalArgumentException with a one-line message when its value is bad. */
    default void checkOption(String key, String value) {
    }

    /** The ports to join for a subscription to {@code port} (RTP: also port + 1 for its RTCP). */
    default int[] ports(int port) {
        return new int[] {port};
    }

    /** The ports to join when a subscription gives no port (PTP: 319 and 320); empty when a port is required. */
    default int[] defaultPorts() {
        return new int[0];
    }

    /**
     * The groups one spec's address part stands for, when it is not a literal address: {@code 1-8} for sACN is
     * universes 1 to 8, each its own group ({@code 239.255.0.1:5568} ...). Returns {@code ADDRESS[:PORT]} texts,
     * each parsed as a spec of its own with the same options; null when {@code addressPart} is an ordinary address.
     * A bad list throws IllegalArgumentException with a one-line message.
     */
    default java.util.List<String> expand(String addressPart) {
        return null;
    }

    /**
     * A subscription a source of this protocol offers, from what its decoder wrote ({@code src} and {@code text}),
     * or null: sACN discovery lists universes, and the settings dialog offers {@code sacn://1-3,7}.
     */
    default String offer(String src, String text) {
        return null;
    }

    /** A decoder for one subscription, for one writer thread. */
    ProtocolDecoder newDecoder(Subscription subscription);

    /**
     * A decoder that may need something read from outside ({@link Resources}: jsonmap's mapping file). Throws
     * IllegalArgumentException with one line when that is missing or invalid.
     */
    default ProtocolDecoder newDecoder(Subscription subscription, Resources resources) {
        return newDecoder(subscription);
    }

    /**
     * Checks a subscription before it starts, reading what it needs ({@link Resources}): one line as
     * IllegalArgumentException when it cannot start (jsonmap: a mapping that is not there or not valid).
     */
    default void check(Subscription subscription, Resources resources) {
    }
}
