package org.gapwatch.protocol.sacn;

import java.util.HashMap;
import java.util.Map;

/**
 * The 8-bit sequence number per (CID, universe), with E1.31-2018 6.7.2's rule: with B the new number and A the last
 * accepted, if B - A in signed 8-bit arithmetic is at most 0 and more than -20, B is out of order and discarded;
 * otherwise it is accepted. So, with d = (B - A) mod 256:
 * <ul>
 * <li>the first packet of a lane is its baseline;</li>
 * <li>d = 0: a duplicate, not applied;</li>
 * <li>d in 237-255 (1 to 19 behind): out of order, not applied; counted late when that number had been counted
 *     lost (the loss goes down by one), a duplicate when it had been received;</li>
 * <li>d in 1-236: accepted, d - 1 numbers between are counted lost.</li>
 * </ul>
 * <b>Lower bound.</b> With 256 numbers, a run of r lost packets reads as r mod 256 when (r + 1) mod 256 is in
 * 1-236, and when it is 0 or 237-255 the packet after the outage reads as out of order and is discarded, and so
 * are the next ones until the numbers leave the 20-wide window again (up to 20 packets, counted duplicates or late
 * against older numbers): 256 lost read as none, 300 as 44. At 40 packets a second, any outage longer than about
 * 5.9 s (236 packets) is under-counted; the 2.5 s data loss timeout marks the source lost long before that.
 * After a packet with Stream_Terminated the lane ends: the next packet of the CID on that universe is a new
 * baseline. Not thread-safe.
 */
public final class SacnSequenceCheck {
    /** Outcomes of {@link #check}; 0 and above is the number lost before this packet. */
    public static final int FIRST = -1, DUPLICATE = -2, LATE = -3;
    /** A packet this far behind or less (and not 0) is out of order. */
    public static final int OUT_OF_ORDER = 19;

    private final Map<Key, Lane> lanes = new HashMap<>();

    private record Key(long cidHigh, long cidLow, int universe) {
    }

    private static final class Lane {
        int last;
        int lostBits;   // bit i: number last - 1 - i was counted lost (i < 19)
        boolean ended;
        long received;
        long lost;
        long late;
        long duplicates;
    }

    /** Checks a data (or sync) packet that {@link E131Packet#wrap} accepted. */
    public int check(E131Packet p) {
        boolean terminated = p.kind() == E131Packet.Kind.DATA && p.streamTerminated();
        return check(p.cidHigh(), p.cidLow(), p.universe(), p.sequence(), terminated);
    }

    /** Checks one sequence number on the lane (CID, universe); {@code terminated}: Stream_Terminated was set. */
    public int check(long cidHigh, long cidLow, int universe, int sequence, boolean terminated) {
        Key k = new Key(cidHigh, cidLow, universe);
        Lane l = lanes.get(k);
        int seq = sequence & 0xFF;
        if (l == null || l.ended) {
            if (l == null) {
                l = new Lane();
                lanes.put(k, l);
            }
            l.ended = terminated;
            l.last = seq;
            l.lostBits = 0;
            l.received++;
            return FIRST;
        }
        int d = (seq - l.last) & 0xFF;
        if (d == 0) {
            l.duplicates++;
            return DUPLICATE;
        }
        if (d > 256 - 20) {
            int behind = 256 - d; // 1..19
            int bit = 1 << (behind - 1);
            if ((l.lostBits & bit) != 0) {
                l.lostBits &= ~bit;
                l.late++;
                l.lost--;
                l.received++;
                return LATE;
            }
            l.duplicates++;
            return DUPLICATE;
        }
        l.received++;
        l.lost += d - 1;
        // The d - 1 numbers between are lost: bits 0 .. d-2 after shifting the old ones up by d.
        int missed = d - 1 >= 31 ? -1 : (1 << (d - 1)) - 1;
        l.lostBits = (d >= 32 ? 0 : l.lostBits << d) | missed;
        l.lostBits &= (1 << OUT_OF_ORDER) - 1;
        l.last = seq;
        l.ended = terminated;
        return d - 1;
    }

    private static final Lane NONE = new Lane();

    private Lane lane(long cidHigh, long cidLow, int universe) {
        return lanes.getOrDefault(new Key(cidHigh, cidLow, universe), NONE);
    }

    /** Packets accepted on the lane, plus late ones (not duplicates). */
    public long received(long cidHigh, long cidLow, int universe) {
        return lane(cidHigh, cidLow, universe).received;
    }

    public long lost(long cidHigh, long cidLow, int universe) {
        return lane(cidHigh, cidLow, universe).lost;
    }

    public long late(long cidHigh, long cidLow, int universe) {
        return lane(cidHigh, cidLow, universe).late;
    }

    public long duplicates(long cidHigh, long cidLow, int universe) {
        return lane(cidHigh, cidLow, universe).duplicates;
    }

    /** True when the lane's last packet had Stream_Terminated. */
    public boolean ended(long cidHigh, long cidLow, int universe) {
        return lane(cidHigh, cidLow, universe).ended;
    }

    public int lanes() {
        return lanes.size();
    }
}
