package org.gapwatch.protocol.mpegts;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the PSI of a stream says: the programs of the PAT (program_number to PMT PID), each program's PMT (PCR PID,
 * elementary streams with their stream_type) and the service and provider names of the SDT (actual transport stream,
 * table_id 0x42, service_descriptor 0x48). Sections come in complete and CRC-checked; the parse is bounds-checked
 * and ignores what does not fit. A PAT of several sections: their programs are united within one version_number.
 * Sections with current_next_indicator 0 are ignored. Not thread-safe.
 */
public final class ProgramTable {
    public static final int TABLE_PAT = 0x00, TABLE_PMT = 0x02, TABLE_SDT_ACTUAL = 0x42;
    public static final int SDT_PID = 0x0011;
    static final int MAX_PROGRAMS = 512;

    /** One program as its PMT described it. */
    public record Program(int number, int pmtPid, int pcrPid, int[] elementaryPids, int[] streamTypes) {
    }

    private int transportStreamId = -1;
    private int patVersion = -1;
    private final int[] programNumber = new int[MAX_PROGRAMS];
    private final int[] pmtPid = new int[MAX_PROGRAMS];
    private final Program[] pmt = new Program[MAX_PROGRAMS];
    private final int[] pmtVersion = new int[MAX_PROGRAMS];
    private int programs;
    private final Map<Integer, String> serviceNames = new HashMap<>();
    private final Map<Integer, String> providerNames = new HashMap<>();
    private final int[] patCrc = new int[256];
    private final boolean[] patSeen = new boolean[256];
    private final int[] sdtCrc = new int[256];
    private final boolean[] sdtSeen = new boolean[256];
    private int sdtVersion = -1;

    static int sectionLength(byte[] s) {
        return 3 + ((s[1] & 0x0F) << 8 | s[2] & 0xFF);
    }

    private static int u16(byte[] s, int p) {
        return (s[p] & 0xFF) << 8 | s[p + 1] & 0xFF;
    }

    /** The CRC_32 field at the end of a section. */
    private static int crc(byte[] s, int length) {
        return (s[length - 4] & 0xFF) << 24 | (s[length - 3] & 0xFF) << 16 | (s[length - 2] & 0xFF) << 8
                | s[length - 1] & 0xFF;
    }

    private static int version(byte[] s) {
        return (s[5] >> 1) & 0x1F;
    }

    private static boolean current(byte[] s) {
        return (s[5] & 1) != 0;
    }

    /** A PAT section; true when the program list changed. */
    boolean pat(byte[] s, int length) {
        if (length < 12 || !current(s)) {
            return false;
        }
        int tsid = u16(s, 3);
        int v = version(s);
        int section = s[6] & 0xFF;
        int crc = crc(s, length);
        boolean changed = false;
        if (v != patVersion || tsid != transportStreamId) {
            patVersion = v;
            transportStreamId = tsid;
            if (programs > 0) {
                changed = true;
            }
            programs = 0;
            Arrays.fill(patSeen, false);
        } else if (patSeen[section] && patCrc[section] == crc) {
            return false; // the same section again (the usual case, ten times a second)
        }
        patSeen[section] = true;
        patCrc[section] = crc;
        for (int p = 8; p + 4 <= length - 4; p += 4) {
            int number = u16(s, p);
            int pid = u16(s, p + 2) & 0x1FFF;
            if (number == 0) {
                continue; // network_PID (NIT), not a program
            }
            if (indexOf(number) < 0 && programs < MAX_PROGRAMS) {
                programNumber[programs] = number;
                pmtPid[programs] = pid;
                pmt[programs] = null;
                pmtVersion[programs] = -1;
                programs++;
                changed = true;
            }
        }
        return changed;
    }

    /** A PMT section on a PID; true when the PIDs it references changed. */
    boolean pmt(int pid, byte[] s, int length) {
        if (length < 16 || !current(s)) {
            return false;
        }
        int number = u16(s, 3);
        int i = indexOf(number);
        if (i < 0 || pmtPid[i] != pid) {
            return false;
        }
        int v = version(s);
        if (pmt[i] != null && pmtVersion[i] == v) {
            return false;
        }
        int pcr = u16(s, 8) & 0x1FFF;
        int p = 12 + (u16(s, 10) & 0x0FFF);
        int end = length - 4;
        int[] pids = new int[(Math.max(0, end - p)) / 5];
        int[] types = new int[pids.length];
        int n = 0;
        while (p + 5 <= end) {
            types[n] = s[p] & 0xFF;
            pids[n] = u16(s, p + 1) & 0x1FFF;
            n++;
            p += 5 + (u16(s, p + 3) & 0x0FFF);
        }
        pmt[i] = new Program(number, pid, pcr, Arrays.copyOf(pids, n), Arrays.copyOf(types, n));
        pmtVersion[i] = v;
        return true;
    }

    /** An SDT section (actual transport stream). */
    void sdt(byte[] s, int length) {
        if (length < 15 || !current(s)) {
            return;
        }
        int section = s[6] & 0xFF;
        int crc = crc(s, length);
        if (version(s) == sdtVersion && sdtSeen[section] && sdtCrc[section] == crc) {
            return; // the same section again: nothing new to decode
        }
        if (version(s) != sdtVersion) {
            Arrays.fill(sdtSeen, false);
            sdtVersion = version(s);
        }
        sdtSeen[section] = true;
        sdtCrc[section] = crc;
        int end = length - 4;
        int p = 11;
        while (p + 5 <= end) {
            int serviceId = u16(s, p);
            int loop = u16(s, p + 3) & 0x0FFF;
            int d = p + 5;
            int dEnd = Math.min(end, d + loop);
            while (d + 2 <= dEnd) {
                int tag = s[d] & 0xFF;
                int len = s[d + 1] & 0xFF;
                int body = d + 2;
                if (body + len > dEnd) {
                    break;
                }
                if (tag == 0x48 && len >= 3) {
                    int providerLength = s[body + 1] & 0xFF;
                    int namePos = body + 2 + providerLength;
                    if (namePos < body + len) {
                        int nameLength = Math.min(s[namePos] & 0xFF, body + len - namePos - 1);
                        providerNames.put(serviceId, DvbText.decode(s, body + 2, providerLength));
                        serviceNames.put(serviceId, DvbText.decode(s, namePos + 1, nameLength));
                    }
                }
                d = body + len;
            }
            p += 5 + loop;
        }
    }

    private int indexOf(int number) {
        for (int i = 0; i < programs; i++) {
            if (programNumber[i] == number) {
                return i;
            }
        }
        return -1;
    }

    /** transport_stream_id of the PAT, or -1 before one. */
    public int transportStreamId() {
        return transportStreamId;
    }

    public int programCount() {
        return programs;
    }

    public int programNumber(int index) {
        return programNumber[index];
    }

    public int pmtPidOf(int index) {
        return pmtPid[index];
    }

    /** The PMT of program number {@code number}, or null before it came. */
    public Program program(int number) {
        int i = indexOf(number);
        return i < 0 ? null : pmt[i];
    }

    /** Whether the PAT names this PID as a program's PMT PID. */
    public boolean isPmtPid(int pid) {
        for (int i = 0; i < programs; i++) {
            if (pmtPid[i] == pid) {
                return true;
            }
        }
        return false;
    }

    /** service_name of a service (service_id = program_number) from the SDT, or null. */
    public String serviceName(int programNumber) {
        return serviceNames.get(programNumber);
    }

    public String providerName(int programNumber) {
        return providerNames.get(programNumber);
    }

    /** The program whose PMT references the PID (PMT, PCR or elementary PID), or -1. */
    public int programOfPid(int pid) {
        for (int i = 0; i < programs; i++) {
            Program p = pmt[i];
            if (pmtPid[i] == pid || p != null && (p.pcrPid() == pid || contains(p.elementaryPids(), pid))) {
                return programNumber[i];
            }
        }
        return -1;
    }

    /** Every PID the PMTs reference (elementary and PCR PIDs), each once, for PID_error. */
    int[] referencedPids() {
        boolean[] taken = new boolean[TsPacket.PID_COUNT];
        int[] out = new int[16];
        int n = 0;
        for (int i = 0; i < programs; i++) {
            Program p = pmt[i];
            if (p == null) {
                continue;
            }
            for (int k = 0; k <= p.elementaryPids().length; k++) {
                int pid = k < p.elementaryPids().length ? p.elementaryPids()[k] : p.pcrPid();
                if (pid != TsPacket.NULL_PID && !taken[pid]) {
                    taken[pid] = true;
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = pid;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
