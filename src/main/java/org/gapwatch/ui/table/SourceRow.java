package org.gapwatch.ui.table;

import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import org.gapwatch.track.SourceView;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.SourceState;

/**
 * One table row, updated in place from the newest view of its source. Only cells on screen listen, so setting a
 * property nobody shows costs a field write.
 */
public final class SourceRow {
    final int id;
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
    SourceState health = SourceState.OK;

    SourceRow(SourceView v) {
        this.id = v.id();
        src.set(v.src());
        protocol.set(v.protocol());
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

    void update(SourceView v, long now, Judgement j) {
        SourceState h = j.state(id);
        health = h;
        status.set(h);
        lossPercent.set(j.loss(id) * 100);
        ageSeconds.set(v.ageMillis(now) / 1000);
        if (v == shown) {
            return;
        }
        shown = v;
        src.set(v.src()); // a decoder may rename a source (RTP: its CNAME once RTCP told it)
        String unit = v.unit();
        value.set(unit == null || unit.isEmpty() ? v.value() : v.value() + " " + unit);
        received.set(v.received());
        lost.set(v.lost());
        late.set(v.late());
        duplicates.set(v.duplicates());
        restarts.set(v.restarts());
        rate.set(v.ratePerSecond());
        sender.set(v.otherSender() != null ? v.sender() + " (also " + v.otherSender() + ")" : v.sender());
        session.set(v.session());
    }
}
