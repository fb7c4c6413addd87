package org.gapwatch.cli;

import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.gapwatch.protocol.ValueKind;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.Totals;
import org.gapwatch.track.TrackerSnapshot;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The report of {@code listen} (and {@code analyze}): one JSON object, or a table for people. JSON shape:
 * {@code {"sources":[{src,sender,received,lost,late,duplicates,restarts,value,status,stale}...],
 * "totals":{datagrams,received,lost,late,duplicates,restarts,invalid,rejectedSources,socketDrops},
 * "invalid":{reason:count}}}; socketDrops is null where unknown.
 */
public final class Summary {
    private static final JsonFactory JSON = new JsonFactory();

    private Summary() {
    }

    public static String json(TrackerSnapshot snapshot, long nowMillis) {
        return json(snapshot, nowMillis, g -> { });
    }

    /**
     * The JSON summary with {@code extra} properties written last: {@code listen --record} adds
     * {@code "recording":{file,recorded,dropped,state,stopped}} (stopped: the reason, or null).
     */
    public static String json(TrackerSnapshot snapshot, long nowMillis, Consumer<JsonGenerator> extra) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeArrayPropertyStart("sources");
            for (int i = 0; i < snapshot.sourceCount(); i++) {
                SourceView v = snapshot.source(i);
                g.writeStartObject();
                g.writeStringProperty("src", v.src());
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
                g.writeBooleanProperty("stale", v.isStale(nowMillis));
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
            extra.accept(g);
            g.writeEndObject();
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator g, SourceView v) {
        switch (v.valueKind()) {
            case ABSENT, NULL -> g.writeNull();
            case BOOLEAN -> g.writeBoolean(Boolean.parseBoolean(v.value()));
            case STRING -> g.writeString(v.value());
            case NUMBER -> {
                if (v.number() == Math.rint(v.number()) && Math.abs(v.number()) < 1e15) {
                    g.writeNumber((long) v.number());
                } else if (v.value().indexOf('.') < 0 && v.value().indexOf('e') < 0 && v.value().indexOf('E') < 0) {
                    g.writeNumber(new java.math.BigInteger(v.value()));
                } else {
                    g.writeNumber(v.number());
                }
            }
        }
    }

    /** A table for a terminal: one row per source, then the totals. */
    public static String table(TrackerSnapshot snapshot, long nowMillis) {
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
            String status = v.isStale(nowMillis) ? "STALE" : v.statusText() == null ? "-" : v.statusText();
            String value = v.valueKind() == ValueKind.ABSENT ? "" : v.value() + (v.unit() == null ? "" : " " + v.unit());
            sb.append(String.format(Locale.ROOT, row, clip(v.src(), w), v.received(), v.lost(),
                    String.format(Locale.ROOT, "%.2f", 100 * v.lossFraction()), v.late(), v.duplicates(),
                    v.restarts(), status, clip(value, 40)));
        }
        Totals t = snapshot.totals();
        sb.append(String.format(Locale.ROOT,
                "%ntotal: %d sources, %d datagrams, %d received, %d lost, %d late, %d duplicates, %d restarts, "
                        + "%d invalid, %d rejected sources, socket drops %s%n",
                t.sources(), t.datagrams(), t.received(), t.lost(), t.late(), t.duplicates(), t.restarts(),
                t.invalid(), t.rejectedSources(), t.socketDropsKnown() ? Long.toString(t.socketDrops()) : "unknown"));
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
