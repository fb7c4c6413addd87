package org.gapwatch.protocol.rtps;

/**
 * The default ports of DDSI-RTPS 2.x (9.6.1.1): PB 7400, DG 250, PG 2, offsets d0 0, d1 10, d2 1, d3 11. The
 * default multicast group is 239.255.0.1 for discovery and user data alike.
 */
public final class RtpsPorts {
    public static final String DEFAULT_GROUP = "239.255.0.1";
    public static final int PB = 7400, DG = 250, PG = 2, D0 = 0, D1 = 10, D2 = 1, D3 = 11;
    /** The highest domain id whose ports stay below 65536 (7400 + 250 x 232 + 11 + 2 x 0 = 65411). */
    public static final int MAX_DOMAIN = 232;

    private RtpsPorts() {
    }

    /** SPDP (participant discovery) multicast: 7400 + 250 x domain. */
    public static int discoveryMulticast(int domain) {
        return PB + DG * domain(domain) + D0;
    }

    /** User data multicast: 7401 + 250 x domain. */
    public static int userMulticast(int domain) {
        return PB + DG * domain(domain) + D2;
    }

    /** Discovery unicast of participant {@code participantId}: 7410 + 250 x domain + 2 x id. */
    public static int discoveryUnicast(int domain, int participantId) {
        return PB + DG * domain(domain) + D1 + PG * participantId;
    }

    /** User data unicast of participant {@code participantId}: 7411 + 250 x domain + 2 x id. */
    public static int userUnicast(int domain, int participantId) {
        return PB + DG * domain(domain) + D3 + PG * participantId;
    }

    private static int domain(int domain) {
        if (domain < 0 || domain > MAX_DOMAIN) {
            throw new IllegalArgumentException("domain " + domain + " is not in 0-" + MAX_DOMAIN);
        }
        return domain;
    }
}
