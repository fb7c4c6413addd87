package org.gapwatch.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the UDP datagrams of a pcap or pcapng file, one at a time and in file order, in bounded memory.
 *
 * <p>pcap: both byte orders, microsecond and nanosecond magic (and the modified-pcap variant). pcapng: sections of
 * either byte order, interface descriptions with {@code if_tsresol}/{@code if_tsoffset}, enhanced, simple and
 * obsolete packet blocks, several interfaces with different link types; other blocks are skipped; bytes that are no
 * block are skipped up to the next block. Link types: see {@link PacketDecoder}.
 *
 * <p>Damage is counted in {@link #stats()} and skipped; only a file that is no capture at all throws
 * {@link CaptureFormatException}. Not thread-safe.
 */
public final class CaptureReader implements Closeable {
    private static final int PCAP_HEADER = 24;
    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int PB = 2;
    private static final int SPB = 3;
    private static final int NRB = 4;
    private static final int ISB = 5;
    private static final int EPB = 6;
    private static final int DSB = 10;
    private static final int MAX_INTERFACES = 65536;
    /** Bytes looked through at a time while resynchronising (well under the source's buffer). */
    private static final int SCAN_CHUNK = 64 * 1024;
    // Byte order of a pcapng block: see blockOrder.
    private static final int BIG = 0;
    private static final int LITTLE = 1;
    private static final int NO_ORDER = -1;

    /** Told how far a reader has read, each time it fetches more of the file; called on the reading thread. */
    @FunctionalInterface
    public interface ReadListener {
        void read(long offset, long size);
    }

    private record Interface(int linkType, long snapLength, long unitsPerSecond, long offsetSeconds) {
    }

    private final Path file;
    private final ByteSource in;
    private final CaptureStats stats = new CaptureStats();
    private final PacketDecoder decoder;
    private final boolean pcapng;
    private String format;
    private boolean little;
    private boolean eof;
    private boolean finished;
    private long steps;

    // pcap
    private int pcapLinkType;
    private long pcapUnits;
    private int pcapRecordHeader = 16;
    private long lastSeconds = -1;

    // pcapng
    private final List<Interface> interfaces = new ArrayList<>();
    private boolean resyncing;
    private long lastNanos;

    private CaptureReader(Path file, ByteSource in, CaptureFilter filter) throws IOException {
        this.file = file;
        this.in = in;
        this.decoder = new PacketDecoder(filter, stats);
        if (!in.ensure(4)) {
            throw new CaptureFormatException(file + " is not a capture: " + (in.size() == 0 ? "the file is empty"
                    : "only " + in.size() + " bytes"));
        }
        int magic = PacketDecoder.u32be(in.buffer(), in.pos());
        pcapng = magic == SHB;
        if (!pcapng) {
            readPcapHeader(magic);
        } else {
            int bom = in.ensure(12) ? PacketDecoder.u32be(in.buffer(), in.pos() + 8) : 0;
            if (bom != 0x1A2B3C4D && bom != 0x4D3C2B1A) {
                throw new CaptureFormatException(file + " is not a pcapng capture (no byte-order magic in its "
                        + "section header)");
            }
            format = "pcapng";
        }
    }

    /**
     * Opens a capture; throws {@link CaptureFormatException} with a one-line message when it is none, and
     * {@link org.gapwatch.files.UnreadableFileException} with one line naming the file and the reason when it cannot
     * be read (missing, a directory, a FIFO or device, permission denied, a symbolic link loop...).
     */
    public static CaptureReader open(Path file, CaptureFilter filter) throws IOException {
        ByteSource in = new ByteSource(file);
        try {
            return new CaptureReader(file, in, filter);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** What the file is, e.g. "pcap (little-endian, nanoseconds, raw IP)". */
    public String format() {
        return format;
    }

    public CaptureStats stats() {
        return stats;
    }

    /**
     * Reports progress through the file to {@code listener} from now on (null: no more): long reads, such as a
     * stretch of junk to skip, call it as they go, not only between datagrams.
     */
    public void onRead(ReadListener listener) {
        in.listener(listener);
    }

    /**
     * Times {@link #next} went through the record or block path: one per record or block, and one per false start
     * while resynchronising. Tests use it to see that junk is looked through in bulk.
     */
    long steps() {
        return steps;
    }

    /** The next datagram passing the filter, or null at the end of the file. */
    public CapturedDatagram next() throws IOException {
        while (!eof) {
            steps++;
            CapturedDatagram d = pcapng ? nextBlock() : nextRecord();
            if (d != null) {
                return d;
            }
        }
        if (!finished) {
            finished = true;
            decoder.finish();
        }
        return null;
    }

    // ---- pcap ----

    private void readPcapHeader(int magic) throws IOException {
        String resolution;
        switch (magic) {
            case 0xA1B2C3D4, 0xD4C3B2A1 -> {
                pcapUnits = 1_000_000;
                resolution = "microseconds";
            }
            case 0xA1B23C4D, 0x4D3CB2A1 -> {
                pcapUnits = 1_000_000_000;
                resolution = "nanoseconds";
            }
            case 0xA1B2CD34, 0x34CDB2A1 -> {
                pcapUnits = 1_000_000;
                pcapRecordHeader = 24;
                resolution = "microseconds, modified pcap";
            }
            default -> throw new CaptureFormatException(file + " is not a pcap or pcapng capture (starts with 0x"
                    + String.format("%08x", magic) + ")");
        }
        little = (magic & 0xFF) == 0xA1;
        if (!in.ensure(PCAP_HEADER)) {
            throw new CaptureFormatException(file + ": pcap file header cut short (" + in.size() + " of 24 bytes)");
        }
        byte[] b = in.buffer();
        int p = in.pos();
        pcapLinkType = u32(b, p + 20) & 0xFFFF;
        format = "pcap (" + (little ? "little-endian" : "big-endian") + ", " + resolution + ", "
                + PacketDecoder.linkTypeName(pcapLinkType) + ")";
        if (!PacketDecoder.known(pcapLinkType)) {
            stats.unknownLinkType(pcapLinkType);
        }
        in.skip(PCAP_HEADER);
    }

    private CapturedDatagram nextRecord() throws IOException {
        if (resyncing) {
            skipToPlausibleRecordHeader();
        }
        long left = in.remaining();
        if (left == 0) {
            eof = true;
            return null;
        }
        if (left < pcapRecordHeader) {
            if (resyncing) {
                eof = true;
                return null;
            }
            return cutShort("file ends inside a record header at offset " + in.offset());
        }
        in.ensure(pcapRecordHeader);
        byte[] b = in.buffer();
        int p = in.pos();
        long caplen = u32(b, p + 8) & 0xFFFFFFFFL;
        long origlen = u32(b, p + 12) & 0xFFFFFFFFL;
        if (resyncing && !plausibleHere(left)) {
            in.skip(1);
            return null;
        }
        if (caplen > ByteSource.MAX_RECORD || caplen > origlen) {
            // The record boundary is lost (no packet is captured longer than it was, so one of the lengths is
            // damaged and caplen cannot be trusted to find the next record): look for the next record that makes
            // sense, as resynchronising does.
            stats.skip(SkipReason.BAD_RECORD);
            stats.skip(SkipReason.GARBAGE);
            resyncing = true;
            in.skip(1);
            return null;
        }
        if (caplen > left - pcapRecordHeader) {
            if (resyncing) {
                in.skip(1);
                return null;
            }
            return cutShort("file ends inside a record at offset " + in.offset() + " (truncated capture)");
        }
        resyncing = false;
        int length = pcapRecordHeader + (int) caplen;
        in.ensure(length);
        b = in.buffer();
        p = in.pos();
        long seconds = u32(b, p) & 0xFFFFFFFFL;
        long fraction = u32(b, p + 4) & 0xFFFFFFFFL;
        long nanos = seconds * 1_000_000_000L + (pcapUnits == 1_000_000 ? fraction * 1000 : fraction);
        lastSeconds = seconds;
        stats.record(nanos);
        CapturedDatagram d = decoder.decode(pcapLinkType, b, p + pcapRecordHeader, (int) caplen, nanos);
        in.skip(length);
        return d;
    }

    /**
     * While looking for the next record after a bad one: does a record start here? Its header must make sense (time
     * within a day of the last good record, fraction below one second, lengths consistent) and so must the header
     * after it, unless it ends exactly at the end of the file.
     */
    private boolean plausibleHere(long left) throws IOException {
        if (!plausibleHeader(in.pos(), left)) {
            return false;
        }
        int caplen = u32(in.buffer(), in.pos() + 8);
        long after = left - pcapRecordHeader - caplen;
        if (after == 0) {
            return true;
        }
        if (after < pcapRecordHeader) {
            return false;
        }
        in.ensure(2 * pcapRecordHeader + caplen);
        return plausibleHeader(in.pos() + pcapRecordHeader + caplen, after);
    }

    /**
     * Resynchronising in bulk: moves over the bytes, a buffer at a time, to the next place whose record header makes
     * sense on its own (or to the last bytes too few for a header); {@link #plausibleHere} then checks it properly.
     * Byte by byte through {@link #nextRecord} this took 19 s for 2 GB of junk.
     */
    private void skipToPlausibleRecordHeader() throws IOException {
        while (in.remaining() >= pcapRecordHeader) {
            int n = (int) Math.min(in.remaining(), SCAN_CHUNK);
            in.ensure(n);
            byte[] b = in.buffer();
            int p = in.pos();
            long left = in.remaining();
            int end = n - pcapRecordHeader;
            int high = little ? 3 : 0; // most significant byte of a field in the file's byte order
            for (int i = 0; i <= end; i++) {
                // caplen and origlen are at most 1 MiB, so their most significant bytes are zero.
                if (b[p + i + 8 + high] == 0 && b[p + i + 12 + high] == 0 && plausibleHeader(p + i, left - i)) {
                    in.skip(i);
                    return;
                }
            }
            in.skip(end + 1);
        }
    }

    private boolean plausibleHeader(int p, long left) {
        byte[] b = in.buffer();
        long seconds = u32(b, p) & 0xFFFFFFFFL;
        long fraction = u32(b, p + 4) & 0xFFFFFFFFL;
        long caplen = u32(b, p + 8) & 0xFFFFFFFFL;
        long origlen = u32(b, p + 12) & 0xFFFFFFFFL;
        return fraction < pcapUnits && caplen <= ByteSource.MAX_RECORD && caplen <= left - pcapRecordHeader
                && origlen >= caplen && origlen <= 0x10_0000L
                && (lastSeconds < 0 || Math.abs(seconds - lastSeconds) <= 86_400);
    }

    private CapturedDatagram cutShort(String message) throws IOException {
        stats.truncated(message);
        eof = true;
        return null;
    }

    // ---- pcapng ----

    private CapturedDatagram nextBlock() throws IOException {
        if (resyncing) {
            skipToBlockCandidate();
        }
        long left = in.remaining();
        if (left == 0) {
            eof = true;
            return null;
        }
        if (left < 12) {
            if (!resyncing) {
                return cutShort("file ends inside a block at offset " + in.offset() + " (truncated capture)");
            }
            eof = true;
            return null;
        }
        in.ensure(12);
        byte[] b = in.buffer();
        int p = in.pos();
        int orderHere = blockOrder(b, p);
        if (orderHere == NO_ORDER) {
            return garbage();
        }
        boolean order = orderHere == LITTLE;
        int type = u32(b, p, order);
        long length = u32(b, p + 4, order) & 0xFFFFFFFFL;
        boolean knownType = known(type);
        if (!possibleBlockLength(length) || (resyncing && !knownType)) {
            return garbage();
        }
        if (length > left) {
            if (knownType && !resyncing) {
                return cutShort("file ends inside a block at offset " + in.offset() + " (truncated capture)");
            }
            return garbage();
        }
        in.ensure((int) length);
        b = in.buffer();
        p = in.pos();
        long trailer = u32(b, p + (int) length - 4, order) & 0xFFFFFFFFL;
        if (trailer != length) {
            return garbage();
        }
        resyncing = false;
        little = order;
        CapturedDatagram d = block(type, b, p, (int) length);
        in.skip(length);
        return d;
    }

    /**
     * Resynchronising in bulk: moves over the bytes, a buffer at a time, to the next place that starts like a block
     * (a known type in the section's byte order, or a section header with its byte-order magic, and a length that
     * could be one), or to the last 11 bytes; {@link #nextBlock} then checks the whole block and its trailer. Byte by
     * byte through {@link #nextBlock} this took 19 s for 2 GB of junk.
     */
    private void skipToBlockCandidate() throws IOException {
        while (in.remaining() >= 12) {
            int n = (int) Math.min(in.remaining(), SCAN_CHUNK);
            in.ensure(n);
            byte[] b = in.buffer();
            int p = in.pos();
            int end = p + n - 12;
            // Every known type has a zero byte (a section header 0x0D) here, in the section's byte order.
            int at = little ? 2 : 1;
            for (int i = p; i <= end; i++) {
                int probe = b[i + at];
                if ((probe == 0 || probe == 0x0D) && startsLikeBlock(b, i)) {
                    in.skip(i - p);
                    return;
                }
            }
            in.skip(end + 1 - p);
        }
    }

    private boolean startsLikeBlock(byte[] b, int i) {
        int order = blockOrder(b, i);
        return order != NO_ORDER && known(u32(b, i, order == LITTLE))
                && possibleBlockLength(u32(b, i + 4, order == LITTLE) & 0xFFFFFFFFL);
    }

    /** The byte order of a block at {@code i}: a section header's own, else the section's; NO_ORDER if unknown. */
    private int blockOrder(byte[] b, int i) {
        if (PacketDecoder.u32be(b, i) != SHB) {
            return little ? LITTLE : BIG;
        }
        return switch (PacketDecoder.u32be(b, i + 8)) {
            case 0x1A2B3C4D -> BIG;
            case 0x4D3C2B1A -> LITTLE;
            default -> NO_ORDER;
        };
    }

    private static boolean possibleBlockLength(long length) {
        return length >= 12 && (length & 3) == 0 && length <= ByteSource.MAX_REQUEST;
    }

    private static boolean known(int type) {
        return type == SHB || type == IDB || type == PB || type == SPB || type == NRB || type == ISB || type == EPB
                || type == DSB || type == 0x00000BAD || type == 0x40000BAD;
    }

    private CapturedDatagram garbage() throws IOException {
        if (!resyncing) {
            stats.skip(SkipReason.GARBAGE);
            resyncing = true;
        }
        in.skip(1);
        return null;
    }

    private CapturedDatagram block(int type, byte[] b, int p, int length) {
        switch (type) {
            case SHB -> {
                interfaces.clear();
                format = "pcapng (" + (little ? "little-endian" : "big-endian") + ")";
                return null;
            }
            case IDB -> {
                if (length < 20) {
                    stats.skip(SkipReason.BAD_RECORD);
                    return null;
                }
                interfaceBlock(b, p, length);
                return null;
            }
            case EPB, PB -> {
                if (length < 32) {
                    stats.skip(SkipReason.BAD_RECORD);
                    return null;
                }
                int id = type == EPB ? u32(b, p + 8) : u16(b, p + 8);
                long high = u32(b, p + 12) & 0xFFFFFFFFL;
                long low = u32(b, p + 16) & 0xFFFFFFFFL;
                long caplen = u32(b, p + 20) & 0xFFFFFFFFL;
                if (caplen > length - 32) {
                    stats.record(Long.MIN_VALUE);
                    stats.skip(SkipReason.BAD_RECORD);
                    return null;
                }
                if (id < 0 || id >= interfaces.size()) {
                    stats.record(Long.MIN_VALUE);
                    stats.skip(SkipReason.UNKNOWN_INTERFACE);
                    return null;
                }
                Interface f = interfaces.get(id);
                lastNanos = nanos(f, (high << 32) | low);
                stats.record(lastNanos);
                return decoder.decode(f.linkType(), b, p + 28, (int) caplen, lastNanos);
            }
            case SPB -> {
                if (length < 16) {
                    stats.skip(SkipReason.BAD_RECORD);
                    return null;
                }
                stats.record(lastNanos);
                if (interfaces.isEmpty()) {
                    stats.skip(SkipReason.UNKNOWN_INTERFACE);
                    return null;
                }
                Interface f = interfaces.getFirst();
                long original = u32(b, p + 8) & 0xFFFFFFFFL;
                long caplen = Math.min(original, length - 16);
                if (f.snapLength() > 0) {
                    caplen = Math.min(caplen, f.snapLength());
                }
                // A simple packet block has no time: it gets the time of the packet before it.
                return decoder.decode(f.linkType(), b, p + 12, (int) caplen, lastNanos);
            }
            default -> {
                if (!known(type)) {
                    stats.skip(SkipReason.UNKNOWN_BLOCK);
                }
                return null;
            }
        }
    }

    private void interfaceBlock(byte[] b, int p, int length) {
        int linkType = u16(b, p + 8);
        long snap = u32(b, p + 12) & 0xFFFFFFFFL;
        long units = 1_000_000;
        long offsetSeconds = 0;
        int q = p + 16;
        int end = p + length - 4;
        while (q + 4 <= end) {
            int code = u16(b, q);
            int len = u16(b, q + 2);
            int value = q + 4;
            if (code == 0 || value + len > end) {
                break;
            }
            if (code == 9 && len >= 1) {
                int r = b[value] & 0xFF;
                int exponent = r & 0x7F;
                if ((r & 0x80) != 0) {
                    units = exponent <= 62 ? 1L << exponent : 0;
                } else {
                    units = exponent <= 18 ? pow10(exponent) : 0;
                }
            } else if (code == 14 && len >= 8) {
                if (!little) {
                    offsetSeconds = ((u32(b, value) & 0xFFFFFFFFL) << 32) | (u32(b, value + 4) & 0xFFFFFFFFL);
                } else {
                    offsetSeconds = ((u32(b, value + 4) & 0xFFFFFFFFL) << 32) | (u32(b, value) & 0xFFFFFFFFL);
                }
            }
            q = value + ((len + 3) & ~3);
        }
        if (units == 0) {
            units = 1_000_000; // resolution out of range: take the default rather than divide by zero
            stats.skip(SkipReason.BAD_RECORD);
        }
        if (!PacketDecoder.known(linkType)) {
            stats.unknownLinkType(linkType);
        }
        if (interfaces.size() < MAX_INTERFACES) {
            interfaces.add(new Interface(linkType, snap, units, offsetSeconds));
        }
    }

    private static long nanos(Interface f, long ticks) {
        long units = f.unitsPerSecond();
        long seconds = Long.divideUnsigned(ticks, units);
        long rest = Long.remainderUnsigned(ticks, units);
        // rest < units, so rest * 1e9 fits in a long while units <= 1e9; finer clocks lose only sub-nanoseconds.
        long fraction = units <= 1_000_000_000L ? rest * 1_000_000_000L / units : (long) (rest * (1e9 / units));
        return (seconds + f.offsetSeconds()) * 1_000_000_000L + fraction;
    }

    private static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }

    // ---- byte order of the file ----

    private int u32(byte[] b, int p) {
        return u32(b, p, little);
    }

    private static int u32(byte[] b, int p, boolean little) {
        int v = PacketDecoder.u32be(b, p);
        return little ? Integer.reverseBytes(v) : v;
    }

    private int u16(byte[] b, int p) {
        int v = PacketDecoder.u16(b, p);
        return little ? Integer.reverseBytes(v) >>> 16 : v;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
