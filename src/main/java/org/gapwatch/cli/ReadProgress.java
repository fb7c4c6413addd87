package org.gapwatch.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.gapwatch.capture.CaptureReader;

/**
 * Progress of a long read, for stderr: {@code gapwatch: FILE: read 1,234.5 of 2,000.0 MB (61%)}, the first line a
 * second after the start and then at most one a second, so a quick read prints nothing.
 */
final class ReadProgress implements CaptureReader.ReadListener {
    private static final long SECOND = 1_000_000_000L;

    private final Path file;
    private final LongSupplier nanoTime;
    private final Consumer<String> out;
    private long next;

    ReadProgress(Path file, LongSupplier nanoTime, Consumer<String> out) {
        this.file = file;
        this.nanoTime = nanoTime;
        this.out = out;
        this.next = nanoTime.getAsLong() + SECOND;
    }

    @Override
    public void read(long offset, long size) {
        long now = nanoTime.getAsLong();
        if (now - next < 0) {
            return;
        }
        next = now + SECOND;
        out.accept(String.format(Locale.ROOT, "gapwatch: %s: read %,.1f of %,.1f MB (%d%%)", file, offset / 1e6,
                size / 1e6, size > 0 ? offset * 100 / size : 100));
    }
}
