package org.gapwatch.capture;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.gapwatch.fault.Faults;
import org.gapwatch.net.DatagramTap;

/**
 * The always-on recording of the last minutes: a {@link Recorder} (its own bounded queue and loop: the receiver only
 * copies into it and never waits) writing a {@link RecentRing} of segments under {@code ROOT/<pid>/}, and "go to the
 * moment": {@link #freeze} copies the datagrams around a moment out of the ring into one capture file of its own
 * ({@code ROOT/<pid>/frozen/moment-....pcap}; rotation cannot take them away while they are replayed) on a thread of
 * its own. Nothing here runs on the caller's thread but handing over: {@link #start} returns at once (the folder is
 * made and the stale segments of runs that have ended are deleted on the recorder's loop).
 */
public final class RecentRecording implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RecentRecording.class.getName());
    /** Frozen moments kept (each at most a minute or so of datagrams); older ones are deleted by the next freeze. */
    static final int KEEP_FROZEN = 4;
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(2);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter NAME =
            DateTimeFormatter.ofPattern("'moment-'yyyyMMdd-HHmmss.SSS", Locale.ROOT);

    /**
     * What the ring is doing.
     *
     * @param recorded    datagrams written into segments since start
     * @param dropped     datagrams the ring missed (queue full: a slow disk; disk trouble)
     * @param bytes       bytes of the segments on disk now
     * @param oldestNanos first arrival the ring still holds (epoch nanos), or 0 when it holds nothing
     * @param problem     the last disk trouble in one line, or null
     */
    public record Status(boolean off, RingBounds bounds, Path dir, long recorded, long dropped, long bytes,
                         long oldestNanos, String problem) {
    }

    /**
     * A frozen moment, or why there is none.
     *
     * @param file      the capture holding the datagrams around the moment, or null
     * @param fromNanos first datagram's arrival in it
     * @param toNanos   last datagram's arrival in it
     * @param problem   one line when there is no file: the moment is older than the ring holds (and how far back it
     *                  reaches), the ring is off, the disk failed
     */
    public record Moment(Path file, long fromNanos, long toNanos, long datagrams, String problem) {
        static Moment none(String problem) {
            return new Moment(null, 0, 0, 0, problem);
        }

        public boolean found() {
            return file != null;
        }
    }

    /** How long a restart waits for the ring before it to close its open segment, before it takes the segments. */
    private static final Duration HANDOVER_WAIT = Duration.ofSeconds(10);

    private final RingBounds bounds;
    private final Path root;
    private final Path dir;
    private final InstantSource clock;
    private final ZoneId zone;
    private final Faults faults;
    private final long segmentNanos;
    private final long segmentBytes;
    private final PcapWriter.Opener opener;
    private final Recorder recorder;
    private final ExecutorService freezer;
    private volatile RecentRing ring;
    /** The frozen moment being replayed, which no freeze deletes (null when none). */
    private volatile Path replayed;
    /** Test hook: runs on the freezer's thread once the segments to copy are open, before they are read. */
    volatile Runnable afterOpenForTest = () -> { };

    /**
     * @param previous the ring this one restarts (closed already), whose folder it takes over: its frozen moments
     *                 stay, and its segments as far as the new bounds hold them; null for a fresh start
     */
    private RecentRecording(Path root, RingBounds bounds, InstantSource clock, ZoneId zone, Faults faults,
                            long segmentNanos, long segmentBytes, PcapWriter.Opener opener,
                            RecentRecording previous) {
        this.bounds = bounds;
        this.root = root;
        this.dir = root.resolve(Long.toString(ProcessHandle.current().pid()));
        this.clock = clock;
        this.zone = zone;
        this.faults = faults;
        this.segmentNanos = segmentNanos;
        this.segmentBytes = segmentBytes;
        this.opener = opener;
        this.replayed = previous == null ? null : previous.replayed;
        this.freezer = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("gapwatch-freeze")
                .factory());
        if (bounds.off()) {
            recorder = null;
            if (previous != null) {
                freezer.execute(() -> deleteSegmentsOf(previous)); // off now: nothing reads them any more
            }
            return;
        }
        Recorder.Options options = Recorder.Options.defaults().withClock(clock);
        boolean restart = previous != null;
        // Let go of once taken: the recorder may keep its opener, and a chain of old rings must not stay behind.
        java.util.concurrent.atomic.AtomicReference<RecentRecording> handover =
                new java.util.concurrent.atomic.AtomicReference<>(previous);
        this.recorder = Recorder.start(dir, () -> {
            List<RecentRing.Segment> kept = List.of();
            RecentRecording before = handover.getAndSet(null);
            if (!restart) {
                cleanStale(root);
            } else if (before != null) {
                kept = handedOver(before); // a restart: stale runs went at the first start, frozen moments stay
            }
            RecentRing r = new RecentRing(dir, bounds, segmentNanos, segmentBytes, clock, opener, kept);
            ownerOnly(root);
            ownerOnly(dir);
            ring = r;
            return r;
        }, options, faults, line -> LOG.log(System.Logger.Level.WARNING, line));
    }

    /**
     * The closed segments of the ring a restart follows, once its loop has closed its open segment; none when it has
     * not within {@link #HANDOVER_WAIT} (its files are then deleted as strangers').
     */
    private static List<RecentRing.Segment> handedOver(RecentRecording previous) {
        try {
            return previous.awaitClosed(HANDOVER_WAIT) ? previous.segments() : List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private void deleteSegmentsOf(RecentRecording previous) {
        handedOver(previous);
        try {
            if (Files.isDirectory(dir)) {
                RecentRing.deleteSegments(dir);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "recent ring: cannot delete the segments in " + dir + ": "
                    + Recorder.openFailure(e));
        }
    }

    /**
     * Restarts {@code previous} with new bounds (Settings): closes it, and the new ring takes its folder over. The
     * frozen moments stay (the one being replayed must still be there for a seek back), and so do the segments as
     * far as the new bounds hold them. Returns at once.
     */
    public static RecentRecording restart(RecentRecording previous, RingBounds bounds) {
        return restart(previous, bounds, bounds.segmentNanos(), bounds.segmentBytes());
    }

    /** For tests: a restart with the segment sizes given. */
    static RecentRecording restart(RecentRecording previous, RingBounds bounds, long segmentNanos,
                                   long segmentBytes) {
        previous.close();
        return new RecentRecording(previous.root, bounds, previous.clock, previous.zone, previous.faults,
                segmentNanos, segmentBytes, previous.opener, previous);
    }

    /** Marks the frozen moment being replayed (null: none), which no later freeze deletes while it is. */
    public void replaying(Path frozenFile) {
        replayed = frozenFile;
    }

    /** Where this ring's folder is made ({@code ROOT}: the folder is {@code ROOT/<pid>}). */
    public Path root() {
        return root;
    }

    /** The default place: {@code $XDG_STATE_HOME/gapwatch/recent}, else {@code ~/.local/state/gapwatch/recent}. */
    public static Path defaultRoot() {
        return org.gapwatch.fault.ErrorLog.defaultFile().resolveSibling("recent");
    }

    /** Starts the ring under {@code root} (off when a bound is 0); returns at once. */
    public static RecentRecording start(Path root, RingBounds bounds, Faults faults) {
        return new RecentRecording(root, bounds, InstantSource.system(), ZoneId.systemDefault(), faults,
                bounds.segmentNanos(), bounds.segmentBytes(), PcapWriter.FILES, null);
    }

    /** Starts the ring with the error log's fault boundary. */
    public static RecentRecording start(Path root, RingBounds bounds) {
        return start(root, bounds, CaptureFaults.create(LOG));
    }

    /** For tests: the clock, zone and segment sizes given. */
    static RecentRecording start(Path root, RingBounds bounds, InstantSource clock, ZoneId zone, Faults faults,
                                 long segmentNanos, long segmentBytes) {
        return new RecentRecording(root, bounds, clock, zone, faults, segmentNanos, segmentBytes, PcapWriter.FILES,
                null);
    }

    public RingBounds bounds() {
        return bounds;
    }

    /** Where the segments and frozen moments of this run go: {@code ROOT/<pid>}. */
    public Path dir() {
        return dir;
    }

    /** What the receiver hands every datagram to (it only copies it into a queue), or null when the ring is off. */
    public DatagramTap tap() {
        return recorder;
    }

    /** Completes, on the recorder's thread, once the ring records or cannot (at once when the ring is off). */
    public java.util.concurrent.CompletionStage<?> opened() {
        return recorder == null ? CompletableFuture.completedStage(null) : recorder.opened();
    }

    /** Waits at most {@code wait} until the ring's folder is made and it records (true), or it failed. */
    public boolean awaitOpened(Duration wait) throws InterruptedException {
        return recorder != null && recorder.awaitOpened(wait).state() == Recorder.State.RECORDING;
    }

    /** The ring's segments now, oldest first (the open one last). */
    public List<RecentRing.Segment> segments() {
        RecentRing r = ring;
        return r == null ? List.of() : r.segments();
    }

    public Status status() {
        if (recorder == null) {
            return new Status(true, bounds, dir, 0, 0, 0, 0, null);
        }
        Recorder.Status s = recorder.status();
        RecentRing r = ring;
        List<RecentRing.Segment> segs = r == null ? List.of() : r.segments();
        long bytes = segs.stream().mapToLong(RecentRing.Segment::bytes).sum();
        String problem = r == null ? null : r.problem();
        if (s.stopCause() != null) {
            problem = s.stopReason();
        }
        return new Status(false, bounds, dir, s.recorded(), s.dropped(), bytes,
                segs.isEmpty() ? 0 : segs.getFirst().firstNanos(), problem);
    }

    /**
     * Freezes the datagrams from {@code before} ahead of {@code momentNanos} to {@code after} past it (or what the
     * ring holds of that span) into one capture file of their own, on the freezer's thread. Completes with the file,
     * or with one line saying why there is none (never exceptionally).
     */
    public CompletableFuture<Moment> freeze(long momentNanos, Duration before, Duration after) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return freezeNow(momentNanos, before.toNanos(), after.toNanos());
                } catch (IOException | RuntimeException e) {
                    return Moment.none("Cannot freeze the moment: " + Recorder.openFailure(e));
                }
            }, freezer);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.completedFuture(Moment.none("The recent ring is closed: nothing to replay."));
        }
    }

    /** Copies a frozen moment to {@code target} (Save as…) on the freezer's thread; completes with a line or null. */
    public CompletableFuture<String> saveCopy(Path frozen, Path target) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    Files.copy(frozen, target, StandardCopyOption.REPLACE_EXISTING);
                    return null;
                } catch (IOException | RuntimeException e) {
                    return "Cannot save " + target.getFileName() + ": " + Recorder.openFailure(e);
                }
            }, freezer);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.completedFuture("Cannot save: the recent ring is closed.");
        }
    }

    private Moment freezeNow(long moment, long beforeNanos, long afterNanos) throws IOException {
        if (recorder == null) {
            return Moment.none("The recent ring is off (Settings: keep the last minutes / MiB): nothing to replay.");
        }
        RecentRing r = ring;
        if (r == null) {
            return Moment.none("The recent ring has not started yet: nothing to replay.");
        }
        awaitFlush(r);
        List<RecentRing.Segment> segs = r.segments();
        if (segs.isEmpty()) {
            return Moment.none("The recent ring holds nothing yet: nothing to replay.");
        }
        if (before(moment, segs.getFirst().firstNanos())) {
            return tooOld(moment, segs.getFirst().firstNanos());
        }
        long from = moment - beforeNanos;
        long to = moment + afterNanos;
        // Opened first, all of them: an open file outlives its deletion by the ring's rotation meanwhile.
        List<CaptureReader> readers = new ArrayList<>();
        try {
            long opened = Long.MAX_VALUE;
            for (int i = 0; i < segs.size(); i++) {
                RecentRing.Segment s = segs.get(i);
                boolean newest = i == segs.size() - 1;
                if ((newest || s.lastNanos() >= from) && s.firstNanos() <= to) {
                    try {
                        readers.add(CaptureReader.open(s.file(), CaptureFilter.multicast()));
                        opened = Math.min(opened, s.firstNanos());
                    } catch (IOException e) {
                        // Deleted meanwhile, or the newest with nothing handed to the disk yet.
                    }
                }
            }
            if (readers.isEmpty() || before(moment, opened)) {
                return readers.isEmpty() && moment > segs.getLast().lastNanos()
                        ? Moment.none("The recent ring holds nothing from " + time(moment) + " on.")
                        : tooOld(moment, r.segments().isEmpty() ? opened : r.segments().getFirst().firstNanos());
            }
            afterOpenForTest.run();
            return copy(readers, moment, from, to);
        } finally {
            for (CaptureReader c : readers) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // Read only.
                }
            }
        }
    }

    private Moment copy(List<CaptureReader> readers, long moment, long from, long to) throws IOException {
        Path frozenDir = dir.resolve("frozen");
        Files.createDirectories(frozenDir);
        Path target = unique(frozenDir, NAME.format(Instant.ofEpochSecond(0, moment).atZone(zone)));
        long first = 0, last = 0, n = 0;
        PcapWriter w = new PcapWriter(target, 0, 1, reason -> { }, clock, PcapWriter.FILES);
        try {
            for (CaptureReader in : readers) {
                CapturedDatagram d;
                while ((d = in.next()) != null && d.arrivalEpochNanos() <= to) {
                    if (d.arrivalEpochNanos() >= from) {
                        byte[] p = d.payload();
                        w.datagram(p, 0, p.length, d.sender(), d.destination(), d.arrivalEpochNanos());
                        first = n++ == 0 ? d.arrivalEpochNanos() : first;
                        last = d.arrivalEpochNanos();
                    }
                }
            }
        } finally {
            w.close();
        }
        if (w.stopCause() != null || n == 0) {
            Files.deleteIfExists(target);
            return Moment.none(w.stopCause() != null ? "Cannot freeze the moment: " + w.stopCause()
                    : "The recent ring holds no datagram from " + time(from) + " to " + time(to) + ".");
        }
        keepNewestFrozen(frozenDir, target, replayed);
        return new Moment(target, first, last, n, null);
    }

    /**
     * Whether the moment lies before the ring's oldest datagram. Moments come from views in milliseconds: one in the
     * oldest datagram's millisecond is not before it.
     */
    private static boolean before(long moment, long oldestNanos) {
        return Math.floorDiv(moment, 1_000_000L) < Math.floorDiv(oldestNanos, 1_000_000L);
    }

    private Moment tooOld(long moment, long oldest) {
        long back = Math.max(0, nowNanos() - oldest);
        return Moment.none("That moment (" + time(moment) + ") is older than the recent ring holds: it reaches back"
                + " to " + time(oldest) + " (" + span(back) + " back). Nothing opened.");
    }

    private void awaitFlush(RecentRing r) {
        long n = r.requestFlush();
        long deadline = System.nanoTime() + FLUSH_WAIT.toNanos();
        while (!r.flushed(n) && System.nanoTime() < deadline && !recorder.status().state().ended()) {
            LockSupport.parkNanos(1_000_000L); // the recorder's loop ticks every millisecond or so
        }
    }

    private static Path unique(Path frozenDir, String base) {
        Path p = frozenDir.resolve(base + ".pcap");
        for (int i = 2; Files.exists(p); i++) {
            p = frozenDir.resolve(base + "-" + i + ".pcap");
        }
        return p;
    }

    /**
     * Keeps {@code keep} and the newest others, {@link #KEEP_FROZEN} in all; {@code replayed} (null: none) is one of
     * them whatever its age: never deleted while replayed.
     */
    private static void keepNewestFrozen(Path frozenDir, Path keep, Path replayed) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.list(frozenDir)) {
            all = new ArrayList<>(s.filter(p -> !p.equals(keep)).toList());
        }
        boolean replayedHere = replayed != null && all.remove(replayed);
        all.sort(Comparator.comparing(RecentRecording::modified).reversed());
        for (int i = KEEP_FROZEN - 1 - (replayedHere ? 1 : 0); i < all.size(); i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Deletes the folders under {@code root} of runs that have ended (named by a process id no longer alive), and
     * what our own folder holds from a run with the same id. On the recorder's loop.
     */
    static void cleanStale(Path root) throws IOException {
        Files.createDirectories(root);
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!name.matches("[0-9]{1,19}") || !Files.isDirectory(p)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (pid == self || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    if (pid == self) {
                        deleteTree(p.resolve("frozen"));
                    }
                    continue;
                }
                deleteTree(p);
            }
        }
    }

    /** The payloads are everything the streams carry: the folders are the user's alone (where POSIX permits). */
    static void ownerOnly(Path folder) {
        try {
            Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not POSIX (Windows: the profile's folders are the user's already), or not ours to change.
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(q);
                } catch (NoSuchFileException ignored) {
                    // Gone already.
                }
            }
        }
    }

    private long nowNanos() {
        Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private String time(long nanos) {
        return CLOCK.format(Instant.ofEpochSecond(0, nanos).atZone(zone));
    }

    static String span(long nanos) {
        long s = nanos / 1_000_000_000L;
        return s < 60 ? s + " s" : s < 3600 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d h %02d min", s / 3600, s / 60 % 60);
    }

    /** Stops the ring: the recorder writes what is queued and closes the open segment in the background. */
    @Override
    public void close() {
        if (recorder != null) {
            recorder.close();
        }
        freezer.shutdown();
    }

    /** Waits at most {@code wait} for the ring's files to be closed. */
    public boolean awaitClosed(Duration wait) throws InterruptedException {
        return recorder == null || recorder.awaitClosed(wait);
    }

    @Override
    public String toString() {
        return "recent ring " + dir + " (" + bounds + ")";
    }
}
