package org.gapwatch.capture;

import java.time.Duration;
import java.util.Objects;

/**
 * How much the recent ring keeps: the datagrams of at most {@code maxAge} back, in at most {@code maxBytes} on disk;
 * whichever bound is passed first deletes the oldest segment, so the smaller one wins. Either bound 0 turns the
 * ring off.
 */
public record RingBounds(Duration maxAge, long maxBytes) {
    public static final int DEFAULT_MINUTES = 5;
    public static final int DEFAULT_MEBIBYTES = 256;
    /** Segments are at most this long, and a sixth of {@code maxAge}: the time bound is kept to that grain. */
    static final long MAX_SEGMENT_NANOS = 10_000_000_000L;
    /** Segments are at most this large, and a sixteenth of {@code maxBytes}. */
    static final long MAX_SEGMENT_BYTES = 8L << 20;
    static final long MIN_SEGMENT_BYTES = 64L << 10;

    public RingBounds {
        Objects.requireNonNull(maxAge);
        if (maxAge.isNegative() || maxBytes < 0) {
            throw new IllegalArgumentException("recent ring bounds must not be negative: " + maxAge + ", "
                    + maxBytes + " bytes");
        }
    }

    /** The settings' form: whole minutes and MiB (1 MiB = 1,048,576 bytes). */
    public static RingBounds of(int minutes, int mebibytes) {
        return new RingBounds(Duration.ofMinutes(Math.max(0, minutes)), Math.max(0, mebibytes) * (1L << 20));
    }

    public static RingBounds defaults() {
        return of(DEFAULT_MINUTES, DEFAULT_MEBIBYTES);
    }

    /** The ring records nothing. */
    public boolean off() {
        return maxAge.isZero() || maxBytes == 0;
    }

    public long maxAgeNanos() {
        return maxAge.toNanos();
    }

    /** A segment's length in time: a sixth of the time bound, at most 10 s, at least 1 s. */
    public long segmentNanos() {
        return Math.max(1_000_000_000L, Math.min(MAX_SEGMENT_NANOS, maxAgeNanos() / 6));
    }

    /** A segment's size: a sixteenth of the size bound, 64 KiB to 8 MiB. */
    public long segmentBytes() {
        return Math.max(MIN_SEGMENT_BYTES, Math.min(MAX_SEGMENT_BYTES, maxBytes / 16));
    }
}
