package org.gapwatch.alarm;

import org.gapwatch.judge.JudgeConfig;

/** A source's alarm points by kind, and what its judged state asks for; found by the judgement's source id. */
final class SourcePoints {
    final String src;
    final AlarmPoint[] points = new AlarmPoint[AlarmModel.SOURCE_KINDS];
    /** Its id in the judgement last read, or -1. */
    int id = -1;
    /** The kind its state asks for at the last evaluation, or null. */
    AlarmKind wanted;
    /** Evaluations in a row it was wanted without its row active (the on-delay); 0 when not waiting. */
    int waited;
    /** The evaluation that last read its state. */
    long seenIn = -1;
    /** Its guidance under {@link #guidanceOf}: the globs are matched once per source and config. */
    String guidance;
    JudgeConfig guidanceOf;

    SourcePoints(String src) {
        this.src = src;
    }

    AlarmPoint point(AlarmKind k) {
        AlarmPoint p = points[k.ordinal()];
        if (p == null) {
            p = new AlarmPoint(src, k);
            points[k.ordinal()] = p;
        }
        return p;
    }
}
