package org.gapwatch.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.sym.BinaryNameMatcher;
import tools.jackson.core.sym.PropertyNameMatcher;
import java.util.List;

/**
 * Decodes one datagram payload of wire protocol v1 (docs/protocol.md) with Jackson's streaming parser: no tree, and
 * strings that repeat (names, units, statuses) come from a cache. Not thread-safe: one decoder per receive thread.
 * The whole text is parsed before any of its updates counts, so a datagram that turns out malformed at its end
 * contributes nothing.
 */
public final class DatagramDecoder {
    public static final int MAX_UPDATES = 1000;
    public static final int MAX_DEPTH = 64;
    public static final int MAX_SRC_LENGTH = 256;

    private static final long MAX_SAFE_INTEGER = 1L << 53;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(1000)
                    .build())
            // One decoder per receive thread: a thread-local buffer pool avoids the shared pool's contention.
            .recyclerPool(tools.jackson.core.util.JsonRecyclerPools.threadLocalPool())
            .enable(tools.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(tools.jackson.core.StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .build();

    /** The known fields; a field's bit is 1 << its index here. */
    private static final PropertyNameMatcher FIELDS = BinaryNameMatcher.construct(List.of(
            "src", "seq", "session", "ts", "value", "unit", "text", "status", "interval", "ttl", "v"));
    private static final int F_SRC = 1, F_SEQ = 2, F_SESSION = 4, F_TS = 8, F_VALUE = 16, F_UNIT = 32, F_TEXT = 64,
            F_STATUS = 128, F_INTERVAL = 256, F_TTL = 512, F_V = 1024;

    private final DecodeResult result = new DecodeResult();
    /** Units, statuses, sessions, texts: few of them, repeated. */
    private final StringCache strings = new StringCache(4096);
    /** Names: as many as there are sources, each with an id the tracker indexes by. */
    private final SourceNames names;
    private final int[] start = new int[1];

    public DatagramDecoder() {
        this(SourceNames.DEFAULT_MAX_NAMES);
    }

    /** A decoder that keeps up to {@code maxNames} source names (more are forgotten and read again). */
    public DatagramDecoder(int maxNames) {
        names = new SourceNames(maxNames);
    }

    public DecodeResult decode(byte[] data, int off, int len) {
        result.reset();
        RejectReason pre = precheck(data, off, len, start);
        if (pre != null) {
            result.reject(pre);
            return result;
        }
        return parse(data, start[0], len - (start[0] - off));
    }

    /** The parser settings of v1 (nesting depth, number length, fast parsers), for other JSON readers to share. */
    public static JsonFactory jsonFactory() {
        return FACTORY;
    }

    /**
     * What v1 says of a payload before any JSON is parsed: a byte order mark skipped, then empty or invalid UTF-8,
     * or a top-level value that is neither an object nor an array. Null when the payload is for the JSON parser;
     * {@code start} receives the offset after the byte order mark.
     */
    public static RejectReason precheck(byte[] data, int off, int len, int[] start) {
        if (len >= 3 && data[off] == (byte) 0xEF && data[off + 1] == (byte) 0xBB && data[off + 2] == (byte) 0xBF) {
            off += 3;
            len -= 3;
        }
        start[0] = off;
        int end = off + len;
        int first = off;
        while (first < end && isWhiteSpace(data[first])) {
            first++;
        }
        if (first == end) {
            return RejectReason.EMPTY;
        }
        if (!Utf8.isStrictJsonUtf8(data, off, len)) {
            return RejectReason.INVALID_UTF8;
        }
        if (LoneSurrogates.present(data, off, len)) {
            // No text can hold half a surrogate pair: refused wherever it stands, in a name as in a value.
            return RejectReason.MALFORMED_JSON;
        }
        if (data[first] != '{' && data[first] != '[') {
            return TopLevelScalar.classify(FACTORY, data, first, end);
        }
        return null;
    }

    /** Parses a payload that passed {@link #precheck}. */
    private DecodeResult parse(byte[] data, int off, int len) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), data, off, len)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                readUpdate(p, result.next());
            } else if (!readArray(p)) {
                return result;
            }
            if (hasTrailing(p)) {
                result.reject(RejectReason.TRAILING_CONTENT);
            }
        } catch (StreamConstraintsException e) {
            result.reject(e.getMessage() != null && e.getMessage().contains("depth")
                    ? RejectReason.TOO_DEEP : RejectReason.MALFORMED_JSON);
        } catch (JacksonException | IllegalArgumentException e) {
            result.reject(RejectReason.MALFORMED_JSON);
        }
        return result;
    }

    /** JSON white space: space, tab, line feed, carriage return. */
    static boolean isWhiteSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** True if anything but white space follows the value, even bytes that are no JSON token at all. */
    public static boolean hasTrailing(JsonParser p) {
        try {
            return p.nextToken() != null;
        } catch (JacksonException e) {
            return true;
        }
    }

    private boolean readArray(JsonParser p) {
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (++n > MAX_UPDATES) {
                // Parse on, so that a malformed long array is reported as malformed, not as too many.
                p.skipChildren();
                continue;
            }
            Update u = result.next();
            if (t == JsonToken.START_OBJECT) {
                readUpdate(p, u);
            } else {
                p.skipChildren();
                u.reason = RejectReason.NOT_AN_OBJECT;
            }
        }
        if (n > MAX_UPDATES) {
            if (hasTrailing(p)) {
                result.reject(RejectReason.TRAILING_CONTENT);
            } else {
                result.reject(RejectReason.TOO_MANY_UPDATES);
            }
            return false;
        }
        return true;
    }

    /** Reads one object, positioned on its START_OBJECT; always consumes it whole, valid or not. */
    private void readUpdate(JsonParser p, Update u) {
        int seen = 0;
        RejectReason reason = null;
        int field;
        // Names are matched on the raw bytes (Jackson's quad matcher): no String for a field name, no switch on one.
        while ((field = p.nextNameMatch(FIELDS)) != PropertyNameMatcher.MATCH_END_OBJECT) {
            if (field == PropertyNameMatcher.MATCH_ODD_TOKEN) {
                break; // cannot happen inside an object of valid JSON; the parser reports what is wrong
            }
            JsonToken t = p.nextToken();
            if (field < 0) {
                p.skipChildren();
                continue;
            }
            int bit = 1 << field;
            if ((seen & bit) != 0) {
                reason = first(reason, RejectReason.DUPLICATE_FIELD);
                p.skipChildren();
                continue;
            }
            seen |= bit;
            RejectReason fieldReason = readField(p, t, bit, u);
            if (fieldReason != null) {
                reason = first(reason, fieldReason);
                p.skipChildren();
            }
        }
        if (reason == null && (seen & F_SRC) == 0) {
            reason = RejectReason.MISSING_SRC;
        }
        if (reason == null && (seen & F_SEQ) == 0) {
            reason = RejectReason.MISSING_SEQ;
        }
        u.reason = reason;
    }

    private RejectReason readField(JsonParser p, JsonToken t, int bit, Update u) {
        switch (bit) {
            case F_SRC -> {
                if (t != JsonToken.VALUE_STRING) {
                    return RejectReason.BAD_SRC;
                }
                int len = p.getTextLength();
                char[] chars = p.getTextCharacters();
                int off = p.getTextOffset();
                // Up to 256 UTF-16 units are at most 256 code points: count them only beyond that.
                if (len == 0 || len > 2 * MAX_SRC_LENGTH
                        || (len > MAX_SRC_LENGTH && Character.codePointCount(chars, off, len) > MAX_SRC_LENGTH)) {
                    return RejectReason.BAD_SRC;
                }
                int id = names.id(chars, off, len);
                if (id >= 0) {
                    u.src(names, id);
                } else {
                    u.src = new String(chars, off, len); // longer than any name kept
                }
            }
            case F_SEQ -> {
                if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return RejectReason.BAD_SEQ;
                }
                long seq = p.getLongValue();
                if (seq < 0) {
                    return RejectReason.BAD_SEQ;
                }
                u.seq = seq;
            }
            case F_SESSION -> {
                if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT) {
                    return RejectReason.BAD_SESSION;
                }
                u.session = text(p);
            }
            case F_TS -> {
                if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return RejectReason.BAD_TS;
                }
                u.ts = p.getLongValue();
            }
            case F_VALUE -> {
                switch (t) {
                    case VALUE_NUMBER_INT -> {
                        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                            double d = p.getDoubleValue();
                            if (!Double.isFinite(d)) {
                                return RejectReason.BAD_VALUE; // beyond 1.8e308, as a fraction would be
                            }
                            u.string = p.getText();
                            u.number = d;
                        } else {
                            long l = p.getLongValue();
                            u.number = l;
                            if (Math.abs(l) > MAX_SAFE_INTEGER) {
                                u.string = Long.toString(l);
                            }
                        }
                        u.valueKind = ValueKind.NUMBER;
                    }
                    case VALUE_NUMBER_FLOAT -> {
                        double d = p.getDoubleValue();
                        if (!Double.isFinite(d)) {
                            return RejectReason.BAD_VALUE;
                        }
                        u.valueKind = ValueKind.NUMBER;
                        u.number = d;
                    }
                    case VALUE_STRING -> {
                        u.valueKind = ValueKind.STRING;
                        u.string = text(p);
                    }
                    case VALUE_TRUE, VALUE_FALSE -> {
                        u.valueKind = ValueKind.BOOLEAN;
                        u.bool = t == JsonToken.VALUE_TRUE;
                    }
                    case VALUE_NULL -> u.valueKind = ValueKind.NULL;
                    default -> {
                        return RejectReason.BAD_VALUE;
                    }
                }
            }
            case F_UNIT -> {
                if (t != JsonToken.VALUE_STRING) {
                    return RejectReason.BAD_UNIT;
                }
                u.unit = text(p);
            }
            case F_TEXT -> {
                if (t != JsonToken.VALUE_STRING) {
                    return RejectReason.BAD_TEXT;
                }
                u.text = text(p);
            }
            case F_STATUS -> {
                if (t != JsonToken.VALUE_STRING) {
                    return RejectReason.BAD_STATUS;
                }
                u.statusText = text(p);
                u.status = Status.parse(u.statusText);
            }
            case F_INTERVAL -> {
                long v = positiveMillis(p, t);
                if (v <= 0) {
                    return RejectReason.BAD_INTERVAL;
                }
                u.interval = v;
            }
            case F_TTL -> {
                long v = positiveMillis(p, t);
                if (v <= 0) {
                    return RejectReason.BAD_TTL;
                }
                u.ttl = v;
            }
            case F_V -> {
                if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        || p.getLongValue() != 1) {
                    return RejectReason.UNSUPPORTED_VERSION;
                }
            }
            default -> throw new IllegalStateException("field bit " + bit);
        }
        return null;
    }

    private static long positiveMillis(JsonParser p, JsonToken t) {
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return -1;
        }
        return p.getLongValue();
    }

    private String text(JsonParser p) {
        return strings.get(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    private static RejectReason first(RejectReason current, RejectReason candidate) {
        return current != null ? current : candidate;
    }
}
