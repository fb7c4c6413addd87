package org.gapwatch.ui.table;

import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.SourceState;
import org.gapwatch.track.SourceView;

/**
 * One row on screen: a slot for a position of the table that shows whichever source the newest model puts there,
 * filled from the newest view of that source. Only cells on screen listen, so setting a property nobody shows costs
 * a field write.
 */
public final class SourceRow {
    int id = -1;
    /** The row's position in the table (the slot it fills), -1 for a row made for a test's look. */
    int position = -1;
    final SimpleStringProperty src = new SimpleStringProperty();
    final SimpleStringProperty protocol = new SimpleStringProperty();
    final SimpleObjectProperty<SourceState> status = new SimpleObjectProperty<>(SourceState.OK);
    final SimpleStringProperty value = new SimpleStringProperty();
    final SimpleLongProperty received = new SimpleLongProperty();
    final SimpleLongProperty lost = new SimpleLongProperty();
    final SimpleDoubleProperty lossPercent = new SimpleDoubleProperty();
    final SimpleLongProperty late = new SimpleLongProperty();
    final SimpleLongProperty duplicates = new SimpleLongProperty();
    final SimpleLongProperty restarts = new SimpleLongProperty();
    final SimpleDoubleProperty rate = new SimpleDoubleProperty();
    final SimpleLongProperty ageSeconds = new SimpleLongProperty();
    final SimpleStringProperty sender = new SimpleStringProperty();
    final SimpleStringProperty session = new SimpleStringProperty();
    SourceView shown;

    SourceRow() {
    }

    public int id() {
        return id;
    }

    public String src() {
        return src.get();
    }

    public long lost() {
        return lost.get();
    }

    public long received() {
        return received.get();
    }

    public SourceState status() {
        return status.get();
    }

    /** Shows source {@code v} (another one than before, or a newer view of the same) as judged by {@code j}. */
    void update(SourceView v, long now, Judgement j) {
        if (v.id() != id) {
            id = v.id();
            shown = null;
        }
        status.set(j.state(id));
        lossPercent.set(j.loss(id) * 100);
        ageSeconds.set(v.ageMillis(now) / 1000);
        if (v == shown) {
            return;
        }
        shown = v;
        src.set(v.src()); // a decoder may rename a source (RTP: its CNAME once RTCP told it)
        protocol.set(v.protocol());
        value.set(Column.valueText(v));
        received.set(v.received());
        lost.set(v.lost());
        late.set(v.late());
        duplicates.set(v.duplicates());
        restarts.set(v.restarts());
        rate.set(v.ratePerSecond());
        sender.set(Column.senderText(v));
        session.set(v.session());
    }
}
