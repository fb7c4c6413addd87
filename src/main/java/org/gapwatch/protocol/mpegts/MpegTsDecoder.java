package org.gapwatch.protocol.mpegts;

import java.util.Locale;
import org.gapwatch.protocol.DecodeResult;
import org.gapwatch.protocol.ProtocolDecoder;
import org.gapwatch.protocol.SequenceSpace;
import org.gapwatch.protocol.Update;
import org.gapwatch.protocol.mpegts.Tr101290.Indicator;

/**
 * Decodes one MPEG transport stream (one subscription, or the payload type 33 packets of one RTP subscription) into
 * updates of one source, {@code mpegts/<group:port>}: one update per TS packet with payload on a PID other than the
 * null PID, its lane the PID, its number the PID's continuity count in {@link SequenceSpace#MPEGTS_CC_4} (the
 * continuity_counter extended by {@link ContinuityCounter#counter}: a duplicate repeats the number, a repeated
 * counter with other bytes is 16 on, 15 lost); the discontinuity_indicator resets the lane. Packets without payload send no update (they do not advance the counter).
 * As the source's value the stream's bit rate (kbit/s, whole 188-byte packets, over the last second), as its text
 * the TR 101 290 priority 1 counts; status {@code warn} while one of them rose in the last second. Each lane's
 * label names the PID, its stream type, its service (from the SDT) and its bit rate. Figures and labels are renewed
 * once a second; a packet allocates nothing. Packet-level faults ({@code mpegts/sync-byte}, {@code
 * mpegts/bad-adaptation}, {@code mpegts/bad-section}, {@code mpegts/bad-crc}) are counted as invalid updates of the
 * source, whole-datagram ones ({@code mpegts/bad-length}, {@code mpegts/sync-loss}) reject the datagram.
 */
public final class MpegTsDecoder implements ProtocolDecoder {
    private static final long SECOND = 1_000_000_000L;
    private static final TsReject[] PART_REASONS = {TsReject.SYNC_BYTE, TsReject.BAD_ADAPTATION,
            TsReject.BAD_SECTION, TsReject.BAD_CRC};
    /** Invalid updates per datagram at most (the counts beyond go into the next datagrams' room). */
    private static final int MAX_INVALID_PER_DATAGRAM = 8;

    private final String name;
    private final MpegTsStream stream = new MpegTsStream();
    private final DecodeResult result = new DecodeResult(65_536 / TsPacket.SIZE + MAX_INVALID_PER_DATAGRAM + 1);
    private final String[] pendingLabel = new String[TsPacket.PID_COUNT];
    private final long[] reported = new long[TsReject.values().length];
    private final long[] lastIndicators = new long[Indicator.values().length];
    private final TsLaneSink lanes = this::packet;

    private boolean started;
    private long renewedAt;
    private boolean renewedNow;
    private boolean haveRate;
    private double kbps;
    private String text;
    private String status;

    /** @param label the subscription's {@code group:port}, the source's name after {@code mpegts/} */
    public MpegTsDecoder(String label) {
        this.name = "mpegts/" + label;
    }

    @Override
    public DecodeResult decode(byte[] data, int off, int len, int port, long arrivalNanos) {
        result.reset();
        stream.advance(arrivalNanos); // closes the rate window first, so this datagram's updates carry it
        if (!started || arrivalNanos - renewedAt >= SECOND) {
            renew(arrivalNanos);
        }
        TsReject whole = stream.accept(data, off, len, arrivalNanos, lanes);
        if (whole != null) {
            syncReported();
            result.reject(whole);
            return result;
        }
        invalidParts();
        return result;
    }

    private void packet(int pid, long count, int flags) {
        if ((flags & ContinuityRule.NO_PAYLOAD) != 0 || result.count() == result.capacity()) {
            return; // no payload: the counter does not advance, nothing to place
        }
        Update u = result.next().src(name).seq(count).protocol(MpegTsProtocol.SCHEME).lane(pid)
                .space(SequenceSpace.MPEGTS_CC_4).resetLane((flags & ContinuityRule.DISCONTINUITY) != 0)
                .text(text).status(status).sameValue(!renewedNow);
        renewedNow = false;
        if (haveRate) {
            u.number(kbps).unit("kbit/s");
        }
        String label = pendingLabel[pid];
        if (label != null) {
            u.laneLabel(label);
            pendingLabel[pid] = null;
        }
    }

    /** The figures of the last second: bit rate, TR 101 290 counts, status and each PID's label. */
    private void renew(long nanos) {
        boolean first = !started;
        started = true;
        renewedAt = nanos;
        renewedNow = true;
        haveRate = !first; // the first window closed by now (it opened with the first datagram)
        kbps = Math.round(stream.bitRate() / 100.0) / 10.0;
        Tr101290 tr = stream.errors();
        StringBuilder s = new StringBuilder("TR 101 290");
        boolean rose = false;
        for (Indicator i : Indicator.values()) {
            long n = tr.count(i);
            rose |= n > lastIndicators[i.ordinal()];
            lastIndicators[i.ordinal()] = n;
            s.append(i.ordinal() == 0 ? ": " : " · ").append(i.label()).append(' ').append(n);
        }
        s.append(" · ").append(stream.pids().length).append(" PIDs");
        text = s.toString();
        status = rose ? "warn" : "ok";
        ProgramTable t = stream.tables();
        for (int pid : stream.pids()) {
            pendingLabel[pid] = label(t, pid, stream.bitRate(pid));
        }
    }

    /** {@code PID 0x0100 · MPEG-2 video · News HD · 1.20 Mbit/s}. */
    static String label(ProgramTable t, int pid, long bitsPerSecond) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "PID 0x%04X", pid));
        String kind = pid == 0 ? "PAT" : pid == ProgramTable.SDT_PID ? "SDT" : t.isPmtPid(pid) ? "PMT" : null;
        int program = t.programOfPid(pid);
        if (kind == null && program >= 0) {
            ProgramTable.Program p = t.program(program);
            for (int k = 0; p != null && k < p.elementaryPids().length; k++) {
                if (p.elementaryPids()[k] == pid) {
                    kind = streamTypeName(p.streamTypes()[k]);
                }
            }
            if (kind == null && p != null && p.pcrPid() == pid) {
                kind = "PCR";
            }
        }
        if (kind != null) {
            s.append(" · ").append(kind);
        }
        String service = program >= 0 ? t.serviceName(program) : null;
        if (service != null) {
            s.append(" · ").append(service);
        } else if (program >= 0) {
            s.append(" · program ").append(program);
        }
        s.append(String.format(Locale.ROOT, " · %.2f Mbit/s", bitsPerSecond / 1e6));
        return s.toString();
    }

    /** Names of the common stream_type values (ISO/IEC 13818-1 Table 2-34 and the usual registrations). */
    static String streamTypeName(int type) {
        return switch (type) {
            case 0x01 -> "MPEG-1 video";
            case 0x02 -> "MPEG-2 video";
            case 0x03 -> "MPEG-1 audio";
            case 0x04 -> "MPEG-2 audio";
            case 0x05 -> "private sections";
            case 0x06 -> "PES private data";
            case 0x0F -> "AAC (ADTS)";
            case 0x10 -> "MPEG-4 video";
            case 0x11 -> "AAC (LATM)";
            case 0x15 -> "metadata";
            case 0x1B -> "H.264";
            case 0x24 -> "HEVC";
            case 0x81 -> "AC-3";
            case 0x86 -> "SCTE-35";
            case 0x87 -> "E-AC-3";
            default -> String.format(Locale.ROOT, "stream type 0x%02X", type);
        };
    }

    /** Packet- and section-level faults of this datagram, as invalid updates of the source. */
    private void invalidParts() {
        int room = MAX_INVALID_PER_DATAGRAM;
        for (TsReject r : PART_REASONS) {
            long n = stream.rejected(r) - reported[r.ordinal()];
            for (; n > 0 && room > 0 && result.count() < result.capacity(); n--, room--) {
                result.next().src(name).protocol(MpegTsProtocol.SCHEME).reason(r);
                reported[r.ordinal()]++;
            }
        }
    }

    /** A rejected datagram's packets are counted by the stream (Sync_byte_error), not again as invalid updates. */
    private void syncReported() {
        for (TsReject r : PART_REASONS) {
            reported[r.ordinal()] = stream.rejected(r);
        }
    }

    /** The stream's own figures (TR 101 290, tables), for tests and the detail of the source. */
    public MpegTsStream stream() {
        return stream;
    }
}
