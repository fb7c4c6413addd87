package org.gapwatch.alarm;

import java.util.ArrayDeque;

/**
 * One alarm point (a source and a kind) on the {@link AlarmModel}'s thread, made once and kept: its activations
 * outlive a row dropped as normal, as they did when they were kept by key.
 */
final class AlarmPoint {
    final String src;
    final AlarmKind kind;
    /** Its row, or null: it never alarmed, or its row was dropped as normal. */
    Alarm row;
    /** Activations within the chattering window, oldest first; null until the first. */
    ArrayDeque<Long> times;
    /** The evaluation that last cleared it. */
    long clearedIn = -1;

    AlarmPoint(String src, AlarmKind kind) {
        this.src = src;
        this.kind = kind;
    }
}
