package org.gapwatch.capture;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The recent ring on disk: every datagram the receiver takes in, in pcap segments of a few seconds or MiB each
 * ({@code seg-<first arrival, epoch nanos>-<n>.pcap} in one folder, never renamed), the oldest deleted as soon as the
 * ring holds more than {@link RingBounds#maxAge()} back (by the clock: a segment whose newest datagram is older) or
 * more than {@link RingBounds#maxBytes()} (the open segment's bytes counted too). Each segment is written by a
 * {@link PcapWriter}, so a segment is an ordinary capture.
 *
 * <p>A {@link RecordSink}: it runs on a {@link Recorder}'s loop, which keeps the disk off the receiving thread. Disk
 * trouble never ends the ring: the segment is closed (cut back to whole records), the datagrams that miss the disk
 * are counted in {@link #notWritten()}, {@link #problem()} says why in one line, and a new segment is tried 5 s later.
 * {@link #segments()} and {@link #problem()} may be read by any thread; {@link #requestFlush()} asks the loop to hand
 * what it buffers to the operating system at its next tick (a freeze wants the last second too).
 */
public final class RecentRing implements RecordSink {
    private static final System.Logger LOG = System.getLogger(RecentRing.class.getName());
    static final String PREFIX = "seg-";
    static final String SUFFIX = ".pcap";
    private static final long RETRY_MILLIS = 5_000;
    /** The open segment's newest arrival is published again at most this often (a monotonic pace, not the clock). */
    private static final long REPUBLISH_NANOS = 50_000_000L;

    /** One segment: its file, first and last arrival (epoch nanos), and its bytes (buffered ones included). */
    public record Segment(Path file, long firstNanos, long lastNanos, long bytes) {
    }

    private final Path dir;
    private final RingBounds bounds;
    private final long segmentNanos;
    private final long segmentBytes;
    private final InstantSource clock;
    private final PcapWriter.Opener opener;

    // Loop thread only.
    private final ArrayDeque<Segment> closed = new ArrayDeque<>();
    private long closedBytes;
    private PcapWriter current;
    private Path currentFile;
    private long currentFirst;
    private long currentLast;
    /** Totals of the segments closed so far; the open one's are added when read. */
    private long writtenClosed;
    private long notWrittenClosed;
    /** Datagrams that found no segment to go to (between a failure and the retry). */
    private long missed;
    private long retryAtMillis = Long.MIN_VALUE;
    private long deleted;
    private boolean isClosed;
    private long flushedRequest;
    private long opened;
    private long publishedLast;
    private long publishedAtNanos;

    // Any thread.
    private volatile List<Segment> published = List.of();
    private volatile String problem;
    private volatile long flushRequest;
    private volatile long flushDone;

    /** The default bounds' segment sizes ({@link RingBounds#segmentNanos()}, {@link RingBounds#segmentBytes()}). */
    public RecentRing(Path dir, RingBounds bounds, InstantSource clock) throws IOException {
        this(dir, bounds, bounds.segmentNanos(), bounds.segmentBytes(), clock, PcapWriter.FILES);
    }

    /**
     * Makes {@code dir} and deletes the segments a previous run left in it (they are no one's any more).
     *
     * @param opener opens each segment's file (a test hands in a disk that fails)
     */
    public RecentRing(Path dir, RingBounds bounds, long segmentNanos, long segmentBytes, InstantSource clock,
                      PcapWriter.Opener opener) throws IOException {
        this(dir, bounds, segmentNanos, segmentBytes, clock, opener, List.of());
    }

    /**
     * Makes {@code dir}, takes over the closed segments {@code kept} of a ring that has stopped in it (oldest first:
     * a restart with new bounds), deletes them at once as far as the new bounds no longer hold them, and deletes
     * every other segment file in it.
     */
    public RecentRing(Path dir, RingBounds bounds, long segmentNanos, long segmentBytes, InstantSource clock,
                      PcapWriter.Opener opener, List<Segment> kept) throws IOException {
        if (bounds.off()) {
            throw new IllegalArgumentException("the recent ring is off (a bound is 0)");
        }
        if (segmentNanos <= 0 || segmentBytes <= 0) {
            throw new IllegalArgumentException("segments need a length and a size");
        }
        this.dir = Objects.requireNonNull(dir);
        this.bounds = bounds;
        this.segmentNanos = segmentNanos;
        this.segmentBytes = segmentBytes;
        this.clock = Objects.requireNonNull(clock);
        this.opener = Objects.requireNonNull(opener);
        Files.createDirectories(dir);
        Set<Path> keep = new HashSet<>();
        for (Segment s : kept) {
            if (dir.equals(s.file().getParent()) && Files.exists(s.file())) {
                closed.addLast(s);
                closedBytes += s.bytes();
                keep.add(s.file());
            }
        }
        deleteSegments(dir, keep);
        trim();
        publish();
    }

    /** Deletes every segment file in {@code dir}; returns how many. */
    static int deleteSegments(Path dir) throws IOException {
        return deleteSegments(dir, Set.of());
    }

    /** Deletes every segment file in {@code dir} but those in {@code keep}; returns how many. */
    private static int deleteSegments(Path dir, Set<Path> keep) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path p : ds) {
                if (!keep.contains(p) && Files.deleteIfExists(p)) {
                    n++;
                }
            }
        }
        return n;
    }

    public Path dir() {
        return dir;
    }

    public RingBounds bounds() {
        return bounds;
    }

    // ---- the recorder's loop ----

    @Override
    public void datagram(byte[] data, int off, int len, InetSocketAddress sender, InetSocketAddress destination,
                         long arrivalEpochNanos) {
        if (isClosed) {
            missed++;
            return;
        }
        if (current != null && (arrivalEpochNanos - currentFirst >= segmentNanos
                || current.fileBytes() >= segmentBytes)) {
            closeCurrent();
        }
        if (current == null && !openSegment(arrivalEpochNanos)) {
            missed++;
            return;
        }
        current.datagram(data, off, len, sender, destination, arrivalEpochNanos);
        currentLast = Math.max(currentLast, arrivalEpochNanos);
        if (!current.recording()) {
            failed(current.stopCause());
            closeCurrent();
        }
        if (closedBytes + currentBytes() > bounds.maxBytes()) {
            trim();
        }
    }

    @Override
    public boolean tick() {
        if (isClosed) {
            return false;
        }
        boolean did = false;
        if (current != null) {
            if (nowNanos() - currentFirst >= segmentNanos) {
                closeCurrent(); // a quiet stream: the open segment must age out too
                did = true;
            } else {
                did = current.tick();
                if (!current.recording()) {
                    failed(current.stopCause());
                    closeCurrent();
                }
            }
        }
        did |= trim();
        long request = flushRequest;
        if (request != flushedRequest) {
            if (current != null) {
                current.flush();
            }
            flushedRequest = request;
            did = true;
        }
        if (did || (current != null && currentLast != publishedLast
                && System.nanoTime() - publishedAtNanos >= REPUBLISH_NANOS)) {
            publish();
        }
        flushDone = flushedRequest; // after publish: a freezer that sees it sees the index too
        return did;
    }

    /** Always true until closed: the ring gets over disk trouble by itself. */
    @Override
    public boolean recording() {
        return !isClosed;
    }

    @Override
    public String stopCause() {
        return null;
    }

    @Override
    public long written() {
        return writtenClosed + (current == null ? 0 : current.written());
    }

    @Override
    public long notWritten() {
        return notWrittenClosed + missed + (current == null ? 0 : current.notWritten());
    }

    /** Segments deleted by the bounds so far. */
    public long deleted() {
        return deleted;
    }

    /** Bytes on disk (buffered ones included) of all segments. */
    public long bytes() {
        return closedBytes + currentBytes();
    }

    @Override
    public void close() {
        if (!isClosed) {
            closeCurrent();
            isClosed = true;
            publish();
            flushDone = flushRequest;
        }
    }

    private long currentBytes() {
        return current == null ? 0 : current.fileBytes();
    }

    private boolean openSegment(long firstNanos) {
        if (clock.millis() < retryAtMillis) {
            return false;
        }
        // The number after the time keeps names apart when the clock stands still (or steps back).
        Path file;
        do { // a segment taken over from the ring before a restart may bear the name already
            file = dir.resolve(String.format(Locale.ROOT, "%s%019d-%06d%s", PREFIX, firstNanos, ++opened % 1_000_000,
                    SUFFIX));
        } while (Files.exists(file));
        try {
            current = new PcapWriter(file, 0, 1, reason -> { }, clock, opener);
        } catch (IOException | RuntimeException e) {
            failed("cannot start a segment in " + dir + ": " + Recorder.openFailure(e));
            return false;
        }
        currentFile = file;
        currentFirst = firstNanos;
        currentLast = firstNanos;
        publish();
        return true;
    }

    private void closeCurrent() {
        if (current == null) {
            return;
        }
        PcapWriter w = current;
        current = null;
        w.close();
        if (w.stopCause() != null) {
            failed(w.stopCause());
        }
        writtenClosed += w.written();
        notWrittenClosed += w.notWritten();
        if (w.written() > 0 && Files.exists(currentFile)) {
            long size = w.fileBytes();
            try {
                size = Files.size(currentFile);
            } catch (IOException e) {
                // The writer's count will do.
            }
            closed.addLast(new Segment(currentFile, currentFirst, currentLast, size));
            closedBytes += size;
        } else {
            deleteQuietly(currentFile); // nothing whole in it
        }
        publish();
    }

    /** Deletes the oldest closed segments while a bound is passed; returns whether it deleted any. */
    private boolean trim() {
        boolean any = false;
        long now = nowNanos();
        while (!closed.isEmpty()) {
            Segment oldest = closed.peekFirst();
            boolean tooOld = now - oldest.lastNanos() > bounds.maxAgeNanos();
            boolean tooBig = closedBytes + currentBytes() > bounds.maxBytes();
            if (!tooOld && !tooBig) {
                break;
            }
            closed.removeFirst();
            closedBytes -= oldest.bytes();
            deleted++;
            deleteQuietly(oldest.file());
            any = true;
        }
        if (any) {
            publish();
        }
        return any;
    }

    private void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (NoSuchFileException e) {
            // Gone already.
        } catch (IOException e) {
            failed("cannot delete " + file.getFileName() + ": " + Recorder.openFailure(e));
        }
    }

    private void failed(String cause) {
        if (cause == null) {
            return;
        }
        retryAtMillis = clock.millis() + RETRY_MILLIS;
        if (!cause.equals(problem)) {
            LOG.log(System.Logger.Level.WARNING, "recent ring: " + cause);
        }
        problem = cause;
    }

    private void publish() {
        List<Segment> list = new ArrayList<>(closed.size() + 1);
        list.addAll(closed);
        if (current != null) {
            list.add(new Segment(currentFile, currentFirst, currentLast, current.fileBytes()));
        }
        published = List.copyOf(list);
        publishedLast = currentLast;
        publishedAtNanos = System.nanoTime();
        if (current != null && current.recording() && problem != null && current.written() > 0) {
            problem = null; // writing again: the trouble is over
        }
    }

    private long nowNanos() {
        Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    // ---- any thread ----

    /** The segments, oldest first, as of the loop's last change (the open one last). */
    public List<Segment> segments() {
        return published;
    }

    /** The last disk trouble (one line), or null while all is well. */
    public String problem() {
        return problem;
    }

    /** Asks the loop to hand its buffer to the operating system at its next tick; returns the request's number. */
    public synchronized long requestFlush() {
        flushRequest = flushRequest + 1;
        return flushRequest;
    }

    /** Whether the loop has done request {@code n} (or has closed). */
    public boolean flushed(long n) {
        return flushDone >= n;
    }
}
