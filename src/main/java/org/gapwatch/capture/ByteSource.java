package org.gapwatch.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.gapwatch.files.ReadableFile;

/**
 * A file read through one fixed buffer: {@link #ensure} makes the next bytes available at {@link #pos()} of
 * {@link #buffer()}. Nothing is ever allocated from a length read in the file; callers check lengths against
 * {@link #MAX_RECORD} and {@link #remaining()} first.
 */
final class ByteSource implements Closeable {
    /** The most packet data of one record or block this reader accepts. */
    static final int MAX_RECORD = 1 << 20;
    /**
     * Room for the framing around {@link #MAX_RECORD} bytes of packet data: a pcap record header and the header of
     * the record after it (resynchronising looks at both, 2 x 24 bytes at most), or a pcapng block's header, fields
     * and trailer (32 bytes) with some options.
     */
    static final int MAX_FRAMING = 64;
    /** The longest stretch {@link #ensure} makes available, and the longest pcapng block accepted. */
    static final int MAX_REQUEST = MAX_RECORD + MAX_FRAMING;

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private static final int INITIAL = 256 * 1024;

    // Grows up to 2 * MAX_RECORD (more than MAX_REQUEST) only when a record that long is asked for.
    private byte[] buf = new byte[INITIAL];
    private ByteBuffer wrapper = ByteBuffer.wrap(buf);
    private long bufStart; // file offset of buf[0]
    private CaptureReader.ReadListener listener;
    private int pos;
    private int limit;

    /** Opens a regular file; anything else is refused with {@link org.gapwatch.files.UnreadableFileException}. */
    ByteSource(Path file) throws IOException {
        this.file = file;
        channel = ReadableFile.open(file);
        size = channel.size();
    }

    /** Told the file offset reached after each read from the file; null for none. */
    void listener(CaptureReader.ReadListener l) {
        listener = l;
    }

    /** The buffer; may be replaced by {@link #ensure}, so fetch it again after each call. */
    byte[] buffer() {
        return buf;
    }

    int pos() {
        return pos;
    }

    long offset() {
        return bufStart + pos;
    }

    long size() {
        return size;
    }

    /** Bytes of the file after the current position. */
    long remaining() {
        return size - offset();
    }

    /** Makes {@code n} (at most {@link #MAX_REQUEST}) bytes available from {@link #pos()}; false at end of file. */
    boolean ensure(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            bufStart += pos;
            limit -= pos;
            pos = 0;
        }
        if (n > buf.length) {
            if (n > MAX_REQUEST) {
                // Callers check lengths first; this is a bug, but its message still says which file.
                throw new IllegalArgumentException(file + ": asked for " + n + " bytes at offset " + offset()
                        + ", over the limit of " + MAX_REQUEST);
            }
            buf = java.util.Arrays.copyOf(buf, Math.min(2 * MAX_RECORD, Math.max(n, 2 * buf.length)));
            wrapper = ByteBuffer.wrap(buf);
        }
        while (limit < n) {
            wrapper.limit(buf.length).position(limit);
            int r = channel.read(wrapper);
            if (r < 0) {
                return false;
            }
            limit += r;
            if (listener != null) {
                listener.read(bufStart + limit, size);
            }
        }
        return true;
    }

    /** Moves on by {@code n} bytes (may be past the end of the file). */
    void skip(long n) throws IOException {
        if (n <= limit - pos) {
            pos += (int) n;
            return;
        }
        long target = offset() + n;
        bufStart = Math.min(target, size);
        pos = 0;
        limit = 0;
        channel.position(bufStart);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
