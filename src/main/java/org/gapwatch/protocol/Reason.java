package org.gapwatch.protocol;

/**
 * Why a datagram or one update in it was rejected, as one protocol names it. Each protocol brings its own reasons
 * (an enum implementing this); the tracker counts them by {@link #code()} and shows the {@link #protocol()}.
 * Codes are unique over all protocols: JSON v1 keeps its bare codes ({@code malformed-json}), every other protocol
 * prefixes its scheme ({@code rtp/bad-version}).
 */
public interface Reason {
    String code();

    String description();

    /** The scheme of the protocol that gave this reason: {@code json}, {@code rtp}, ... */
    String protocol();

    /** True when the whole datagram was rejected, false when one update of an otherwise valid datagram was. */
    boolean wholeDatagram();
}
