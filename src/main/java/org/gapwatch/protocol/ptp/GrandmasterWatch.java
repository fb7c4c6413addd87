package org.gapwatch.protocol.ptp;

import java.util.HashMap;
import java.util.Map;

/**
 * Notices a change of grandmaster in the Announce messages of each (sourcePortIdentity, domainNumber): the
 * grandmasterIdentity differs from the one the port announced before. The first Announce of a port is no change.
 * Changes of the grandmaster's quality without a new identity are {@link Change#QUALITY} (priority1/2, clockClass,
 * clockAccuracy, offsetScaledLogVariance, stepsRemoved, timeSource). One small key object per Announce (they come
 * about once a second), no more. Not thread-safe.
 */
public final class GrandmasterWatch {
    public enum Change {
        FIRST, SAME, QUALITY, GRANDMASTER
    }

    private record Port(long clockIdentity, int portNumber, int domain) {
    }

    private static final class Seen {
        long grandmaster;
        long quality;
        long previousGrandmaster;
        long changes;
    }

    private final Map<Port, Seen> ports = new HashMap<>();

    /** One Announce (the caller checked {@link PtpMessage#type()}). */
    public Change announce(PtpMessage m) {
        Port key = new Port(m.clockIdentity(), m.portNumber(), m.domainNumber());
        long quality = (long) m.grandmasterPriority1() << 56 | (long) m.clockClass() << 48
                | (long) m.clockAccuracy() << 40 | (long) m.offsetScaledLogVariance() << 24
                | (long) m.grandmasterPriority2() << 16 | (long) (m.stepsRemoved() & 0xFF) << 8 | m.timeSource();
        Seen s = ports.get(key);
        if (s == null) {
            s = new Seen();
            s.grandmaster = m.grandmasterIdentity();
            s.quality = quality;
            ports.put(key, s);
            return Change.FIRST;
        }
        long gm = m.grandmasterIdentity();
        if (gm != s.grandmaster) {
            s.previousGrandmaster = s.grandmaster;
            s.grandmaster = gm;
            s.quality = quality;
            s.changes++;
            return Change.GRANDMASTER;
        }
        if (quality != s.quality) {
            s.quality = quality;
            return Change.QUALITY;
        }
        return Change.SAME;
    }

    /** How often the port's grandmaster changed. */
    public long changes(long clockIdentity, int portNumber, int domain) {
        Seen s = ports.get(new Port(clockIdentity, portNumber, domain));
        return s == null ? 0 : s.changes;
    }

    /** The grandmaster before the last change, or 0 when there was none. */
    public long previousGrandmaster(long clockIdentity, int portNumber, int domain) {
        Seen s = ports.get(new Port(clockIdentity, portNumber, domain));
        return s == null ? 0 : s.previousGrandmaster;
    }
}
