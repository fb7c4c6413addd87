package org.gapwatch.ui.table;

import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.SourceState;
import org.gapwatch.track.SourceView;

/**
 * One row on screen: a slot for a position of the table that shows whichever source the newest model puts there,
 * as the newest view of that source, its judgement and the time. Its texts are the columns' own ({@link Column#text}),
 * the ones the filters match, so what a row shows and what a filter finds cannot differ; the row that shows it paints
 * them ({@link PaintedRow}).
 */
public final class SourceRow {
    int id = -1;
    /** The row's position in the table (the slot it fills), -1 for a row made for a test's look. */
    int position = -1;
    private SourceView shown;
    private Judgement judged = Judgement.empty();
    private long now;

    SourceRow() {
    }

    public int id() {
        return id;
    }

    public String src() {
        return shown == null ? null : shown.src();
    }

    public long lost() {
        return shown == null ? 0 : shown.lost();
    }

    public long received() {
        return shown == null ? 0 : shown.received();
    }

    public SourceState status() {
        return judged.state(id);
    }

    /** Whether the source lost any of its recent updates (the Loss column's chip). */
    boolean losing() {
        return judged.loss(id) > 0;
    }

    /** The text of {@code c} in this row, as the table shows it; null before the row shows a source. */
    String text(Column c) {
        return shown == null ? null : c.text(shown, judged, now);
    }

    /** Shows source {@code v} (another one than before, or a newer view of the same) as judged by {@code j}. */
    void update(SourceView v, long now, Judgement j) {
        id = v.id();
        shown = v;
        judged = j;
        this.now = now;
    }
}
