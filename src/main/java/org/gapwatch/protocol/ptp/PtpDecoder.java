package org.gapwatch.protocol.ptp;

import java.util.Arrays;
import java.util.Locale;
import org.gapwatch.protocol.DecodeResult;
import org.gapwatch.protocol.ProtocolDecoder;
import org.gapwatch.protocol.SequenceSpace;
import org.gapwatch.protocol.Update;

/**
 * Decodes the PTP messages of one subscription (both ports). A source is one sourcePortIdentity in one domain,
 * {@code ptp/<group>/<clockIdentity>-<portNumber>/d<domain>}; each message is one update, its lane the message type
 * (lane = messageType code), its number the sequenceId in {@link SequenceSpace#PTP_16}. Responses (Delay_Resp,
 * Pdelay_Resp, Pdelay_Resp_Follow_Up) carry the sequenceId of the request they answer, so their lanes are per
 * requester too: lane = (requester number + 1) &lt;&lt; 4 | messageType, the requester numbered in the order first
 * seen (beyond {@value #MAX_REQUESTERS} requesters of a port they share the type's lane).
 *
 * <p>Staleness is exact: every update carries the interval its type's logMessageInterval gives (Sync, Follow_Up,
 * Announce; messages without a cadence of their own carry the port's last one). From Announce the value is the
 * grandmaster identity, the text its priorities, clock quality, currentUtcOffset, stepsRemoved and timeSource; a
 * new grandmaster makes the status {@code alarm} with the change as its text for {@value #CHANGE_HOLD_SECONDS} s
 * (the alarm path raises it, the value history keeps the change), then {@code ok} again. Per port state is made once;
 * a message allocates nothing but the text of an Announce whose contents changed.
 */
public final class PtpDecoder implements ProtocolDecoder {
    static final int MAX_PORTS = 4096;
    static final int MAX_REQUESTERS = 4094;
    static final long CHANGE_HOLD_SECONDS = 30;
    private static final long CHANGE_HOLD_NANOS = CHANGE_HOLD_SECONDS * 1_000_000_000L;

    private final String prefix;
    private final PtpMessage message = new PtpMessage();
    private final GrandmasterWatch grandmasters = new GrandmasterWatch();
    private final DecodeResult result = new DecodeResult(1);
    private final PortIdentityTable portIds = new PortIdentityTable();
    private Port[] ports = new Port[16];

    /** @param group the subscription's group as written, part of every source name */
    public PtpDecoder(String group) {
        this.prefix = "ptp/" + group + "/";
    }

    @Override
    public DecodeResult decode(byte[] data, int off, int len, int port, long arrivalNanos) {
        result.reset();
        PtpMessage m = message;
        PtpReject reject = m.wrap(data, off, len);
        if (reject != null) {
            result.reject(reject);
            return result;
        }
        Port p = port(m);
        if (p == null) {
            result.reject(PtpReject.TOO_MANY_PORTS);
            return result;
        }
        PtpMessageType type = m.type();
        boolean renewed = false;
        long cadence = intervalMillis(type, m.logMessageInterval());
        if (cadence != Update.ABSENT) {
            p.interval = cadence;
        }
        if (type == PtpMessageType.ANNOUNCE) {
            renewed = announce(p, m, arrivalNanos);
        } else if (p.changedAt != 0 && arrivalNanos - p.changedAt >= CHANGE_HOLD_NANOS) {
            p.changedAt = 0;
            p.status = "ok";
            renewed = true;
        }
        Update u = result.next().src(p.name).seq(m.sequenceId()).protocol(PtpProtocol.SCHEME)
                .space(SequenceSpace.PTP_16).interval(p.interval).text(p.text).sameValue(!renewed);
        if (p.grandmaster != null) {
            u.string(p.grandmaster);
        }
        if (p.status != null) {
            u.status(p.status);
        }
        if (type.response()) {
            lane(u, p, type, m.requestingClockIdentity(), m.requestingPortNumber());
        } else {
            u.lane(type.code()).laneLabel(type.label());
        }
        return result;
    }

    private Port port(PtpMessage m) {
        int rest = m.portNumber() << 8 | m.domainNumber();
        int i = portIds.find(m.clockIdentity(), rest);
        if (i >= 0) {
            return ports[i];
        }
        if (portIds.size() >= MAX_PORTS) {
            return null;
        }
        i = portIds.add(m.clockIdentity(), rest);
        if (i == ports.length) {
            ports = Arrays.copyOf(ports, i * 2);
        }
        Port p = new Port(prefix + PtpMessage.clockIdentityText(m.clockIdentity()) + "-" + m.portNumber() + "/d"
                + m.domainNumber());
        ports[i] = p;
        return p;
    }

    private static void lane(Update u, Port p, PtpMessageType type, long clock, int portNumber) {
        int r = p.requesters.find(clock, portNumber);
        if (r < 0 && p.requesters.size() < MAX_REQUESTERS) {
            r = p.requesters.add(clock, portNumber);
        }
        if (r < 0) {
            u.lane(type.code()).laneLabel(type.label());
            return;
        }
        int lane = (r + 1) << 4 | type.code();
        u.lane(lane);
        if (p.labeled(lane)) {
            return;
        }
        u.laneLabel(type.label() + " to " + PtpMessage.clockIdentityText(clock) + "-" + portNumber);
    }

    /** One Announce: the grandmaster and its quality; true when the value or text changed. */
    private boolean announce(Port p, PtpMessage m, long nanos) {
        GrandmasterWatch.Change change = grandmasters.announce(m);
        String gm = PtpMessage.clockIdentityText(m.grandmasterIdentity());
        switch (change) {
            case SAME -> {
                if (p.changedAt != 0 && nanos - p.changedAt >= CHANGE_HOLD_NANOS) {
                    p.changedAt = 0;
                    p.status = "ok";
                    return true;
                }
                return false;
            }
            case FIRST -> p.status = "ok";
            case GRANDMASTER -> {
                p.changedAt = nanos == 0 ? 1 : nanos;
                p.lastChange = "grandmaster changed from " + p.grandmaster + " to " + gm;
                p.status = "alarm";
            }
            case QUALITY -> {
            }
        }
        p.grandmaster = gm;
        p.text = String.format(Locale.ROOT, "priority1 %d · priority2 %d · clockClass %d · clockAccuracy 0x%02X · "
                        + "currentUtcOffset %d s · stepsRemoved %d · timeSource %s%s", m.grandmasterPriority1(),
                m.grandmasterPriority2(), m.clockClass(), m.clockAccuracy(), m.currentUtcOffset(), m.stepsRemoved(),
                PtpMessage.timeSourceName(m.timeSource()), p.lastChange == null ? "" : " · " + p.lastChange);
        return true;
    }

    /**
     * Milliseconds between messages of this type from its logMessageInterval, or ABSENT for types without a cadence
     * of their own (Delay_Req and the responses follow the requester; Signaling, Management on demand) and for the
     * value 0x7F (not given) or one outside -7..7.
     */
    static long intervalMillis(PtpMessageType type, int logInterval) {
        if (type != PtpMessageType.SYNC && type != PtpMessageType.FOLLOW_UP && type != PtpMessageType.ANNOUNCE
                || logInterval < -7 || logInterval > 7) {
            return Update.ABSENT;
        }
        return Math.max(1, Math.round(1000 * Math.pow(2, logInterval)));
    }

    /** What is known of one port identity in one domain. */
    private static final class Port {
        final String name;
        final PortIdentityTable requesters = new PortIdentityTable();
        long[] labeledLanes = new long[1];
        long interval = Update.ABSENT;
        String grandmaster;
        String text = "no Announce yet";
        String status;
        String lastChange;
        long changedAt;

        Port(String name) {
            this.name = name;
        }

        /** Whether the lane was given its label already; marks it as given. */
        boolean labeled(int lane) {
            int word = lane >>> 6;
            if (word >= labeledLanes.length) {
                labeledLanes = Arrays.copyOf(labeledLanes, Math.max(word + 1, labeledLanes.length * 2));
            }
            long bit = 1L << (lane & 63);
            boolean was = (labeledLanes[word] & bit) != 0;
            labeledLanes[word] |= bit;
            return was;
        }
    }
}
