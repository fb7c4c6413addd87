package org.gapwatch.protocol.jsonmap;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.gapwatch.protocol.DatagramDecoder;
import org.gapwatch.protocol.RejectReason;
import org.gapwatch.protocol.Status;
import org.gapwatch.protocol.ValueKind;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies a {@link Mapping} to one datagram. As strict as v1: the same byte-order-mark, empty, UTF-8 and top-level
 * checks ({@link DatagramDecoder#precheck}), the same parser settings (nesting depth 64, number length), no
 * trailing content, and a name twice in one object rejects the datagram as {@code duplicate-field}. The document
 * (or what {@code items} selects) is one object or an array of at most 1,000; each object gives one
 * {@link MappedUpdate}. Not thread-safe: one extractor per receive thread.
 */
public final class JsonMapExtractor {
    public static final int MAX_SRC_LENGTH = DatagramDecoder.MAX_SRC_LENGTH;
    private static final BigInteger MAX_SEQ = BigInteger.valueOf(Long.MAX_VALUE);
    private static final JsonMapper JSON = JsonMapper.builder(DatagramDecoder.jsonFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // checked as v1 does: DatagramDecoder.hasTrailing
            .build();

    private final Mapping mapping;
    private final int[] start = new int[1];

    /** The result of one datagram: a whole-datagram reason (v1's or jsonmap's), or the updates. */
    public record Result(RejectReason rejected, JsonMapReject rejectedByMapping, List<MappedUpdate> updates) {
        public boolean ok() {
            return rejected == null && rejectedByMapping == null;
        }
    }

    public JsonMapExtractor(Mapping mapping) {
        this.mapping = mapping;
    }

    public Result extract(byte[] data, int off, int len) {
        RejectReason pre = DatagramDecoder.precheck(data, off, len, start);
        if (pre != null) {
            return new Result(pre, null, List.of());
        }
        JsonNode root;
        try (JsonParser p = JSON.createParser(data, start[0], len - (start[0] - off))) {
            root = JSON.readTree(p);
            if (DatagramDecoder.hasTrailing(p)) {
                return new Result(RejectReason.TRAILING_CONTENT, null, List.of());
            }
        } catch (StreamConstraintsException e) {
            boolean depth = e.getMessage() != null && e.getMessage().contains("depth");
            return new Result(depth ? RejectReason.TOO_DEEP : RejectReason.MALFORMED_JSON, null, List.of());
        } catch (JacksonException e) {
            String m = e.getOriginalMessage();
            RejectReason r = m != null && m.startsWith("Duplicate Object property") ? RejectReason.DUPLICATE_FIELD
                    : RejectReason.MALFORMED_JSON;
            return new Result(r, null, List.of());
        }
        return apply(root);
    }

    /** Applies the mapping to a document already parsed. */
    public Result apply(JsonNode root) {
        JsonNode items = mapping.items() == null ? root : mapping.items().select(root);
        if (items == null || !(items.isObject() || items.isArray())) {
            return new Result(null, JsonMapReject.NO_ITEMS, List.of());
        }
        if (items.isObject()) {
            return new Result(null, null, List.of(one(items)));
        }
        if (items.size() > DatagramDecoder.MAX_UPDATES) {
            return new Result(RejectReason.TOO_MANY_UPDATES, null, List.of());
        }
        List<MappedUpdate> out = new ArrayList<>(items.size());
        for (JsonNode n : items) {
            out.add(n.isObject() ? one(n) : rejected(null, JsonMapReject.NOT_AN_OBJECT));
        }
        return new Result(null, null, List.copyOf(out));
    }

    private static MappedUpdate rejected(String src, JsonMapReject r) {
        return new MappedUpdate(src, -1, null, 0, null, false, null, null, null, Long.MIN_VALUE, 0, r);
    }

    private MappedUpdate one(JsonNode o) {
        Mapping m = mapping;
        String src = m.src().apply(o);
        if (src == null || src.isEmpty() || src.codePointCount(0, src.length()) > MAX_SRC_LENGTH) {
            return rejected(null, JsonMapReject.MISSING_SRC);
        }
        long seq = -1;
        if (m.seq() != null) {
            JsonNode s = m.seq().select(o);
            if (s == null || !s.isIntegralNumber() || s.bigIntegerValue().signum() < 0
                    || s.bigIntegerValue().compareTo(MAX_SEQ) > 0) {
                return rejected(src, JsonMapReject.BAD_SEQ);
            }
            seq = s.longValue();
        }
        JsonNode v = m.value().select(o);
        if (v == null) {
            return rejected(src, JsonMapReject.MISSING_VALUE);
        }
        ValueKind kind;
        double number = 0;
        String string = null;
        boolean bool = false;
        if (v.isNumber()) {
            number = v.doubleValue();
            if (!Double.isFinite(number)) {
                return rejected(src, JsonMapReject.BAD_VALUE);
            }
            if (v.isIntegralNumber() && (!v.canConvertToLong() || Math.abs(v.longValue()) > 1L << 53)) {
                string = v.bigIntegerValue().toString();
            }
            kind = ValueKind.NUMBER;
        } else if (v.isString()) {
            kind = ValueKind.STRING;
            string = v.asString();
        } else if (v.isBoolean()) {
            kind = ValueKind.BOOLEAN;
            bool = v.booleanValue();
        } else if (v.isNull()) {
            kind = ValueKind.NULL;
        } else {
            return rejected(src, JsonMapReject.BAD_VALUE);
        }
        String unit = m.unitConst();
        if (m.unit() != null) {
            JsonNode u = m.unit().select(o);
            if (u != null && !u.isString()) {
                return rejected(src, JsonMapReject.BAD_UNIT);
            }
            unit = u == null ? null : u.asString();
        }
        Status status = null;
        String statusText = null;
        if (m.status() != null) {
            JsonNode st = m.status().select(o);
            if (st != null) {
                if (!(st.isString() || st.isNumber() || st.isBoolean())) {
                    return rejected(src, JsonMapReject.BAD_STATUS);
                }
                statusText = st.isString() ? st.asString() : st.toString();
                status = m.statusTable().get(statusText);
                if (status == null) {
                    status = m.statusOtherwise() != null ? m.statusOtherwise() : Status.parse(statusText);
                }
            }
        }
        long ts = Long.MIN_VALUE;
        if (m.ts() != null) {
            JsonNode t = m.ts().select(o);
            if (t != null) {
                double ms = t.isNumber() ? t.doubleValue() * m.tsScale() : Double.NaN;
                if (!(Math.abs(ms) < 9.2e18)) {
                    return rejected(src, JsonMapReject.BAD_TS);
                }
                ts = Math.round(ms);
            }
        }
        long interval = m.intervalConst();
        if (m.interval() != null) {
            JsonNode i = m.interval().select(o);
            if (i != null) {
                double ms = i.isNumber() ? i.doubleValue() * m.intervalScale() : Double.NaN;
                if (!(ms >= 1 && ms < 9.2e18)) {
                    return rejected(src, JsonMapReject.BAD_INTERVAL);
                }
                interval = Math.round(ms);
            }
        }
        return new MappedUpdate(src, seq, kind, number, string, bool, unit, status, statusText, ts, interval, null);
    }
}
