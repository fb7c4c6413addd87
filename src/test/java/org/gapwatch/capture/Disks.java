package org.gapwatch.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Disks for the recorder's tests: one that fills up after so many bytes, one whose writes block. */
public final class Disks {
    private Disks() {
    }

    /** A channel over a real file whose writes are first allowed by {@link #allow}. */
    private abstract static class Gated implements SeekableByteChannel {
        private final FileChannel file;

        Gated(Path path) throws IOException {
            file = (FileChannel) PcapWriter.FILES.open(path);
        }

        /** How many of {@code wanted} bytes may be written now; throws when none may. */
        abstract int allow(int wanted) throws IOException;

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = allow(src.remaining());
            ByteBuffer part = src.slice().limit(n);
            int done = file.write(part);
            src.position(src.position() + done);
            return done;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public SeekableByteChannel position(long p) throws IOException {
            file.position(p);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    /** A disk with {@code free} bytes for all the files opened on it: then "No space left on device". */
    public static final class Small {
        private final AtomicLong free;
        public final AtomicInteger opened = new AtomicInteger();

        public Small(long free) {
            this.free = new AtomicLong(free);
        }

        public PcapWriter.Opener opener() {
            return path -> {
                opened.incrementAndGet();
                return new Gated(path) {
                    @Override
                    int allow(int wanted) throws IOException {
                        long left = free.get();
                        if (left <= 0 && wanted > 0) {
                            throw new IOException("No space left on device");
                        }
                        int n = (int) Math.min(left, wanted);
                        free.addAndGet(-n);
                        return n;
                    }
                };
            };
        }
    }

    /** A disk whose writes wait until {@link #release()}. */
    public static final class Blocking {
        private final CountDownLatch released = new CountDownLatch(1);
        public final AtomicInteger writes = new AtomicInteger();

        public PcapWriter.Opener opener() {
            return path -> new Gated(path) {
                @Override
                int allow(int wanted) {
                    writes.incrementAndGet();
                    try {
                        released.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return wanted;
                }
            };
        }

        public void release() {
            released.countDown();
        }
    }
}
