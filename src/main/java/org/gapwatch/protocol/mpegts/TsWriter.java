package org.gapwatch.protocol.mpegts;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes 188-byte transport stream packets into a buffer: PAT, PMT and SDT of one program (each section in one
 * packet, pointer_field 0, CRC-32/MPEG-2), and payload packets of a PID. For {@code publish}, the demo and tests.
 */
public final class TsWriter {
    public static final int PMT_PID = 0x1000;

    private TsWriter() {
    }

    /** A payload-only packet (zeros after the header) with the given counter; returns 188. */
    public static int payload(byte[] b, int off, int pid, int cc, boolean unitStart) {
        header(b, off, pid, cc, unitStart);
        Arrays.fill(b, off + 4, off + TsPacket.SIZE, (byte) 0);
        return TsPacket.SIZE;
    }

    /** The PAT of one program on {@link #PMT_PID}. */
    public static int pat(byte[] b, int off, int cc, int transportStreamId, int program) {
        return section(b, off, 0, cc, 0x00, transportStreamId, new byte[] {(byte) (program >> 8), (byte) program,
                (byte) (0xE0 | PMT_PID >> 8), (byte) PMT_PID});
    }

    /** The PMT of one program on {@link #PMT_PID}: PCR on the first PID, one elementary stream per PID. */
    public static int pmt(byte[] b, int off, int cc, int program, int[] streamTypes, int[] pids) {
        byte[] body = new byte[4 + 5 * pids.length];
        body[0] = (byte) (0xE0 | pids[0] >> 8);
        body[1] = (byte) pids[0];
        body[2] = (byte) 0xF0;
        for (int i = 0, p = 4; i < pids.length; i++, p += 5) {
            body[p] = (byte) streamTypes[i];
            body[p + 1] = (byte) (0xE0 | pids[i] >> 8);
            body[p + 2] = (byte) pids[i];
            body[p + 3] = (byte) 0xF0;
        }
        return section(b, off, PMT_PID, cc, 0x02, program, body);
    }

    /** The SDT (actual) naming the program's service and provider (service_descriptor 0x48, digital TV). */
    public static int sdt(byte[] b, int off, int cc, int transportStreamId, int program, String provider,
                          String service) {
        byte[] pn = provider.getBytes(StandardCharsets.ISO_8859_1);
        byte[] sn = service.getBytes(StandardCharsets.ISO_8859_1);
        int descriptor = 2 + 3 + pn.length + sn.length;
        byte[] body = new byte[3 + 5 + descriptor];
        body[0] = 0; // original_network_id
        body[1] = 1;
        body[2] = (byte) 0xFF;
        body[3] = (byte) (program >> 8);
        body[4] = (byte) program;
        body[5] = (byte) 0xFC;
        body[6] = (byte) (0x80 | descriptor >> 8); // running, not scrambled, descriptors_loop_length
        body[7] = (byte) descriptor;
        int p = 8;
        body[p++] = 0x48;
        body[p++] = (byte) (descriptor - 2);
        body[p++] = 0x01;
        body[p++] = (byte) pn.length;
        System.arraycopy(pn, 0, body, p, pn.length);
        p += pn.length;
        body[p++] = (byte) sn.length;
        System.arraycopy(sn, 0, body, p, sn.length);
        return section(b, off, ProgramTable.SDT_PID, cc, 0x42, transportStreamId, body);
    }

    private static int section(byte[] b, int off, int pid, int cc, int tableId, int idField, byte[] body) {
        header(b, off, pid, cc, true);
        Arrays.fill(b, off + 4, off + TsPacket.SIZE, (byte) 0xFF);
        b[off + 4] = 0; // pointer_field
        int s = off + 5;
        int length = 5 + body.length + 4;
        b[s] = (byte) tableId;
        b[s + 1] = (byte) (0xB0 | length >> 8);
        b[s + 2] = (byte) length;
        b[s + 3] = (byte) (idField >> 8);
        b[s + 4] = (byte) idField;
        b[s + 5] = (byte) 0xC1; // version 0, current
        b[s + 6] = 0;
        b[s + 7] = 0;
        System.arraycopy(body, 0, b, s + 8, body.length);
        int end = s + 3 + length;
        int crc = Crc32Mpeg2.compute(b, s, end - 4 - s);
        b[end - 4] = (byte) (crc >> 24);
        b[end - 3] = (byte) (crc >> 16);
        b[end - 2] = (byte) (crc >> 8);
        b[end - 1] = (byte) crc;
        return TsPacket.SIZE;
    }

    private static void header(byte[] b, int off, int pid, int cc, boolean unitStart) {
        b[off] = TsPacket.SYNC_BYTE;
        b[off + 1] = (byte) ((unitStart ? 0x40 : 0) | (pid >> 8 & 0x1F));
        b[off + 2] = (byte) pid;
        b[off + 3] = (byte) (TsPacket.AFC_PAYLOAD_ONLY << 4 | cc & 0x0F);
    }
}
