package org.gapwatch.cli;

import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.gapwatch.judge.Episode;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.LossFigures;
import org.gapwatch.protocol.ValueKind;
import org.gapwatch.track.Levels;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.Totals;
import org.gapwatch.track.TrackerSnapshot;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The report of {@code listen} (and {@code analyze}): one JSON object, or a table for people. JSON shape:
 * {@code {"sources":[{src,protocol,sender,received,lost,late,duplicates,restarts,value,status,stale,state,
 * levels (only a source with a vector: {first, values})}...],
 * "totals":{datagrams,received,lost,late,duplicates,restarts,invalid,rejectedSources,socketDrops},
 * "invalid":{reason:count}, "episodes":[{start,end,cause,evidence,sources,lost,socketDrops}...]}};
 * socketDrops is null where unknown, an episode's end null while it is open. {@code state} and the episodes are
 * the judgement's ({@code org.gapwatch.judge}), the same the desktop monitor shows.
 */
public final class Summary {
    private static final JsonFactory JSON = new JsonFactory();

    private Summary() {
    }

    /** The report of one snapshot judged on its own (no episodes: they need the snapshots that came before). */
    public static String json(TrackerSnapshot snapshot, long nowMillis) {
        return json(new Judge().judge(snapshot, nowMillis));
    }

    public static String json(Judgement judged) {
        return json(judged, g -> { });
    }

    public static String json(TrackerSnapshot snapshot, long nowMillis, Consumer<JsonGenerator> extra) {
        return json(new Judge().judge(snapshot, nowMillis), extra);
    }

    /**
     * The JSON summary with {@code extra} properties written last: {@code listen --record} adds
     * {@code "recording":{file,recorded,dropped,state,stopped}} (stopped: the reason, or null).
     */
    public static String json(Judgement judged, Consumer<JsonGenerator> extra) {
        TrackerSnapshot snapshot = judged.snapshot();
        long nowMillis = judged.nowMillis();
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeArrayPropertyStart("sources");
            for (int i = 0; i < snapshot.sourceCount(); i++) {
                SourceView v = snapshot.source(i);
                g.writeStartObject();
                g.writeStringProperty("src", v.src());
                g.writeStringProperty("protocol", v.protocol());
                g.writeStringProperty("sender", v.sender());
                g.writeNumberProperty("received", v.received());
                g.writeNumberProperty("lost", v.lost());
                g.writeNumberProperty("late", v.late());
                g.writeNumberProperty("duplicates", v.duplicates());
                g.writeNumberProperty("restarts", v.restarts());
                g.writeName("value");
                writeValue(g, v);
                if (v.statusText() == null) {
                    g.writeNullProperty("status");
                } else {
                    g.writeStringProperty("status", v.statusText());
                }
                if (v.text() != null) {
                    g.writeStringProperty("text", v.text());
                }
                if (v.lastGap() != null && v.lastGap().byCadence()) {
                    g.writeBooleanProperty("lostByCadence", true);
                }
                g.writeBooleanProperty("stale", judged.state(i) == org.gapwatch.judge.SourceState.STALE);
                g.writeStringProperty("state", judged.state(i).code());
                writeLevels(g, v.levels());
                g.writeEndObject();
            }
            g.writeEndArray();
            Totals t = snapshot.totals();
            g.writeObjectPropertyStart("totals");
            g.writeNumberProperty("datagrams", t.datagrams());
            g.writeNumberProperty("received", t.received());
            g.writeNumberProperty("lost", t.lost());
            g.writeNumberProperty("late", t.late());
            g.writeNumberProperty("duplicates", t.duplicates());
            g.writeNumberProperty("restarts", t.restarts());
            g.writeNumberProperty("invalid", t.invalid());
            g.writeNumberProperty("rejectedSources", t.rejectedSources());
            if (t.socketDropsKnown()) {
                g.writeNumberProperty("socketDrops", t.socketDrops());
            } else {
                g.writeNullProperty("socketDrops");
            }
            g.writeEndObject();
            g.writeObjectPropertyStart("invalid");
            for (Map.Entry<String, Long> e : snapshot.invalidByReason().entrySet()) {
                g.writeNumberProperty(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayPropertyStart("episodes");
            for (Episode e : judged.episodes()) {
                writeEpisode(g, e);
            }
            g.writeEndArray();
            extra.accept(g);
            g.writeEndObject();
        }
        return out.toString();
    }

    private static void writeEpisode(JsonGenerator g, Episode e) {
        g.writeStartObject();
        g.writeStringProperty("start", java.time.Instant.ofEpochMilli(e.startMillis()).toString());
        if (e.open()) {
            g.writeNullProperty("end");
        } else {
            g.writeStringProperty("end", java.time.Instant.ofEpochMilli(e.endMillis()).toString());
        }
        g.writeStringProperty("cause", e.cause().code());
        g.writeStringProperty("evidence", e.evidence());
        g.writeArrayPropertyStart("sources");
        for (String s : e.sources()) {
            g.writeString(s);
        }
        g.writeEndArray();
        g.writeNumberProperty("lost", e.lost());
        if (e.socketDrops() >= 0) {
            g.writeNumberProperty("socketDrops", e.socketDrops());
        } else {
            g.writeNullProperty("socketDrops");
        }
        g.writeEndObject();
    }

    /**
     * A source's vector, only when it has one, last in its object (it is the longest part):
     * {@code "levels":{"first":N,"values":[...]}}, {@code first} what the protocol numbers the first element (sACN:
     * DMX address 1; collectd: value 0). 8-bit levels as integers 0-255; values as numbers, a value that is not one
     * (NaN, infinite) as null, since JSON has none. At most {@value org.gapwatch.protocol.Update#MAX_LEVELS}
     * elements (the seam keeps no more).
     */
    private static void writeLevels(JsonGenerator g, Levels l) {
        if (l == null) {
            return;
        }
        g.writeObjectPropertyStart("levels");
        g.writeNumberProperty("first", l.firstIndex());
        g.writeArrayPropertyStart("values");
        for (int i = 0; i < l.size(); i++) {
            double x = l.get(i);
            if (l.eightBit()) {
                g.writeNumber((int) x);
            } else if (!Double.isFinite(x)) {
                g.writeNull();
            } else if (x == Math.rint(x) && Math.abs(x) < 1e15) {
                g.writeNumber((long) x);
            } else {
                g.writeNumber(x);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, SourceView v) {
        switch (v.valueKind()) {
            case ABSENT, NULL -> g.writeNull();
            case BOOLEAN -> g.writeBoolean(Boolean.parseBoolean(v.value()));
            case STRING -> g.writeString(v.value());
            case NUMBER -> {
                String text = v.value(); // made on each call for a number (SourceView.value)
                if (v.number() == Math.rint(v.number()) && Math.abs(v.number()) < 1e15) {
                    g.writeNumber((long) v.number());
                } else if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
                    g.writeNumber(new java.math.BigInteger(text));
                } else {
                    g.writeNumber(v.number());
                }
            }
        }
    }

    /** A table for a terminal: one row per source, then the totals. */
    public static String table(TrackerSnapshot snapshot, long nowMillis) {
        return table(new Judge().judge(snapshot, nowMillis));
    }

    public static String table(Judgement judged) {
        TrackerSnapshot snapshot = judged.snapshot();
        StringBuilder sb = new StringBuilder();
        int w = 10;
        for (int i = 0; i < snapshot.sourceCount(); i++) {
            w = Math.max(w, snapshot.source(i).src().length());
        }
        w = Math.min(w, 60);
        String row = "%-" + w + "s %10s %8s %7s %6s %5s %8s  %-6s %s%n";
        sb.append(String.format(Locale.ROOT, row, "SOURCE", "RECEIVED", "LOST", "LOSS%", "LATE", "DUPS", "RESTARTS",
                "STATUS", "VALUE"));
        for (int i = 0; i < snapshot.sourceCount(); i++) {
            SourceView v = snapshot.source(i);
            String status = judged.state(i) == org.gapwatch.judge.SourceState.STALE ? "STALE"
                    : v.statusText() == null ? "-" : v.statusText();
            String value = v.valueKind() == ValueKind.ABSENT ? "" : v.value() + (v.unit() == null ? "" : " " + v.unit());
            sb.append(String.format(Locale.ROOT, row, clip(v.src(), w), v.received(), v.lost(),
                    String.format(Locale.ROOT, "%.2f", 100 * LossFigures.overall(v)), v.late(), v.duplicates(),
                    v.restarts(), status, clip(value, 40)));
        }
        Totals t = snapshot.totals();
        sb.append(String.format(Locale.ROOT,
                "%ntotal: %d sources, %d datagrams, %d received, %d lost, %d late, %d duplicates, %d restarts, "
                        + "%d invalid, %d rejected sources, socket drops %s%n",
                t.sources(), t.datagrams(), t.received(), t.lost(), t.late(), t.duplicates(), t.restarts(),
                t.invalid(), t.rejectedSources(), t.socketDropsKnown() ? Long.toString(t.socketDrops()) : "unknown"));
        for (Episode e : judged.episodes()) {
            sb.append(String.format(Locale.ROOT, "loss episode %s .. %s: %s (%d sources, %d lost)%n",
                    java.time.Instant.ofEpochMilli(e.startMillis()), e.open() ? "now"
                            : java.time.Instant.ofEpochMilli(e.endMillis()), clip(e.summary(), 400),
                    e.sources().size(), e.lost()));
        }
        if (!snapshot.invalidByReason().isEmpty()) {
            sb.append("invalid by reason: ");
            snapshot.invalidByReason().forEach((k, c) -> sb.append(k).append('=').append(c).append(' '));
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** Shortens to {@code w} characters and shows control characters as '?', so a name cannot drive the terminal. */
    static String clip(String s, int w) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), w));
        for (int i = 0; i < s.length() && sb.length() < w; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069') ? '?' : c);
        }
        if (s.length() > w) {
            sb.setCharAt(w - 1, '…');
        }
        return sb.toString();
    }
}
