package org.gapwatch.ui.table;

import org.gapwatch.judge.Judgement;
import org.gapwatch.track.SourceView;
import org.gapwatch.ui.Format;

/**
 * The table's columns as values of a source: the text a column filter matches and the number it compares and
 * sorts by. Used off the FX thread (filter and sort, {@link TableModel}) and by the rows, so both agree.
 */
enum Column {
    SRC("src", false, false),
    PROTOCOL("protocol", false, false),
    STATUS("status", false, true),
    VALUE("value", false, true),
    RECEIVED("received", true, true),
    LOST("lost", true, true),
    LOSS("loss", true, true),
    LATE("late", true, true),
    DUPLICATES("duplicates", true, true),
    RESTARTS("restarts", true, true),
    RATE("rate", true, true),
    AGE("age", true, true),
    SENDER("sender", false, false),
    SESSION("session", false, false);

    final String id;
    /** Filtered as a number too ({@code >N}, {@code <N}), and sorted by the number. */
    final boolean numeric;
    /** Its value moves by itself (with the data or the clock): sorting or filtering on it must be redone. */
    final boolean live;

    Column(String id, boolean numeric, boolean live) {
        this.id = id;
        this.numeric = numeric;
        this.live = live;
    }

    static Column of(String id) {
        for (Column c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no column " + id);
    }

    String text(SourceView v, Judgement j, long now) {
        return switch (this) {
            case SRC -> v.src();
            case PROTOCOL -> v.protocol();
            case STATUS -> j.state(v.id()).word();
            case VALUE -> valueText(v);
            case LOSS -> Format.percent(j.loss(v.id()));
            case RATE -> Format.rate(v.ratePerSecond());
            case AGE -> Format.age(v.ageMillis(now) / 1000 * 1000);
            case SENDER -> senderText(v);
            case SESSION -> v.session();
            default -> Long.toString((long) number(v, j, now));
        };
    }

    double number(SourceView v, Judgement j, long now) {
        return switch (this) {
            case STATUS -> j.state(v.id()).ordinal();
            case RECEIVED -> v.received();
            case LOST -> v.lost();
            case LOSS -> j.loss(v.id()) * 100;
            case LATE -> v.late();
            case DUPLICATES -> v.duplicates();
            case RESTARTS -> v.restarts();
            case RATE -> v.ratePerSecond();
            case AGE -> v.ageMillis(now) / 1000;
            default -> Double.NaN;
        };
    }

    static String valueText(SourceView v) {
        String unit = v.unit();
        String value = v.value(); // a number's text is made on each call (SourceView.value): once here
        return unit == null || unit.isEmpty() ? value : value + " " + unit;
    }

    static String senderText(SourceView v) {
        return v.otherSender() != null ? v.sender() + " (also " + v.otherSender() + ")" : v.sender();
    }
}
