package org.gapwatch.protocol.jsonmap;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.gapwatch.protocol.Status;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads and validates a mapping file (JSON, docs/protocols.md). Its fields:
 * <pre>
 * {
 *   "name": "sensor-gateway",                       optional, else the file name
 *   "items": "/readings",                           optional: the array (or object) inside the document
 *   "src": "/id"  or  {"template": "{site}/{device}", "fields": {"site": "/site", "device": "/dev/name"}},
 *   "seq": "/counter",                              optional: without it, loss is by cadence
 *   "value": "/reading/value",
 *   "unit": "/reading/unit"  or  {"const": "degC"}, optional
 *   "status": "/state"  or  {"pointer": "/state", "map": {"0": "ok", "1": "warn"}, "otherwise": "alarm"},
 *   "ts": "/time_ms"  or  {"pointer": "/time", "unit": "s"},      optional, ms since the epoch by default
 *   "interval": "/period_ms"  or  {"pointer": "/period", "unit": "s"}  or  {"const": 10000}, optional, in ms
 * }
 * </pre>
 * Status words are v1's (ok, info, warn, alarm, fault). Unknown fields are refused (a typo would otherwise map
 * nothing). Pure: the caller reads the file and passes its name and bytes. Any problem is a {@link
 * MappingException} of one line naming the file and the field.
 */
public final class MappingLoader {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> FIELDS = Set.of("name", "description", "items", "src", "seq", "value", "unit",
            "status", "ts", "interval");
    private static final Set<String> STATUS_WORDS = Set.of("ok", "info", "warn", "alarm", "fault");

    private MappingLoader() {
    }

    public static Mapping load(String file, byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new MappingException(file, "(file)", "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MappingException(file, "(file)", "not a JSON object");
        }
        for (String k : root.propertyNames()) {
            if (!FIELDS.contains(k)) {
                throw new MappingException(file, k, "unknown field (known: " + String.join(", ",
                        new java.util.TreeSet<>(FIELDS)) + ")");
            }
        }
        String name = root.has("name") ? string(file, "name", root.get("name")) : file;
        JsonPointer items = root.has("items") ? pointer(file, "items", root.get("items")) : null;
        if (!root.has("src")) {
            throw new MappingException(file, "src", "missing");
        }
        SourceTemplate src = src(file, root.get("src"));
        JsonPointer seq = root.has("seq") ? pointer(file, "seq", root.get("seq")) : null;
        if (!root.has("value")) {
            throw new MappingException(file, "value", "missing");
        }
        JsonPointer value = pointer(file, "value", root.get("value"));

        JsonPointer unit = null;
        String unitConst = null;
        JsonNode u = root.get("unit");
        if (u != null && u.isObject()) {
            only(file, "unit", u, Set.of("const"));
            unitConst = string(file, "unit.const", u.get("const"));
        } else if (u != null) {
            unit = pointer(file, "unit", u);
        }

        JsonPointer status = null;
        Map<String, Status> table = Map.of();
        Status otherwise = null;
        JsonNode st = root.get("status");
        if (st != null && st.isObject()) {
            only(file, "status", st, Set.of("pointer", "map", "otherwise"));
            status = pointer(file, "status.pointer", st.get("pointer"));
            JsonNode m = st.get("map");
            if (m != null) {
                if (!m.isObject() || m.isEmpty()) {
                    throw new MappingException(file, "status.map", "not an object of value: status word");
                }
                Map<String, Status> t = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : m.properties()) {
                    t.put(e.getKey(), word(file, "status.map." + e.getKey(), e.getValue()));
                }
                table = Map.copyOf(t);
            }
            if (st.has("otherwise")) {
                otherwise = word(file, "status.otherwise", st.get("otherwise"));
            }
        } else if (st != null) {
            status = pointer(file, "status", st);
        }

        JsonPointer ts = null;
        long tsScale = 1;
        JsonNode t = root.get("ts");
        if (t != null && t.isObject()) {
            only(file, "ts", t, Set.of("pointer", "unit"));
            ts = pointer(file, "ts.pointer", t.get("pointer"));
            tsScale = scale(file, "ts.unit", t.get("unit"));
        } else if (t != null) {
            ts = pointer(file, "ts", t);
        }

        JsonPointer interval = null;
        long intervalScale = 1;
        long intervalConst = 0;
        JsonNode iv = root.get("interval");
        if (iv != null && iv.isObject()) {
            if (iv.has("const")) {
                only(file, "interval", iv, Set.of("const"));
                JsonNode c = iv.get("const");
                if (!c.isIntegralNumber() || !c.canConvertToLong() || c.asLong() <= 0) {
                    throw new MappingException(file, "interval.const", "not a positive integer of milliseconds");
                }
                intervalConst = c.asLong();
            } else {
                only(file, "interval", iv, Set.of("pointer", "unit"));
                interval = pointer(file, "interval.pointer", iv.get("pointer"));
                intervalScale = scale(file, "interval.unit", iv.get("unit"));
            }
        } else if (iv != null) {
            interval = pointer(file, "interval", iv);
        }
        return new Mapping(name, items, src, seq, value, unit, unitConst, status, table, otherwise, ts, tsScale,
                interval, intervalScale, intervalConst);
    }

    private static SourceTemplate src(String file, JsonNode n) {
        if (n.isString()) {
            return SourceTemplate.of(pointer(file, "src", n));
        }
        if (!n.isObject()) {
            throw new MappingException(file, "src", "neither a pointer nor {\"template\": ..., \"fields\": ...}");
        }
        only(file, "src", n, Set.of("template", "fields"));
        String template = string(file, "src.template", n.get("template"));
        JsonNode f = n.get("fields");
        if (f == null || !f.isObject()) {
            throw new MappingException(file, "src.fields", "missing or not an object of name: pointer");
        }
        Map<String, JsonPointer> fields = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : f.properties()) {
            fields.put(e.getKey(), pointer(file, "src.fields." + e.getKey(), e.getValue()));
        }
        try {
            return SourceTemplate.parse(template, fields);
        } catch (IllegalArgumentException e) {
            throw new MappingException(file, "src.template", e.getMessage());
        }
    }

    private static JsonPointer pointer(String file, String field, JsonNode n) {
        if (n == null || !n.isString()) {
            throw new MappingException(file, field, "not a JSON pointer string");
        }
        try {
            return JsonPointer.parse(n.asString());
        } catch (IllegalArgumentException e) {
            throw new MappingException(file, field, e.getMessage());
        }
    }

    private static String string(String file, String field, JsonNode n) {
        if (n == null || !n.isString()) {
            throw new MappingException(file, field, "not a string");
        }
        return n.asString();
    }

    private static Status word(String file, String field, JsonNode n) {
        String w = string(file, field, n);
        if (!STATUS_WORDS.contains(w)) {
            throw new MappingException(file, field, "\"" + w + "\" is not ok, info, warn, alarm or fault");
        }
        return Status.parse(w);
    }

    private static long scale(String file, String field, JsonNode n) {
        if (n == null) {
            return 1;
        }
        return switch (string(file, field, n)) {
            case "ms" -> 1;
            case "s" -> 1000;
            default -> throw new MappingException(file, field, "\"" + n.asString() + "\" is neither ms nor s");
        };
    }

    private static void only(String file, String field, JsonNode n, Set<String> allowed) {
        for (String k : n.propertyNames()) {
            if (!allowed.contains(k)) {
                throw new MappingException(file, field + "." + k, "unknown field");
            }
        }
    }
}
