package org.gapwatch.capture;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.gapwatch.net.DatagramTap;

/**
 * Records every datagram it is handed to a pcap file that Wireshark and tcpdump open as ordinary UDP: nanosecond
 * pcap (magic 0xa1b23c4d, little-endian), link type raw IP, each datagram with a real IPv4 or IPv6 header (header
 * checksum, total length) and a UDP header with its checksum, its real addresses and ports and its arrival time.
 *
 * <p>Rotation: with a size limit, {@code FILE} is closed when the next record would pass it and becomes
 * {@code FILE.1} ({@code FILE.1} becomes {@code FILE.2}...), keeping {@code keep} files in all. Records reach the
 * operating system at least once a second (a flush timer and a check on every write), so a crash of the program
 * loses at most the last second. Any I/O error (a full disk) stops recording, reports one line to the
 * {@code onStopped} callback and never throws into the caller: monitoring goes on.
 *
 * <p>Thread-safe: the receive thread writes, the timer flushes, any thread may close.
 */
public final class PcapWriter implements DatagramTap, Closeable {
    public static final int LINKTYPE_RAW = 101;
    public static final int MAGIC_NANOSECONDS = 0xA1B23C4D;
    private static final int SNAPLEN = 262_144;
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    private static final int HOP_LIMIT = 64;
    private static final long FLUSH_NANOS = 1_000_000_000L;
    private static final int BUFFER = 256 * 1024;

    private final Path file;
    private final long maxFileBytes;
    private final int keepFiles;
    private final Consumer<String> onStopped;
    private final byte[] buf = new byte[BUFFER];
    private final ScheduledExecutorService timer;
    private FileChannel channel;
    private int buffered;
    private long fileBytes;
    private long lastFlushNanos = System.nanoTime();
    private int ipId;
    private long written;
    private long notWritten;
    private String stopReason;
    private boolean closed;

    /**
     * @param maxFileBytes size at which the file is rotated; 0 for no limit
     * @param keepFiles    how many files to keep in all when rotating (at least 1)
     * @param onStopped    told once, with a one-line reason, when recording stops because of an error
     */
    public PcapWriter(Path file, long maxFileBytes, int keepFiles, Consumer<String> onStopped) throws IOException {
        if (maxFileBytes < 0 || (maxFileBytes > 0 && maxFileBytes < FILE_HEADER + RECORD_HEADER + 28 + 1500)) {
            throw new IllegalArgumentException("record file size limit " + maxFileBytes + " is too small");
        }
        if (keepFiles < 1) {
            throw new IllegalArgumentException("keep at least 1 record file, not " + keepFiles);
        }
        this.file = file;
        this.maxFileBytes = maxFileBytes;
        this.keepFiles = keepFiles;
        this.onStopped = onStopped;
        openFile();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gapwatch-pcap-flush");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::flushIfDue, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** A writer without rotation. */
    public PcapWriter(Path file, Consumer<String> onStopped) throws IOException {
        this(file, 0, 1, onStopped);
    }

    @Override
    public synchronized void datagram(byte[] data, int off, int len, InetSocketAddress sender,
                                      InetSocketAddress destination, long arrivalEpochNanos) {
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
            written++;
            if (System.nanoTime() - lastFlushNanos >= FLUSH_NANOS) {
                writeBuffer();
            }
        } catch (IOException | RuntimeException e) {
            stop(e);
        }
    }

    /** Hands everything buffered to the operating system now. */
    public synchronized void flush() {
        if (channel != null) {
            try {
                writeBuffer();
            } catch (IOException e) {
                stop(e);
            }
        }
    }

    private synchronized void flushIfDue() {
        if (channel != null && buffered > 0 && System.nanoTime() - lastFlushNanos >= FLUSH_NANOS / 2) {
            flush();
        }
    }

    /** True until closed or stopped by an error. */
    public synchronized boolean recording() {
        return channel != null;
    }

    /** Why recording stopped, or null. */
    public synchronized String stopReason() {
        return stopReason;
    }

    /** Datagrams recorded. */
    public synchronized long written() {
        return written;
    }

    /** Datagrams handed over but not recorded (after a stop, or impossible lengths). */
    public synchronized long notWritten() {
        return notWritten;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (this) {
            if (channel != null) {
                try {
                    writeBuffer();
                    channel.close();
                } catch (IOException e) {
                    stop(e);
                }
            }
            channel = null;
            closed = true;
        }
    }

    // ---- files ----

    private void openFile() throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        fileBytes = 0;
        putLe32(buffered, MAGIC_NANOSECONDS);
        putLe16(buffered + 4, 2);
        putLe16(buffered + 6, 4);
        putLe32(buffered + 8, 0);
        putLe32(buffered + 12, 0);
        putLe32(buffered + 16, SNAPLEN);
        putLe32(buffered + 20, LINKTYPE_RAW);
        buffered += FILE_HEADER;
    }

    private void rotate() throws IOException {
        writeBuffer();
        channel.close();
        channel = null;
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
    }

    /** {@code FILE.n}: the n-th older file. */
    public Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private void writeBuffer() throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, buffered);
        while (bb.hasRemaining()) {
            channel.write(bb);
        }
        fileBytes += buffered;
        buffered = 0;
        lastFlushNanos = System.nanoTime();
    }

    private void stop(Exception e) {
        if (channel == null) {
            return;
        }
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        stopReason = "recording to " + file + " stopped: " + message;
        notWritten++;
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already failing; the reason given is the first error.
        }
        channel = null;
        buffered = 0;
        try {
            onStopped.accept(stopReason);
        } catch (RuntimeException ignored) {
            // The callback must not take the receive loop down either.
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
