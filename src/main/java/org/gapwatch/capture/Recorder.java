package org.gapwatch.capture;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.gapwatch.concurrent.DatagramRing;
import org.gapwatch.fault.Duty;
import org.gapwatch.fault.Faults;
import org.gapwatch.fault.Idle;
import org.gapwatch.fault.LoopRunner;
import org.gapwatch.net.DatagramTap;

/**
 * Live recording that never holds up tracking: as the receiver's {@link DatagramTap} it only copies each datagram
 * into a bounded {@link DatagramRing} (no lock, no I/O, no allocation); its own loop ("recorder", a
 * {@link LoopRunner}) opens the file, writes through a {@link PcapWriter} (or another {@link RecordSink}, such as
 * the {@link RecentRing}), rotates, flushes once a second and closes.
 * When the disk is slow or full the queue fills and the recording drops datagrams, counted in
 * {@link Status#dropped()}; the receiver never waits.
 *
 * <p>{@link #status()} is an immutable record any thread may read (the UI reads it, never the writer).
 * {@link #close()} returns at once: the loop writes what is queued (for at most {@link Options#closeWithin()}) and
 * closes the file in the background; {@link #awaitClosed} waits for that, bounded.
 */
public final class Recorder implements DatagramTap, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Recorder.class.getName());
    private static final int BATCH = 1024;

    public enum State {
        /** The loop is opening the file. */
        OPENING,
        RECORDING,
        /** The file could not be opened: {@link Status#stopCause()} says why. */
        FAILED,
        /** Stopped by an error while recording (full disk, failed rotation, file removed). */
        STOPPED,
        /** {@link #close()} was called; what is queued is being written. */
        CLOSING,
        CLOSED;

        /** Whether the recorder will write no more. */
        public boolean ended() {
            return this == FAILED || this == STOPPED || this == CLOSED;
        }
    }

    /**
     * What a recording is doing.
     *
     * @param recorded  datagrams in the file(s): written whole and handed to the operating system
     * @param dropped   datagrams handed to the recorder that are not in a file: queue full (a slow disk), left
     *                  when it stopped or closed, lost with a failed write
     * @param stopCause one line when FAILED or STOPPED, else null
     */
    public record Status(State state, Path file, long recorded, long dropped, String stopCause) {
        /** "recording to FILE stopped: CAUSE", or null. */
        public String stopReason() {
            return stopCause == null ? null
                    : (state == State.FAILED ? "cannot record to " : "recording to ") + file
                    + (state == State.FAILED ? ": " : " stopped: ") + stopCause;
        }
    }

    /**
     * How to record.
     *
     * @param maxFileBytes rotate at this size; 0 for no limit
     * @param keepFiles    files kept when rotating
     * @param queueSlots   datagrams the queue holds (a power of two)
     * @param queueBytes   payload bytes the queue holds
     * @param closeWithin  how long closing may spend writing what is queued before the rest is dropped
     * @param clock        drives flushing and the close deadline
     * @param opener       opens each file
     */
    public record Options(long maxFileBytes, int keepFiles, int queueSlots, int queueBytes, Duration closeWithin,
                          InstantSource clock, PcapWriter.Opener opener) {
        public Options {
            PcapWriter.checkLimits(maxFileBytes, keepFiles);
            Objects.requireNonNull(closeWithin);
            Objects.requireNonNull(clock);
            Objects.requireNonNull(opener);
        }

        /** No rotation; a queue of 65,536 datagrams and 16 MiB (seconds of a busy stream); 2 s to close. */
        public static Options defaults() {
            return new Options(0, 1, 1 << 16, 16 << 20, Duration.ofSeconds(2), InstantSource.system(),
                    PcapWriter.FILES);
        }

        public Options withRotation(long maxFileBytes, int keepFiles) {
            return new Options(maxFileBytes, keepFiles, queueSlots, queueBytes, closeWithin, clock, opener);
        }

        public Options withQueue(int slots, int bytes) {
            return new Options(maxFileBytes, keepFiles, slots, bytes, closeWithin, clock, opener);
        }

        public Options withClock(InstantSource clock) {
            return new Options(maxFileBytes, keepFiles, queueSlots, queueBytes, closeWithin, clock, opener);
        }

        public Options withOpener(PcapWriter.Opener opener) {
            return new Options(maxFileBytes, keepFiles, queueSlots, queueBytes, closeWithin, clock, opener);
        }
    }

    private final Path file;
    private final Options options;
    /** Opens what the loop writes to: by default a {@link PcapWriter} on {@link #file}. */
    private final RecordSink.Opener sinkOpener;
    private final Consumer<String> onStopped;
    /** Made on the recorder's thread (megabytes: not on the caller's, which may be the FX thread). */
    private volatile DatagramRing queue;
    private final LoopRunner loop;
    private final CompletableFuture<Status> opened = new CompletableFuture<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    // The producer's own counters (the receiving thread), read by any thread.
    private final AtomicLong queueFull = new AtomicLong();
    /** Handed over before the queue was made or after the recorder ended. */
    private final AtomicLong notQueued = new AtomicLong();

    private volatile boolean closeRequested;
    private volatile boolean ended;
    /** Published by the loop; the producer's counters are added when read. */
    private volatile Status published;

    /** The program ending while recording: the file is still closed properly (bounded), the last second kept. */
    private final Thread atExit;

    // Loop thread only.
    private RecordSink writer;
    private long closeDeadlineMillis = Long.MAX_VALUE;

    /**
     * Starts recording to {@code file}: returns at once, the file is opened on the recorder's loop (see
     * {@link #status()}, or {@link #awaitOpened}).
     *
     * @param faults    the fault boundary the "recorder" loop belongs to
     * @param onStopped told once, on the recorder's thread, with one line when the recording stops or fails by
     *                  itself
     */
    public static Recorder start(Path file, Options options, Faults faults, Consumer<String> onStopped) {
        return start(file, () -> new PcapWriter(file, options.maxFileBytes(), options.keepFiles(), reason -> { },
                options.clock(), options.opener()), options, faults, onStopped);
    }

    /**
     * Starts recording into the sink {@code opener} makes on the recorder's loop ({@code file} names the recording
     * in its status: the recent ring's folder, for one); the options' rotation is the sink's business.
     */
    public static Recorder start(Path file, RecordSink.Opener opener, Options options, Faults faults,
                                 Consumer<String> onStopped) {
        Recorder r = new Recorder(file, opener, options, faults, onStopped);
        r.loop.start();
        try {
            Runtime.getRuntime().addShutdownHook(r.atExit);
        } catch (IllegalStateException e) {
            // Already shutting down: nothing will wait for this file anyway.
        }
        return r;
    }

    /** Starts recording in a fault boundary of its own (errors logged to the error log and the system logger). */
    public static Recorder start(Path file, Options options, Consumer<String> onStopped) {
        return start(file, options, CaptureFaults.create(LOG), onStopped);
    }

    private Recorder(Path file, RecordSink.Opener sinkOpener, Options options, Faults faults,
                     Consumer<String> onStopped) {
        this.file = Objects.requireNonNull(file);
        this.sinkOpener = Objects.requireNonNull(sinkOpener);
        this.options = options;
        this.onStopped = Objects.requireNonNull(onStopped);
        this.published = new Status(State.OPENING, file, 0, 0, null);
        // Parks a millisecond when idle: the queue holds seconds of traffic, so no wake-up per datagram is needed.
        this.loop = faults.runner("recorder", new RecordDuty(), Idle.park(1_000_000L));
        this.atExit = Thread.ofPlatform().name("gapwatch-recorder-exit").unstarted(this::closeAtExit);
    }

    public Path file() {
        return file;
    }

    // ---- the receiving thread ----

    @Override
    public void datagram(byte[] buf, int off, int len, InetSocketAddress sender, InetSocketAddress destination,
                         long arrivalEpochNanos) {
        DatagramRing q = queue;
        if (ended || q == null) {
            notQueued.lazySet(notQueued.get() + 1);
        } else if (!q.offer(buf, off, len, sender, destination, arrivalEpochNanos)) {
            queueFull.lazySet(queueFull.get() + 1);
        }
    }

    // ---- any thread ----

    /** What the recording is doing now: one immutable record, no lock. */
    public Status status() {
        Status s = published;
        long dropped = s.dropped() + queueFull.get() + notQueued.get();
        DatagramRing q = queue;
        if (s.state().ended() && q != null) {
            dropped += q.backlog(); // nobody will write these
        }
        return new Status(s.state(), s.file(), s.recorded(), dropped, s.stopCause());
    }

    /** Waits until the file is open or opening failed, at most {@code wait}; returns the status then. */
    public Status awaitOpened(Duration wait) throws InterruptedException {
        try {
            opened.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // The status says what there is.
        }
        return status();
    }

    /** Completes, on the recorder's thread, once the file is open (RECORDING) or cannot be (FAILED). */
    public CompletionStage<Status> opened() {
        return opened.minimalCompletionStage();
    }

    /** Asks the recorder to write what is queued and close the file, in the background; returns at once. */
    @Override
    public void close() {
        closeRequested = true;
        loop.wake();
    }

    private void closeAtExit() {
        close();
        try {
            awaitClosed(options.closeWithin().plusSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits at most {@code wait} for the file to be closed; returns whether it is. */
    public boolean awaitClosed(Duration wait) throws InterruptedException {
        return closed.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    // ---- the recorder's loop ----

    private final class RecordDuty implements Duty {
        private long discarded;

        @Override
        public int doWork() {
            if (writer == null) {
                return open();
            }
            if (closeRequested && closeDeadlineMillis == Long.MAX_VALUE) {
                closeDeadlineMillis = options.clock().millis() + options.closeWithin().toMillis();
                publish(State.CLOSING, null);
            }
            int n = queue.drain(this::write, BATCH);
            writer.tick();
            if (!writer.recording()) {
                end(State.STOPPED, writer.stopCause());
            } else if (closeRequested && (queue.backlog() == 0 || options.clock().millis() >= closeDeadlineMillis)) {
                writer.close();
                end(writer.stopCause() == null ? State.CLOSED : State.STOPPED, writer.stopCause());
            } else {
                publish(closeRequested ? State.CLOSING : State.RECORDING, null);
            }
            return n;
        }

        private int open() {
            queue = new DatagramRing(options.queueSlots(), options.queueBytes());
            try {
                writer = sinkOpener.open();
            } catch (IOException | RuntimeException e) {
                end(State.FAILED, openFailure(e));
                opened.complete(status());
                return 0;
            }
            publish(State.RECORDING, null);
            opened.complete(status());
            return 1;
        }

        private void write(byte[] data, int off, int len, InetSocketAddress sender, InetSocketAddress destination,
                           long arrivalEpochNanos) {
            if (writer.recording()) {
                writer.datagram(data, off, len, sender, destination, arrivalEpochNanos);
            } else {
                discarded++;
            }
        }

        private void publish(State state, String cause) {
            long recorded = writer == null ? 0 : writer.written();
            long dropped = discarded + (writer == null ? 0 : writer.notWritten());
            Status s = published;
            if (s.state() != state || s.recorded() != recorded || s.dropped() != dropped) {
                published = new Status(state, file, recorded, dropped, cause);
            }
        }

        private void end(State state, String cause) {
            ended = true;
            publish(state, cause);
            loop.close(Duration.ZERO); // on its own thread: the loop ends after this round
            if (cause != null) {
                String line = published.stopReason();
                LOG.log(System.Logger.Level.WARNING, line);
                try {
                    onStopped.accept(line);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "recording stop listener failed", e);
                }
            }
        }

        @Override
        public void onClose() {
            if (!ended) { // the loop was ended from outside (or died): never leave the file open
                if (writer != null) {
                    writer.close();
                }
                ended = true;
                publish(State.CLOSED, null);
            }
            opened.complete(status());
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(atExit);
            } catch (IllegalStateException e) {
                // Shutting down: the hook is the one waiting for this.
            }
        }
    }

    /** One line for a file that cannot be opened. */
    static String openFailure(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "the folder does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
