package org.gapwatch.protocol.mpegts;

/**
 * Reassembles the PSI sections of one PID from packet payloads (ISO/IEC 13818-1, 2.4.4): a packet with
 * payload_unit_start_indicator begins with a pointer_field giving where the next section starts (the bytes before it
 * finish the previous one); a section is 3 header bytes plus section_length; 0xFF after a section is stuffing.
 * Sections of up to 4,096 bytes (private sections); a fixed buffer, no allocation. Complete sections go to the sink
 * unchecked (the CRC is the sink's business). Not thread-safe.
 */
final class SectionAssembler {
    static final int MAX_SECTION = 4096;

    interface Sink {
        void section(int pid, byte[] section, int length);

        void reject(TsReject reason);
    }

    private final byte[] buf = new byte[MAX_SECTION];
    private int have;
    private boolean collecting;
    private int pid;

    void pid(int pid) {
        this.pid = pid;
    }

    /** Drops a partial section, as after lost packets on this PID. */
    void abandon() {
        collecting = false;
        have = 0;
    }

    void payload(byte[] b, int off, int len, boolean unitStart, Sink sink) {
        if (!unitStart) {
            if (collecting) {
                append(b, off, len, sink);
            }
            return;
        }
        if (len < 1) {
            abandon();
            return;
        }
        int pointer = b[off] & 0xFF;
        off++;
        len--;
        if (pointer > len) {
            abandon();
            sink.reject(TsReject.BAD_SECTION);
            return;
        }
        if (collecting) {
            int used = append(b, off, pointer, sink);
            if (collecting && used == pointer) {
                // The new section starts before the old one is complete: the old one is damaged.
                sink.reject(TsReject.BAD_SECTION);
            }
        }
        abandon();
        off += pointer;
        len -= pointer;
        while (len > 0 && (b[off] & 0xFF) != 0xFF) {
            collecting = true;
            have = 0;
            int used = append(b, off, len, sink);
            if (collecting) {
                return; // continues in the next packet
            }
            off += used;
            len -= used;
        }
    }

    /** Appends up to the end of the current section; returns the bytes used. Emits and stops collecting when done. */
    private int append(byte[] b, int off, int len, Sink sink) {
        int used = 0;
        if (have < 3) {
            int n = Math.min(3 - have, len);
            System.arraycopy(b, off, buf, have, n);
            have += n;
            used += n;
            if (have < 3) {
                return used;
            }
        }
        int total = 3 + ((buf[1] & 0x0F) << 8 | buf[2] & 0xFF);
        if (total > MAX_SECTION) {
            abandon();
            sink.reject(TsReject.BAD_SECTION);
            return len;
        }
        int n = Math.min(total - have, len - used);
        System.arraycopy(b, off + used, buf, have, n);
        have += n;
        used += n;
        if (have == total) {
            collecting = false;
            have = 0;
            sink.section(pid, buf, total);
        }
        return used;
    }
}
