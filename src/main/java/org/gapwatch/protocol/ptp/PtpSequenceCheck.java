package org.gapwatch.protocol.ptp;

import java.util.Arrays;

/**
 * 16-bit sequenceId accounting per (sourcePortIdentity, domainNumber, messageType): each message type of a port has
 * its own sequence (IEEE 1588-2008 7.3.7). Within one lane, with d = (seqId - highest) mod 2^16:
 * <ul>
 * <li>the first message sets the baseline (nothing is lost before it; a number just before it reads as a
 *     duplicate);</li>
 * <li>d = 0 or a number in the reorder window already seen: duplicate;</li>
 * <li>1 &lt;= d &lt;= {@value #MAX_DROPOUT}: in order, d - 1 lost (across the wrap from 65535 to 0 too);</li>
 * <li>behind by at most {@value #WINDOW} and not yet seen: late, it fills a hole and the loss goes down by one;</li>
 * <li>anything else: a restart (a new baseline, nothing lost across it), as when ptp4l restarts from 0.</li>
 * </ul>
 * Responses (Delay_Resp, Pdelay_Resp, Pdelay_Resp_Follow_Up) carry the requester's sequenceId: with one requester
 * they are checked like the others; with several, check them per requester through {@link #check(long, int, int,
 * int, int)} with a key that includes it. An open-addressing table, no allocation once a lane exists. Not
 * thread-safe.
 */
public final class PtpSequenceCheck {
    public static final int MAX_DROPOUT = 3000;
    public static final int WINDOW = 64;

    /** Outcomes of {@link #check}: 0 and above is the number lost before this message. */
    public static final int FIRST = -1, DUPLICATE = -2, LATE = -3, RESTART = -4;

    private long[] clock = new long[64];
    private int[] rest = new int[64];   // portNumber << 16 | domain << 4 | type, with bit 31 set when used
    private int[] highest = new int[64];
    private long[] seen = new long[64]; // bit i: highest - i received
    private long[] received = new long[64];
    private long[] lost = new long[64];
    private long[] late = new long[64];
    private long[] duplicates = new long[64];
    private long[] restarts = new long[64];
    private int used;

    /** Checks one message that {@link PtpMessage#wrap} accepted. */
    public int check(PtpMessage m) {
        return check(m.clockIdentity(), m.portNumber(), m.domainNumber(), m.type().code(), m.sequenceId());
    }

    /** Checks one sequenceId on the lane (clockIdentity, portNumber, domainNumber, messageType code). */
    public int check(long clockIdentity, int portNumber, int domain, int type, int sequenceId) {
        int key = 1 << 31 | (portNumber & 0xFFFF) << 12 | (domain & 0xFF) << 4 | (type & 0x0F);
        int slot = find(clockIdentity, key);
        int seq = sequenceId & 0xFFFF;
        if (rest[slot] == 0) {
            rest[slot] = key;
            clock[slot] = clockIdentity;
            used++;
            highest[slot] = seq;
            seen[slot] = -1L; // numbers before the baseline count as seen: nothing is lost before it
            received[slot] = 1;
            if (used * 2 > rest.length) {
                grow();
            }
            return FIRST;
        }
        int d = (seq - highest[slot]) & 0xFFFF;
        if (d == 0) {
            duplicates[slot]++;
            return DUPLICATE;
        }
        if (d <= MAX_DROPOUT) {
            received[slot]++;
            lost[slot] += d - 1;
            highest[slot] = seq;
            seen[slot] = d >= 64 ? 1 : seen[slot] << d | 1;
            return d - 1;
        }
        int behind = 0x10000 - d;
        if (behind < WINDOW) {
            long bit = 1L << behind;
            if ((seen[slot] & bit) != 0) {
                duplicates[slot]++;
                return DUPLICATE;
            }
            seen[slot] |= bit;
            received[slot]++;
            late[slot]++;
            lost[slot]--;
            return LATE;
        }
        restarts[slot]++;
        received[slot]++;
        highest[slot] = seq;
        seen[slot] = -1L;
        return RESTART;
    }

    private int find(long clockIdentity, int key) {
        int mask = rest.length - 1;
        int h = Long.hashCode(clockIdentity * 0x9E3779B97F4A7C15L ^ key * 0x85EBCA6BL);
        int i = (h ^ h >>> 16) & mask;
        while (rest[i] != 0 && (rest[i] != key || clock[i] != clockIdentity)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oc = clock;
        int[] or = rest;
        int[] oh = highest;
        long[] os = seen, orc = received, ol = lost, olt = late, od = duplicates, ors = restarts;
        int n = or.length * 2;
        clock = new long[n];
        rest = new int[n];
        highest = new int[n];
        seen = new long[n];
        received = new long[n];
        lost = new long[n];
        late = new long[n];
        duplicates = new long[n];
        restarts = new long[n];
        for (int i = 0; i < or.length; i++) {
            if (or[i] != 0) {
                int j = find(oc[i], or[i]);
                clock[j] = oc[i];
                rest[j] = or[i];
                highest[j] = oh[i];
                seen[j] = os[i];
                received[j] = orc[i];
                lost[j] = ol[i];
                late[j] = olt[i];
                duplicates[j] = od[i];
                restarts[j] = ors[i];
            }
        }
    }

    private long of(long[] a, long clockIdentity, int portNumber, int domain, PtpMessageType type) {
        int key = 1 << 31 | (portNumber & 0xFFFF) << 12 | (domain & 0xFF) << 4 | type.code();
        int slot = find(clockIdentity, key);
        return rest[slot] == 0 ? 0 : a[slot];
    }

    /** Messages received on a lane (duplicates not included). */
    public long received(long clockIdentity, int portNumber, int domain, PtpMessageType type) {
        return of(received, clockIdentity, portNumber, domain, type);
    }

    public long lost(long clockIdentity, int portNumber, int domain, PtpMessageType type) {
        return of(lost, clockIdentity, portNumber, domain, type);
    }

    public long late(long clockIdentity, int portNumber, int domain, PtpMessageType type) {
        return of(late, clockIdentity, portNumber, domain, type);
    }

    public long duplicates(long clockIdentity, int portNumber, int domain, PtpMessageType type) {
        return of(duplicates, clockIdentity, portNumber, domain, type);
    }

    public long restarts(long clockIdentity, int portNumber, int domain, PtpMessageType type) {
        return of(restarts, clockIdentity, portNumber, domain, type);
    }

    /** Lost over every lane of a port identity in a domain (the source's figure: the sum of its message types). */
    public long lost(long clockIdentity, int portNumber, int domain) {
        long sum = 0;
        for (PtpMessageType t : PtpMessageType.values()) {
            sum += lost(clockIdentity, portNumber, domain, t);
        }
        return sum;
    }

    /** Lanes seen. */
    public int lanes() {
        return used;
    }

    @Override
    public String toString() {
        return "PtpSequenceCheck[" + used + " lanes, lost " + Arrays.stream(lost).sum() + "]";
    }
}
