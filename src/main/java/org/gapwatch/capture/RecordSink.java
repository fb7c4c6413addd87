package org.gapwatch.capture;

import java.io.Closeable;
import java.net.InetSocketAddress;

/**
 * Where a {@link Recorder}'s loop writes what it drains: one pcap file with rotation ({@link PcapWriter}), or the
 * recent ring's segments ({@link RecentRing}). Called on the recorder's thread only; never throws into it.
 */
public interface RecordSink extends Closeable {
    /** Adds one datagram ({@code data} may be reused once this returns). */
    void datagram(byte[] data, int off, int len, InetSocketAddress sender, InetSocketAddress destination,
                  long arrivalEpochNanos);

    /** Called after each batch: flushes by the clock, checks the files; returns whether it did anything. */
    boolean tick();

    /** True while datagrams handed over can still reach a file. */
    boolean recording();

    /** Why recording stopped (one line, without the file), or null. */
    String stopCause();

    /** Datagrams the operating system took whole. */
    long written();

    /** Datagrams handed over that are not in a file. */
    long notWritten();

    @Override
    void close();

    /** Opens a sink on the recorder's thread (it may touch the disk). */
    @FunctionalInterface
    interface Opener {
        RecordSink open() throws java.io.IOException;
    }
}
