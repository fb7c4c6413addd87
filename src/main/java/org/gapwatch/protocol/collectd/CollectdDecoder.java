package org.gapwatch.protocol.collectd;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.gapwatch.protocol.DecodeResult;
import org.gapwatch.protocol.ProtocolDecoder;
import org.gapwatch.protocol.SequenceSpace;
import org.gapwatch.protocol.SourceNames;
import org.gapwatch.protocol.Update;
import org.gapwatch.protocol.cadence.CadenceCheck;

/**
 * Decodes collectd datagrams of one subscription. A source is one value list, named as collectd names it
 * ({@code host/plugin[-instance]/type[-instance]}); each value list is one update on lane 0 in
 * {@link SequenceSpace#CADENCE}: its number is the due time {@link CadenceCheck} placed it at (its own TIME_HR
 * against its INTERVAL_HR, not the datagram's arrival), so missed rounds are gaps "by cadence" and the same time
 * again is a duplicate. Value: the first value; text: all of them (counters and derives as rates per second, the
 * first round of one has none yet). A notification is an update on lane 1 ({@link SequenceSpace#NONE}) that sets
 * the source's status (failure alarm, warning warn, okay ok) and text (its message), keeping the last values.
 * <p>A value list of a known source allocates nothing for its identity: the key's characters are looked up in a
 * bounded {@link SourceNames} (the same String and id for the same key), and the source by that id in an array;
 * its text is made again only when it changed. Not thread-safe: one per receive thread.
 */
public final class CollectdDecoder implements ProtocolDecoder, CollectdSink {
    static final int MAX_SOURCES = CadenceCheck.DEFAULT_MAX_LANES;
    private static final double NANOS_PER_SECOND = 1e9;

    private final CollectdReader reader = new CollectdReader();
    private final CadenceCheck cadence = new CadenceCheck();
    private final DecodeResult result = new DecodeResult(256);
    /** Every source by its key: the sources kept (at most MAX_SOURCES), whatever the name table forgot. */
    private final Map<String, Source> sources = new HashMap<>();
    /** The keys read, by their characters: twice the sources kept, so refused keys do not clear it at once. */
    private final SourceNames names = new SourceNames(2 * MAX_SOURCES);
    /** The source of each name id, valid while its name is that id's String (the table reuses ids after a clear). */
    private Source[] byId = new Source[0];
    /** The name id of the key the last {@link #source} call found, -1 for a key too long for the table. */
    private int id;
    /** Scratch for a source's text, owned by this decoder. */
    private final StringBuilder text = new StringBuilder(64);

    /** What the decoder keeps per value list: its name, the last raw values and time (for rates), status. */
    private static final class Source {
        String name;
        long[] raw = new long[0];
        long rawTimeNanos;
        double number = Double.NaN;
        String values = "";
        /** The values with the message and "signed" as the last update showed them; null when none yet. */
        String shownText;
        /** The values as shown (rates for counters), a vector for types with several: load's three. */
        double[] shown = new double[0];
        String status;
        String message;
        long intervalMillis = Update.ABSENT;

        Source(String name) {
            this.name = name;
        }
    }

    @Override
    public DecodeResult decode(byte[] data, int off, int len, int port, long arrivalNanos) {
        result.reset();
        CollectdReject why = reader.read(data, off, len, this);
        if (why != null) {
            if (result.count() == 0) {
                result.reject(why);
            } else if (result.count() < result.capacity()) {
                // What came before the bad part was read, as collectd reads it; the rest is counted.
                result.next().protocol("collectd").reason(why);
            }
        }
        return result;
    }

    @Override
    public void valueList(ValueList v) {
        Source s = source(v);
        if (s == null) {
            return;
        }
        long time = HighResTime.toNanos(v.timeHr());
        long interval = HighResTime.toNanos(v.intervalHr());
        int outcome = cadence.check(s, time, interval);
        if (outcome == CadenceCheck.REFUSED) {
            src(result.next().protocol("collectd"), s.name).reason(CollectdReject.TOO_MANY_SOURCES);
            return;
        }
        if (outcome >= 0 || outcome == CadenceCheck.FIRST) {
            values(s, v, time);
        }
        Update u = src(result.next().protocol("collectd"), s.name).space(SequenceSpace.CADENCE)
                .seq(cadence.slot()).ts(time / 1_000_000).laneLabel("value lists");
        if (interval > 0) {
            s.intervalMillis = Math.max(1, interval / 1_000_000);
        }
        fill(u, s, v.signed());
    }

    @Override
    public void notification(Notification n) {
        Source s = source(n);
        if (s == null) {
            return;
        }
        s.status = switch (n.severity()) {
            case FAILURE -> "alarm";
            case WARNING -> "warn";
            case OKAY -> "ok";
            case UNKNOWN -> null;
        };
        s.message = n.message();
        Update u = src(result.next().protocol("collectd"), s.name).space(SequenceSpace.NONE).lane(1)
                .laneLabel("notifications");
        if (n.timeHr() != 0) {
            u.ts(HighResTime.toNanos(n.timeHr()) / 1_000_000);
        }
        fill(u, s, n.signed());
    }

    /**
     * The source of an identity's key, or null when the result is full or (counted) the source limit is reached.
     * Sets {@link #id}.
     */
    private Source source(Identity i) {
        if (result.count() == result.capacity()) {
            return null;
        }
        int len = i.keyLength();
        id = names.id(i.keyChars(), 0, len);
        String key = id >= 0 ? names.name(id) : i.key();
        if (id >= 0 && id < byId.length) {
            Source s = byId[id];
            if (s != null && s.name == key) {
                return s;
            }
        }
        Source s = sources.get(key);
        if (s == null) {
            if (sources.size() >= MAX_SOURCES) {
                src(result.next().protocol("collectd"), key).reason(CollectdReject.TOO_MANY_SOURCES);
                return null;
            }
            s = new Source(key);
            sources.put(key, s);
        }
        if (id >= 0) {
            s.name = key; // the table's String, so that the next look-up by id hits (after a clear it is a new one)
            if (id >= byId.length) {
                byId = Arrays.copyOf(byId, (int) Math.min(names.maxNames(), Math.max(id + 1L, 2L * byId.length + 16)));
            }
            byId[id] = s;
        }
        return s;
    }

    /** The update's source: by the name table's id when the key has one (the tracker finds it by id then). */
    private Update src(Update u, String name) {
        return id >= 0 ? u.src(names, id) : u.src(name);
    }

    /** The table of keys read (tests: it stays bounded). */
    SourceNames names() {
        return names;
    }

    /** Sources kept. */
    int sourceCount() {
        return sources.size();
    }

    /**
     * New values of a value list in order: gauges and absolutes as they are, counters and derives as rates. The
     * source's arrays are reused while the count stays; its text is a new String only when it reads differently.
     */
    private void values(Source s, ValueList v, long time) {
        int n = v.count();
        boolean rates = s.raw.length == n && time > s.rawTimeNanos;
        double seconds = (time - s.rawTimeNanos) / NANOS_PER_SECOND;
        StringBuilder sb = text;
        sb.setLength(0);
        double first = Double.NaN;
        long[] raw = s.raw.length == n ? s.raw : new long[n];
        if (s.shown.length != n) {
            s.shown = new double[n];
        }
        for (int i = 0; i < n; i++) {
            DataSourceType t = v.type(i);
            double shown;
            if (t.isRate()) {
                long last = rates ? raw[i] : 0;
                raw[i] = v.integer(i);
                // A counter is unsigned and wraps: the difference modulo 2^64 is the increase.
                long diff = raw[i] - last;
                double d = t == DataSourceType.COUNTER ? unsigned(diff) : diff;
                shown = rates ? d / seconds : Double.NaN;
            } else {
                raw[i] = 0;
                shown = v.value(i);
            }
            s.shown[i] = shown;
            if (i == 0) {
                first = shown;
            }
            if (i > 0) {
                sb.append(' ');
            }
            if (Double.isNaN(shown)) {
                sb.append('-');
            } else {
                Update.appendNumber(sb, round(shown));
            }
            if (t.isRate()) {
                sb.append("/s");
            }
        }
        s.raw = raw;
        s.rawTimeNanos = time;
        s.number = first;
        if (!s.values.contentEquals(sb)) {
            s.values = sb.toString();
        }
    }

    private static double unsigned(long d) {
        return d >= 0 ? d : (d >>> 1) * 2.0 + (d & 1);
    }

    private static double round(double d) {
        return Math.abs(d) >= 1e6 || d == Math.rint(d) ? d : Math.round(d * 1000) / 1000.0;
    }

    private void fill(Update u, Source s, boolean signed) {
        u.interval(s.intervalMillis);
        if (!Double.isNaN(s.number) && !Double.isInfinite(s.number)) {
            u.number(s.number);
        }
        String shown = s.values;
        if (s.message != null || signed) {
            StringBuilder sb = text;
            sb.setLength(0);
            sb.append(s.values);
            if (s.message != null) {
                sb.append(s.values.isEmpty() ? "" : " · ").append(s.message);
            }
            if (signed) {
                sb.append(" (signed, not verified)");
            }
            if (s.shownText == null || !s.shownText.contentEquals(sb)) {
                s.shownText = sb.toString();
            }
            shown = s.shownText;
        }
        u.text(shown.isEmpty() ? null : shown);
        u.status(s.status);
        if (s.shown.length > 1) {
            u.values(s.shown, s.shown.length); // a rate not known yet (NaN) is drawn as no bar
        }
    }
}
