package org.gapwatch.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Which invalid datagram a payload is whose JSON value is neither an object nor an array (docs/protocol.md): a
 * complete value alone is {@code not-updates}, one followed by anything is {@code trailing-content}, anything that
 * is no JSON value is {@code malformed-json}. Jackson alone cannot tell these apart at the top level: it refuses
 * {@code 0"src"} as a whole ("expected space separating root-level values"). So a number or word is first cut off
 * as the longest run of the characters it may hold, and only that run is parsed.
 */
final class TopLevelScalar {
    private TopLevelScalar() {
    }

    /** {@code start}: the first byte that is not white space; it is neither '{' nor '['. */
    static RejectReason classify(JsonFactory factory, byte[] b, int start, int end) {
        int valueEnd;
        if (b[start] == '"') {
            valueEnd = stringEnd(factory, b, start, end);
        } else {
            int wordEnd = start;
            while (wordEnd < end && wordChar(b[wordEnd])) {
                wordEnd++;
            }
            valueEnd = wordEnd > start && isOneValue(factory, b, start, wordEnd) ? wordEnd : -1;
        }
        if (valueEnd < 0) {
            return RejectReason.MALFORMED_JSON;
        }
        for (int i = valueEnd; i < end; i++) {
            if (!DatagramDecoder.isWhiteSpace(b[i])) {
                return RejectReason.TRAILING_CONTENT;
            }
        }
        return RejectReason.NOT_UPDATES;
    }

    /** What a JSON number or literal may be made of, and letters, so that {@code truex} is one (bad) word. */
    private static boolean wordChar(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '+'
                || c == '.';
    }

    private static boolean isOneValue(JsonFactory factory, byte[] b, int start, int end) {
        try (JsonParser p = factory.createParser(ObjectReadContext.empty(), b, start, end - start)) {
            JsonToken t = p.nextToken();
            return t != null && t.isScalarValue() && p.nextToken() == null;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** The index after a complete string starting at {@code start}, or -1 if it is unclosed or holds a bad escape. */
    private static int stringEnd(JsonFactory factory, byte[] b, int start, int end) {
        try (JsonParser p = factory.createParser(ObjectReadContext.empty(), b, start, end - start)) {
            p.nextToken();
            p.finishToken(); // Jackson reads a string lazily: only this finds it unclosed
            return start + (int) p.currentLocation().getByteOffset();
        } catch (JacksonException e) {
            return -1;
        }
    }
}
