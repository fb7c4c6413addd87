package org.gapwatch.protocol.collectd;

import java.util.HashMap;
import java.util.Map;
import org.gapwatch.protocol.DecodeResult;
import org.gapwatch.protocol.ProtocolDecoder;
import org.gapwatch.protocol.SequenceSpace;
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
 */
public final class CollectdDecoder implements ProtocolDecoder, CollectdSink {
    static final int MAX_SOURCES = CadenceCheck.DEFAULT_MAX_LANES;
    private static final double NANOS_PER_SECOND = 1e9;

    private final CollectdReader reader = new CollectdReader();
    private final CadenceCheck cadence = new CadenceCheck();
    private final DecodeResult result = new DecodeResult(256);
    private final Map<String, Source> sources = new HashMap<>();

    /** What the decoder keeps per value list: its name, the last raw values and time (for rates), status. */
    private static final class Source {
        final String name;
        long[] raw = new long[0];
        long rawTimeNanos;
        double number = Double.NaN;
        String values = "";
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
        Source s = source(v.key());
        if (s == null) {
            return;
        }
        long time = HighResTime.toNanos(v.timeHr());
        long interval = HighResTime.toNanos(v.intervalHr());
        int outcome = cadence.check(s, time, interval);
        if (outcome == CadenceCheck.REFUSED) {
            result.next().protocol("collectd").src(s.name).reason(CollectdReject.TOO_MANY_SOURCES);
            return;
        }
        if (outcome >= 0 || outcome == CadenceCheck.FIRST) {
            values(s, v, time);
        }
        Update u = result.next().protocol("collectd").src(s.name).space(SequenceSpace.CADENCE)
                .seq(cadence.slot()).ts(time / 1_000_000).laneLabel("value lists");
        if (interval > 0) {
            s.intervalMillis = Math.max(1, interval / 1_000_000);
        }
        fill(u, s, v.signed());
    }

    @Override
    public void notification(Notification n) {
        Source s = source(n.key());
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
        Update u = result.next().protocol("collectd").src(s.name).space(SequenceSpace.NONE).lane(1)
                .laneLabel("notifications");
        if (n.timeHr() != 0) {
            u.ts(HighResTime.toNanos(n.timeHr()) / 1_000_000);
        }
        fill(u, s, n.signed());
    }

    /** The source of a key, or null when the result is full or (counted) the source limit is reached. */
    private Source source(String key) {
        if (result.count() == result.capacity()) {
            return null;
        }
        Source s = sources.get(key);
        if (s == null) {
            if (sources.size() >= MAX_SOURCES) {
                result.next().protocol("collectd").src(key).reason(CollectdReject.TOO_MANY_SOURCES);
                return null;
            }
            s = new Source(key);
            sources.put(key, s);
        }
        return s;
    }

    /** New values of a value list in order: gauges and absolutes as they are, counters and derives as rates. */
    private static void values(Source s, ValueList v, long time) {
        int n = v.count();
        boolean rates = s.raw.length == n && time > s.rawTimeNanos;
        double seconds = (time - s.rawTimeNanos) / NANOS_PER_SECOND;
        StringBuilder sb = new StringBuilder();
        double first = Double.NaN;
        long[] raw = new long[n];
        if (s.shown.length != n) {
            s.shown = new double[n];
        }
        for (int i = 0; i < n; i++) {
            DataSourceType t = v.type(i);
            double shown;
            if (t.isRate()) {
                raw[i] = v.integer(i);
                // A counter is unsigned and wraps: the difference modulo 2^64 is the increase.
                long diff = raw[i] - (rates ? s.raw[i] : 0);
                double d = t == DataSourceType.COUNTER ? unsigned(diff) : diff;
                shown = rates ? d / seconds : Double.NaN;
            } else {
                shown = v.value(i);
            }
            s.shown[i] = shown;
            if (i == 0) {
                first = shown;
            }
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Double.isNaN(shown) ? "-" : Update.formatNumber(round(shown)));
            if (t.isRate()) {
                sb.append("/s");
            }
        }
        s.raw = raw;
        s.rawTimeNanos = time;
        s.number = first;
        s.values = sb.toString();
    }

    private static double unsigned(long d) {
        return d >= 0 ? d : (d >>> 1) * 2.0 + (d & 1);
    }

    private static double round(double d) {
        return Math.abs(d) >= 1e6 || d == Math.rint(d) ? d : Math.round(d * 1000) / 1000.0;
    }

    private static void fill(Update u, Source s, boolean signed) {
        u.interval(s.intervalMillis);
        if (!Double.isNaN(s.number) && !Double.isInfinite(s.number)) {
            u.number(s.number);
        }
        String text = s.values;
        if (s.message != null) {
            text = text.isEmpty() ? s.message : text + " · " + s.message;
        }
        if (signed) {
            text = text + " (signed, not verified)";
        }
        u.text(text.isEmpty() ? null : text);
        u.status(s.status);
        if (s.shown.length > 1) {
            u.values(s.shown, s.shown.length); // a rate not known yet (NaN) is drawn as no bar
        }
    }
}
