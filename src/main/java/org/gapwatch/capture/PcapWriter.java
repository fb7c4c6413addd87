package org.gapwatch.capture;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes datagrams to a pcap file that Wireshark and tcpdump open as ordinary UDP: nanosecond pcap (magic
 * 0xa1b23c4d, little-endian), link type raw IP, each datagram with a real IPv4 or IPv6 header (header checksum, total
 * length) and a UDP header with its checksum, its real addresses and ports and its arrival time.
 *
 * <p>Rotation: with a size limit, {@code FILE} is closed when the next record would pass it and becomes
 * {@code FILE.1} ({@code FILE.1} becomes {@code FILE.2}...), keeping {@code keep} files in all. {@link #tick()}, called
 * by the owner after each batch, hands records to the operating system once a second and checks that the file is
 * still the one at its path (a removed file or folder is said, not written into unseen). Any I/O error (a full disk,
 * a failed rotation) stops recording, reports one line to the {@code onStopped} callback and never throws into the
 * caller. {@link #written()} counts only records the operating system took whole: after an error the file is cut back
 * to its last whole record, and a file left with no record by a failed rotation is removed.
 *
 * <p>Not thread-safe: one thread writes (the {@link Recorder}'s loop, or a test writing a fixture). Live recording
 * goes through a {@link Recorder}, which keeps the disk off the receiving thread.
 */
public final class PcapWriter implements RecordSink {
    public static final int LINKTYPE_RAW = 101;
    public static final int MAGIC_NANOSECONDS = 0xA1B23C4D;
    private static final int SNAPLEN = 262_144;
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    private static final int MIN_RECORD = RECORD_HEADER + 20 + 8;
    private static final int HOP_LIMIT = 64;
    private static final long FLUSH_MILLIS = 1_000;
    private static final int BUFFER = 256 * 1024;

    /** Opens the channel a file is written through: a test can hand in a disk that fails or blocks. */
    @FunctionalInterface
    public interface Opener {
        SeekableByteChannel open(Path file) throws IOException;
    }

    /** Creates or truncates the file. */
    public static final Opener FILES = f -> FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);

    private final Path file;
    private final long maxFileBytes;
    private final int keepFiles;
    private final Consumer<String> onStopped;
    private final InstantSource clock;
    private final Opener opener;
    private final byte[] buf = new byte[BUFFER];
    /** Where each record held in {@code buf} ends, so a write cut short counts only whole records. */
    private final int[] recordEnds = new int[BUFFER / MIN_RECORD + 1];
    private int bufferedRecords;
    private SeekableByteChannel channel;
    private Object fileKey;
    private int buffered;
    private long fileBytes;
    private long fileRecords;
    /** Bytes of the current file up to its last whole record. */
    private long wholeFileBytes;
    private long lastFlushMillis;
    private int ipId;
    private long written;
    private long notWritten;
    private String stopCause;
    private boolean closed;

    /**
     * @param maxFileBytes size at which the file is rotated; 0 for no limit
     * @param keepFiles    how many files to keep in all when rotating (at least 1)
     * @param onStopped    told once, with a one-line reason, when recording stops because of an error
     * @param clock        drives the once-a-second flush and file check
     * @param opener       opens each file ({@link #FILES})
     */
    public PcapWriter(Path file, long maxFileBytes, int keepFiles, Consumer<String> onStopped, InstantSource clock,
                      Opener opener) throws IOException {
        checkLimits(maxFileBytes, keepFiles);
        this.file = file;
        this.maxFileBytes = maxFileBytes;
        this.keepFiles = keepFiles;
        this.onStopped = Objects.requireNonNull(onStopped);
        this.clock = Objects.requireNonNull(clock);
        this.opener = Objects.requireNonNull(opener);
        this.lastFlushMillis = clock.millis();
        openFile();
    }

    public PcapWriter(Path file, long maxFileBytes, int keepFiles, Consumer<String> onStopped) throws IOException {
        this(file, maxFileBytes, keepFiles, onStopped, InstantSource.system(), FILES);
    }

    /** A writer without rotation. */
    public PcapWriter(Path file, Consumer<String> onStopped) throws IOException {
        this(file, 0, 1, onStopped);
    }

    /** Throws {@link IllegalArgumentException} with one line when the rotation settings cannot work. */
    public static void checkLimits(long maxFileBytes, int keepFiles) {
        if (maxFileBytes < 0 || (maxFileBytes > 0 && maxFileBytes < FILE_HEADER + RECORD_HEADER + 28 + 1500)) {
            throw new IllegalArgumentException("record file size limit " + maxFileBytes + " is too small");
        }
        if (keepFiles < 1) {
            throw new IllegalArgumentException("keep at least 1 record file, not " + keepFiles);
        }
    }

    /** Adds one datagram ({@code data} may be reused once this returns). */
    @Override
    public void datagram(byte[] data, int off, int len, InetSocketAddress sender, InetSocketAddress destination,
                         long arrivalEpochNanos) {
        if (channel == null) {
            if (!closed) {
                notWritten++;
            }
            return;
        }
        try {
            InetAddress src = sender == null ? null : sender.getAddress();
            InetAddress dst = destination == null ? null : destination.getAddress();
            boolean v6 = src instanceof Inet6Address || dst instanceof Inet6Address;
            int ipHeader = v6 ? 40 : 20;
            if (len > 65535 - ipHeader - 8 || len < 0) {
                notWritten++; // cannot be a UDP datagram
                return;
            }
            int record = RECORD_HEADER + ipHeader + 8 + len;
            if (maxFileBytes > 0 && fileBytes + buffered + record > maxFileBytes && fileBytes + buffered > FILE_HEADER) {
                rotate();
            }
            if (buffered + record > buf.length) {
                writeBuffer();
            }
            int p = buffered;
            long seconds = Math.floorDiv(arrivalEpochNanos, 1_000_000_000L);
            int nanos = (int) Math.floorMod(arrivalEpochNanos, 1_000_000_000L);
            int captured = ipHeader + 8 + len;
            putLe32(p, (int) seconds);
            putLe32(p + 4, nanos);
            putLe32(p + 8, captured);
            putLe32(p + 12, captured);
            p += RECORD_HEADER;
            byte[] srcBytes = bytes(src, v6);
            byte[] dstBytes = bytes(dst, v6);
            int udp = p + ipHeader;
            if (v6) {
                putBe32(p, 0x6000_0000);
                putBe16(p + 4, 8 + len);
                buf[p + 6] = 17;
                buf[p + 7] = (byte) HOP_LIMIT;
                System.arraycopy(srcBytes, 0, buf, p + 8, 16);
                System.arraycopy(dstBytes, 0, buf, p + 24, 16);
            } else {
                buf[p] = 0x45;
                buf[p + 1] = 0;
                putBe16(p + 2, captured);
                putBe16(p + 4, ipId++ & 0xFFFF);
                putBe16(p + 6, 0x4000); // don't fragment: this is one datagram as the socket delivered it
                buf[p + 8] = (byte) HOP_LIMIT;
                buf[p + 9] = 17;
                putBe16(p + 10, 0);
                System.arraycopy(srcBytes, 0, buf, p + 12, 4);
                System.arraycopy(dstBytes, 0, buf, p + 16, 4);
                putBe16(p + 10, ~sum(buf, p, 20, 0) & 0xFFFF);
            }
            putBe16(udp, sender == null ? 0 : sender.getPort());
            putBe16(udp + 2, destination == null ? 0 : destination.getPort());
            putBe16(udp + 4, 8 + len);
            putBe16(udp + 6, 0);
            System.arraycopy(data, off, buf, udp + 8, len);
            // UDP checksum over the pseudo-header, header and payload (mandatory for IPv6, kept for IPv4 too).
            long pseudo = sum(srcBytes, 0, srcBytes.length, 0);
            pseudo = sum(dstBytes, 0, dstBytes.length, pseudo);
            pseudo += 17 + 8 + len;
            int checksum = ~sum(buf, udp, 8 + len, pseudo) & 0xFFFF;
            putBe16(udp + 6, checksum == 0 ? 0xFFFF : checksum);
            buffered += record;
            recordEnds[bufferedRecords++] = buffered;
        } catch (IOException | RuntimeException e) {
            notWritten++; // this one never reached the buffer
            stop(e);
        }
    }

    /**
     * Once a second (by the clock): hands what is buffered to the operating system and checks that the path still
     * names the file being written. Returns whether it did so.
     */
    @Override
    public boolean tick() {
        if (channel == null || clock.millis() - lastFlushMillis < FLUSH_MILLIS) {
            return false;
        }
        try {
            checkStillThere(); // first: nothing more goes into a file that is gone
            writeBuffer();
        } catch (IOException | RuntimeException e) {
            stop(e);
        }
        return true;
    }

    /** Hands everything buffered to the operating system now. */
    public void flush() {
        if (channel != null) {
            try {
                writeBuffer();
            } catch (IOException | RuntimeException e) {
                stop(e);
            }
        }
    }

    /** True until closed or stopped by an error. */
    @Override
    public boolean recording() {
        return channel != null;
    }

    /** Why recording stopped ("recording to FILE stopped: CAUSE"), or null. */
    public String stopReason() {
        return stopCause == null ? null : "recording to " + file + " stopped: " + stopCause;
    }

    /** Why recording stopped, without the file ("No space left on device"), or null. */
    @Override
    public String stopCause() {
        return stopCause;
    }

    /** Datagrams the operating system took whole, across rotated files: what the files hold. */
    @Override
    public long written() {
        return written;
    }

    /** Datagrams handed over but not in a file (after a stop, lost with a failed write, impossible lengths). */
    @Override
    public long notWritten() {
        return notWritten;
    }

    public Path file() {
        return file;
    }

    /** Bytes of the current file, those still buffered included. */
    public long fileBytes() {
        return fileBytes + buffered;
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                writeBuffer();
                channel.close();
            } catch (IOException | RuntimeException e) {
                stop(e);
            }
        }
        channel = null;
        closed = true;
    }

    // ---- files ----

    private void openFile() throws IOException {
        SeekableByteChannel c = opener.open(file);
        try {
            fileKey = keyOf(file);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        channel = c;
        fileBytes = 0;
        fileRecords = 0;
        wholeFileBytes = 0;
        putLe32(buffered, MAGIC_NANOSECONDS);
        putLe16(buffered + 4, 2);
        putLe16(buffered + 6, 4);
        putLe32(buffered + 8, 0);
        putLe32(buffered + 12, 0);
        putLe32(buffered + 16, SNAPLEN);
        putLe32(buffered + 20, LINKTYPE_RAW);
        buffered += FILE_HEADER;
    }

    private static Object keyOf(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
    }

    /** A file removed (or its folder) or replaced while it is written would take the recording with it unseen. */
    private void checkStillThere() throws IOException {
        if (fileKey == null) {
            return; // this file system has no keys: nothing to compare
        }
        Object now;
        try {
            now = keyOf(file);
        } catch (NoSuchFileException e) {
            throw new RecordingLost(folderGone() ? "its folder " + folder() + " was removed" : "the file was removed");
        }
        if (!fileKey.equals(now)) {
            throw new RecordingLost("the file was replaced by another");
        }
    }

    private void rotate() throws IOException {
        writeBuffer();
        channel.close();
        channel = null;
        try {
            if (keepFiles == 1) {
                Files.deleteIfExists(file);
            } else {
                Files.deleteIfExists(rotated(keepFiles - 1));
                for (int i = keepFiles - 2; i >= 1; i--) {
                    if (Files.exists(rotated(i))) {
                        Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
            }
            openFile();
        } catch (IOException e) {
            throw new RecordingLost("cannot start the next file: "
                    + (folderGone() ? "its folder " + folder() + " was removed" : describe(e)));
        }
    }

    private Path folder() {
        Path dir = file.toAbsolutePath().getParent();
        return dir == null ? file.toAbsolutePath().getRoot() : dir;
    }

    private boolean folderGone() {
        return !Files.isDirectory(folder());
    }

    /** {@code FILE.n}: the n-th older file. */
    public Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private void writeBuffer() throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, buffered);
        try {
            while (bb.hasRemaining()) {
                channel.write(bb);
            }
        } finally {
            took(bb.position());
        }
        lastFlushMillis = clock.millis();
    }

    /** Counts the whole records among the first {@code bytes} of the buffer as written. */
    private void took(int bytes) {
        int whole = 0;
        while (whole < bufferedRecords && recordEnds[whole] <= bytes) {
            whole++;
        }
        written += whole;
        fileRecords += whole;
        if (whole > 0) {
            wholeFileBytes = fileBytes + recordEnds[whole - 1];
        }
        fileBytes += bytes;
        if (bytes == buffered) {
            buffered = 0;
            bufferedRecords = 0;
        } else {
            bufferedRecords -= whole; // a write cut short: an error follows, and these are not in the file
        }
    }

    private void stop(Exception e) {
        if (stopCause != null || closed) {
            return;
        }
        stopCause = e instanceof RecordingLost ? e.getMessage() : describe(e);
        notWritten += bufferedRecords;
        buffered = 0;
        bufferedRecords = 0;
        cutBackToWholeRecords();
        try {
            onStopped.accept(stopReason());
        } catch (RuntimeException ignored) {
            // The callback must not take the recorder down either.
        }
    }

    /**
     * After an error: the file ends at its last whole record (a reader would see a record cut short otherwise), and
     * a file that holds no record (a rotation that could write nothing into the new file) does not stay behind.
     */
    private void cutBackToWholeRecords() {
        if (channel != null) {
            try {
                if (fileRecords > 0 && fileBytes > wholeFileBytes) {
                    channel.truncate(wholeFileBytes);
                }
            } catch (IOException | RuntimeException ignored) {
                // Best effort: the count says what is whole either way.
            }
            try {
                channel.close();
            } catch (IOException | RuntimeException ignored) {
                // Already failing; the reason given is the first error.
            }
            channel = null;
        }
        if (fileRecords == 0 && fileKey != null) {
            try {
                // Only the regular file this writer made: never a device (/dev/full) or a file put there since.
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && fileKey.equals(keyOf(file))) {
                    Files.delete(file);
                }
            } catch (IOException | RuntimeException ignored) {
                // Gone already, or not ours to remove.
            }
        }
    }

    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file or folder: " + n.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + (f.getFile() != null ? ": " + f.getFile() : "");
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Recording cannot go on for a reason that is no I/O error of its own (the file is gone). */
    private static final class RecordingLost extends IOException {
        RecordingLost(String message) {
            super(message);
        }
    }

    // ---- bytes ----

    private static byte[] bytes(InetAddress a, boolean v6) {
        if (a == null) {
            return new byte[v6 ? 16 : 4];
        }
        byte[] b = a.getAddress();
        if (v6 && a instanceof Inet4Address) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            System.arraycopy(b, 0, mapped, 12, 4);
            return mapped;
        }
        return b;
    }

    /** Adds the 16-bit big-endian words of {@code b[off, off+len)} to {@code sum} and folds to 16 bits. */
    static int sum(byte[] b, int off, int len, long sum) {
        int end = off + len - 1;
        int i = off;
        for (; i < end; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i == end) {
            sum += (b[i] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    private void putLe32(int p, int v) {
        buf[p] = (byte) v;
        buf[p + 1] = (byte) (v >>> 8);
        buf[p + 2] = (byte) (v >>> 16);
        buf[p + 3] = (byte) (v >>> 24);
    }

    private void putLe16(int p, int v) {
        buf[p] = (byte) v;
        buf[p + 1] = (byte) (v >>> 8);
    }

    private void putBe32(int p, int v) {
        buf[p] = (byte) (v >>> 24);
        buf[p + 1] = (byte) (v >>> 16);
        buf[p + 2] = (byte) (v >>> 8);
        buf[p + 3] = (byte) v;
    }

    private void putBe16(int p, int v) {
        buf[p] = (byte) (v >>> 8);
        buf[p + 1] = (byte) v;
    }
}
