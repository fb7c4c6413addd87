package org.gapwatch.ui.table;

import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.SourceState;
import org.gapwatch.track.SourceView;
import org.gapwatch.ui.Format;

/**
 * One row on screen: a slot for a position of the table that shows whichever source the newest model puts there,
 * filled from the newest view of that source. Plain fields: the row that shows it paints them ({@link PaintedRow}),
 * so a field nobody shows costs a write.
 */
public final class SourceRow {
    int id = -1;
    /** The row's position in the table (the slot it fills), -1 for a row made for a test's look. */
    int position = -1;
    String src;
    String protocol;
    SourceState status = SourceState.OK;
    String value;
    long received;
    long lost;
    double lossPercent;
    long late;
    long duplicates;
    long restarts;
    double rate;
    long ageSeconds;
    String sender;
    String session;
    SourceView shown;

    SourceRow() {
    }

    public int id() {
        return id;
    }

    public String src() {
        return src;
    }

    public long lost() {
        return lost;
    }

    public long received() {
        return received;
    }

    public SourceState status() {
        return status;
    }

    /** The text of {@code c} in this row, as the table shows it. */
    String text(Column c) {
        return switch (c) {
            case SRC -> src;
            case PROTOCOL -> protocol;
            case STATUS -> status.word();
            case VALUE -> value;
            case RECEIVED -> Long.toString(received);
            case LOST -> Long.toString(lost);
            case LOSS -> Format.percent(lossPercent / 100);
            case LATE -> Long.toString(late);
            case DUPLICATES -> Long.toString(duplicates);
            case RESTARTS -> Long.toString(restarts);
            case RATE -> Format.rate(rate);
            case AGE -> Format.age(ageSeconds * 1000);
            case SENDER -> sender;
            case SESSION -> session;
        };
    }

    /** Shows source {@code v} (another one than before, or a newer view of the same) as judged by {@code j}. */
    void update(SourceView v, long now, Judgement j) {
        if (v.id() != id) {
            id = v.id();
            shown = null;
        }
        status = j.state(id);
        lossPercent = j.loss(id) * 100;
        ageSeconds = v.ageMillis(now) / 1000;
        if (v == shown) {
            return;
        }
        shown = v;
        src = v.src(); // a decoder may rename a source (RTP: its CNAME once RTCP told it)
        protocol = v.protocol();
        value = Column.valueText(v);
        received = v.received();
        lost = v.lost();
        late = v.late();
        duplicates = v.duplicates();
        restarts = v.restarts();
        rate = v.ratePerSecond();
        sender = Column.senderText(v);
        session = v.session();
    }
}
