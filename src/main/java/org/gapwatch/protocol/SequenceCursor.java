package org.gapwatch.protocol;

/**
 * Where one lane stands in its {@link SequenceSpace}: the tracker's per-lane state extends this, and the space reads
 * and writes it while placing a number. Single writer (the tracker's thread).
 */
public class SequenceCursor {
    /** False until the lane's first number was placed (and after nothing else: a restart keeps it true). */
    public boolean started;
    /** The highest extended number placed so far; meaningful once {@link #started}. */
    public long highest;
    /** Output of {@link SequenceSpace#place}: the extended number of the raw number just placed. */
    public long extended;

    // Scratch of the wrapping spaces (RFC 3550 A.1): the number that would confirm a big jump, and probation.
    long pending = -1;
    int probation;
}
