package org.gapwatch.protocol.mpegts;

import java.util.Arrays;
import org.gapwatch.protocol.mpegts.Tr101290.Indicator;

/**
 * One MPEG transport stream (one group and port, or one RTP payload type 33 flow) fed datagram by datagram: packet
 * headers, continuity per PID, PAT/PMT/SDT, the TR 101 290 priority 1 indicators and bit rates. Time is passed in
 * (nanoseconds on any monotonic scale); nothing here reads a clock. No allocation per packet: PSI is parsed only
 * when a section completes, and objects are made only when a table changes. Not thread-safe: one writer.
 *
 * <p>TR 101 290 priority 1 as counted here:
 * <ul>
 * <li>TS_sync_loss: after sync was acquired (5 consecutive packets with the sync byte), 2 or more consecutive
 *     packets without it: one event until sync is acquired again;</li>
 * <li>Sync_byte_error: each packet whose first byte is not 0x47;</li>
 * <li>PAT_error: each time the time since the last PAT section on PID 0 grows beyond another 0.5 s (a gap g
 *     costs ceil(g / 0.5 s) - 1; before the first PAT the time counts from the stream's first packet), each section on PID 0 with another table_id, each PID 0 packet with
 *     transport_scrambling_control not 00;</li>
 * <li>Continuity_count_error: each jump of the continuity counter, each repeat of it by a payload packet with
 *     other bytes than the last (15 lost) and each packet seen more than twice ({@link ContinuityRule});</li>
 * <li>PMT_error: as PAT_error for each PMT PID the PAT names (its period starts when the PAT first names it);
 *     scrambled packets on a PMT PID;</li>
 * <li>PID_error: the same with the PID timeout (default 5 s) for each PID a PMT references (elementary and PCR
 *     PIDs), counted from its last packet or from when a PMT first referenced it;</li>
 * <li>Transport_error: each packet with the transport_error_indicator set (such packets count for nothing else).</li>
 * </ul>
 */
public final class MpegTsStream implements SectionAssembler.Sink {
    public static final long DEFAULT_PID_TIMEOUT_NANOS = 5_000_000_000L;
    static final long TABLE_PERIOD_NANOS = 500_000_000L;
    static final long RATE_WINDOW_NANOS = 1_000_000_000L;
    private static final int SYNC_ACQUIRE = 5;
    private static final int SYNC_LOSE = 2;
    private static final int MAX_PSI_PIDS = 64;

    private final long pidTimeout;
    private final TsPacket packet = new TsPacket();
    private final ContinuityCounter continuity = new ContinuityCounter();
    private final Tr101290 tr = new Tr101290();
    private final ProgramTable tables = new ProgramTable();
    private final long[] rejects = new long[TsReject.values().length];

    // PSI reassembly: PID 0, the SDT PID and the PMT PIDs, each with its own assembler.
    private final SectionAssembler[] assemblers = new SectionAssembler[MAX_PSI_PIDS];
    private final short[] assemblerOfPid = new short[TsPacket.PID_COUNT];
    private int assemblerCount;

    // TR 101 290 timing.
    private boolean started;
    private long now;
    private Deadline pat;
    private final Deadline[] pmtDeadline = new Deadline[TsPacket.PID_COUNT];
    private final Deadline[] pidDeadline = new Deadline[TsPacket.PID_COUNT];
    private int[] pmtPids = new int[0];
    private int[] referenced = new int[0];
    private boolean inSync;
    private int goodRun;
    private int badRun;

    // Counts and rates.
    private final PidSlots slots = new PidSlots();
    private long[] pidPackets = new long[16];
    private long[] pidWindowStart = new long[16];
    private long[] pidRate = new long[16];
    private long packets;
    private long datagrams;
    private long windowStart;
    private long windowStartPackets;
    private long rate;

    public MpegTsStream() {
        this(DEFAULT_PID_TIMEOUT_NANOS);
    }

    /** @param pidTimeoutNanos how long a referenced PID may be absent before it is a PID_error */
    public MpegTsStream(long pidTimeoutNanos) {
        if (pidTimeoutNanos <= 0) {
            throw new IllegalArgumentException("PID timeout must be positive: " + pidTimeoutNanos);
        }
        this.pidTimeout = pidTimeoutNanos;
        Arrays.fill(assemblerOfPid, (short) -1);
        follow(0);
        follow(ProgramTable.SDT_PID);
    }

    /**
     * One datagram (or RTP payload) of packets. Returns null when it was taken, or the whole-datagram reason
     * ({@link TsReject#BAD_LENGTH}, {@link TsReject#SYNC_LOSS}) when it was rejected (and counted). {@code lanes}
     * may be null.
     */
    public TsReject accept(byte[] b, int off, int len, long nanos, TsLaneSink lanes) {
        TsReject whole = TsDatagram.check(b, off, len);
        advance(nanos);
        if (whole == TsReject.BAD_LENGTH) {
            rejects[whole.ordinal()]++;
            return whole;
        }
        datagrams++;
        int n = len / TsPacket.SIZE;
        for (int i = 0; i < n; i++) {
            packet(packet.wrap(b, off + i * TsPacket.SIZE), lanes);
        }
        if (whole != null) {
            rejects[whole.ordinal()]++;
        }
        return whole;
    }

    /** Lets time pass without data: table, PID and rate windows are checked against {@code nanos}. */
    public void advance(long nanos) {
        if (!started) {
            started = true;
            now = nanos;
            pat = new Deadline(TABLE_PERIOD_NANOS, nanos);
            windowStart = nanos;
            return;
        }
        if (nanos < now) {
            return; // time never runs backwards here
        }
        now = nanos;
        tr.add(Indicator.PAT_ERROR, pat.overdue(now));
        for (int pid : pmtPids) {
            tr.add(Indicator.PMT_ERROR, pmtDeadline[pid].overdue(now));
        }
        for (int pid : referenced) {
            tr.add(Indicator.PID_ERROR, pidDeadline[pid].overdue(now));
        }
        if (now - windowStart >= RATE_WINDOW_NANOS) {
            closeRateWindow();
        }
    }

    private void packet(TsPacket p, TsLaneSink lanes) {
        if (!p.syncOk()) {
            rejects[TsReject.SYNC_BYTE.ordinal()]++;
            tr.add(Indicator.SYNC_BYTE_ERROR, 1);
            goodRun = 0;
            if (++badRun >= SYNC_LOSE && inSync) {
                inSync = false;
                tr.add(Indicator.TS_SYNC_LOSS, 1);
            }
            return;
        }
        badRun = 0;
        if (!inSync && ++goodRun >= SYNC_ACQUIRE) {
            inSync = true;
        }
        packets++;
        if (p.transportError()) {
            tr.add(Indicator.TRANSPORT_ERROR, 1);
            return;
        }
        int pid = p.pid();
        count(pid);
        Deadline d = pidDeadline[pid];
        if (d != null) {
            tr.add(Indicator.PID_ERROR, d.occurred(now));
        }
        if (!p.layoutValid()) {
            rejects[TsReject.BAD_ADAPTATION.ordinal()]++;
            return;
        }
        boolean scrambled = p.scrambling() != 0;
        if (scrambled && pid == 0) {
            tr.add(Indicator.PAT_ERROR, 1);
        } else if (scrambled && pmtDeadline[pid] != null) {
            tr.add(Indicator.PMT_ERROR, 1);
        }
        int outcome = ContinuityCounter.NOT_CHECKED;
        if (pid != TsPacket.NULL_PID) {
            outcome = continuity.check(p);
            if (ContinuityRule.isError(outcome)) {
                tr.add(Indicator.CONTINUITY_COUNT_ERROR, 1);
            }
            if (lanes != null) {
                lanes.packet(pid, continuity.counter(pid), ContinuityRule.flags(p));
            }
        }
        int a = assemblerOfPid[pid];
        if (a >= 0 && !scrambled) {
            SectionAssembler s = assemblers[a];
            if (ContinuityRule.isError(outcome) || outcome == ContinuityRule.RESET) {
                s.abandon();
            }
            int length = p.payloadLength();
            if (length > 0 && outcome != ContinuityRule.DUPLICATE && outcome != ContinuityRule.REPEAT_ERROR) {
                s.payload(p.bytes(), p.payloadOffset(), length, p.payloadUnitStart(), this);
            }
        }
    }

    private void count(int pid) {
        int s = slots.slot(pid);
        if (s >= pidPackets.length) {
            int n = slots.capacity();
            pidPackets = Arrays.copyOf(pidPackets, n);
            pidWindowStart = Arrays.copyOf(pidWindowStart, n);
            pidRate = Arrays.copyOf(pidRate, n);
        }
        pidPackets[s]++;
    }

    private void closeRateWindow() {
        double elapsed = now - windowStart;
        rate = Math.round((packets - windowStartPackets) * (TsPacket.SIZE * 8 * 1e9) / elapsed);
        windowStartPackets = packets;
        for (int s = 0; s < slots.count(); s++) {
            pidRate[s] = Math.round((pidPackets[s] - pidWindowStart[s]) * (TsPacket.SIZE * 8 * 1e9) / elapsed);
            pidWindowStart[s] = pidPackets[s];
        }
        windowStart = now;
    }

    private void follow(int pid) {
        if (assemblerOfPid[pid] >= 0 || assemblerCount == MAX_PSI_PIDS) {
            return;
        }
        SectionAssembler a = new SectionAssembler();
        a.pid(pid);
        assemblers[assemblerCount] = a;
        assemblerOfPid[pid] = (short) assemblerCount++;
    }

    @Override
    public void section(int pid, byte[] s, int length) {
        boolean syntax = (s[1] & 0x80) != 0;
        if (syntax && (length < 12 || Crc32Mpeg2.compute(s, 0, length) != 0)) {
            rejects[TsReject.BAD_CRC.ordinal()]++;
            return;
        }
        int table = s[0] & 0xFF;
        if (pid == 0) {
            if (table != ProgramTable.TABLE_PAT) {
                tr.add(Indicator.PAT_ERROR, 1);
                return;
            }
            tr.add(Indicator.PAT_ERROR, pat.occurred(now));
            if (tables.pat(s, length)) {
                programsChanged();
            }
        } else if (pid == ProgramTable.SDT_PID && table == ProgramTable.TABLE_SDT_ACTUAL) {
            tables.sdt(s, length);
        }
        if (table == ProgramTable.TABLE_PMT && pmtDeadline[pid] != null) {
            tr.add(Indicator.PMT_ERROR, pmtDeadline[pid].occurred(now));
            if (tables.pmt(pid, s, length)) {
                referencesChanged();
            }
        }
    }

    @Override
    public void reject(TsReject reason) {
        rejects[reason.ordinal()]++;
    }

    private void programsChanged() {
        int[] next = new int[tables.programCount()];
        for (int i = 0; i < next.length; i++) {
            next[i] = tables.pmtPidOf(i);
            follow(next[i]);
        }
        pmtPids = watch(pmtPids, next, pmtDeadline, TABLE_PERIOD_NANOS);
        referencesChanged();
    }

    private void referencesChanged() {
        referenced = watch(referenced, tables.referencedPids(), pidDeadline, pidTimeout);
    }

    /** Deadlines for exactly the PIDs of {@code next}: dropped for PIDs gone, started now for new ones. */
    private int[] watch(int[] old, int[] next, Deadline[] deadlines, long period) {
        for (int pid : old) {
            if (!ProgramTable.contains(next, pid)) {
                deadlines[pid] = null;
            }
        }
        for (int pid : next) {
            if (deadlines[pid] == null) {
                deadlines[pid] = new Deadline(period, now);
            }
        }
        return next;
    }

    // ---- reading ----

    public Tr101290 errors() {
        return tr;
    }

    public ContinuityCounter continuity() {
        return continuity;
    }

    public ProgramTable tables() {
        return tables;
    }

    /** How often a reason was counted (whole datagrams for the whole-datagram reasons, else packets or sections). */
    public long rejected(TsReject reason) {
        return rejects[reason.ordinal()];
    }

    /** Datagrams taken (not rejected as {@link TsReject#BAD_LENGTH}). */
    public long datagrams() {
        return datagrams;
    }

    /** Packets with the sync byte. */
    public long packets() {
        return packets;
    }

    /** Packets with the sync byte and no transport error on a PID. */
    public long packets(int pid) {
        return slots.value(pidPackets, pid);
    }

    /**
     * Bits per second of the stream's packets (188 bytes each) over the last rate window: at least 1 s, closed by
     * the first datagram or {@link #advance} after it. 0 before the first window closed.
     */
    public long bitRate() {
        return rate;
    }

    /** As {@link #bitRate()} for one PID. */
    public long bitRate(int pid) {
        return slots.value(pidRate, pid);
    }

    /** The PIDs seen so far, in the order first seen. */
    public int[] pids() {
        return slots.pids();
    }

    /** The PIDs the PMTs reference now. */
    public int[] referencedPids() {
        return referenced.clone();
    }

    /** Whether the stream is in sync (TR 101 290: 5 consecutive sync bytes acquire it, 2 bad ones lose it). */
    public boolean inSync() {
        return inSync;
    }
}
