package org.gapwatch.testutil;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gapwatch.protocol.RejectReason;

/**
 * The project's own hostile payloads, each with the one reason the decoder must give (docs/protocol.md): every
 * rejection reason, the strictness cases of RFC 8259 that lenient parsers accept, invalid UTF-8, deep nesting and
 * binary junk. Every case is rejected exactly once: as a whole datagram, or as the single update it holds. Written
 * for Gapwatch; nothing here comes from outside the clone.
 */
public final class HostileCorpus {
    /** One payload and the reason it must be rejected for. */
    public record Case(String name, RejectReason reason, byte[] payload) {
        @Override
        public String toString() {
            return name + " -> " + reason.code();
        }
    }

    private static final String U = "{\"src\":\"x\",\"seq\":1";

    private final List<Case> cases = new ArrayList<>();

    private HostileCorpus() {
    }

    public static List<Case> cases() {
        HostileCorpus c = new HostileCorpus();
        c.wholeDatagramReasons();
        c.updateReasons();
        c.strictnessOfRfc8259();
        c.invalidUtf8();
        c.deepNesting();
        c.binaryJunk();
        return List.copyOf(c.cases);
    }

    private void wholeDatagramReasons() {
        add("no bytes", RejectReason.EMPTY, "");
        add("only white space", RejectReason.EMPTY, " \t\r\n ");
        add("a number", RejectReason.NOT_UPDATES, "42");
        add("a string", RejectReason.NOT_UPDATES, "\"just a string\"");
        add("null", RejectReason.NOT_UPDATES, "null");
        add("true", RejectReason.NOT_UPDATES, "true");
        add("1,001 updates", RejectReason.TOO_MANY_UPDATES, "[" + (U + "},").repeat(1000) + U + "}]");
        add("a second value", RejectReason.TRAILING_CONTENT, U + "}" + U + "}");
        add("junk after the value", RejectReason.TRAILING_CONTENT, U + "}x");
        add("a comment after the value", RejectReason.TRAILING_CONTENT, U + "} // done");
        add("a value after a number", RejectReason.TRAILING_CONTENT, "1 2");
        add("unclosed object", RejectReason.MALFORMED_JSON, U);
        add("unclosed string", RejectReason.MALFORMED_JSON, "{\"src\":\"x");
        add("missing colon", RejectReason.MALFORMED_JSON, "{\"src\" \"x\",\"seq\":1}");
        add("missing comma", RejectReason.MALFORMED_JSON, "{\"src\":\"x\" \"seq\":1}");
        add("number of 1,001 digits", RejectReason.MALFORMED_JSON, U + ",\"value\":" + "9".repeat(1001) + "}");
    }

    private void updateReasons() {
        add("array element not an object", RejectReason.NOT_AN_OBJECT, "[1]");
        add("no src", RejectReason.MISSING_SRC, "{\"seq\":1}");
        add("src a number", RejectReason.BAD_SRC, "{\"src\":123,\"seq\":1}");
        add("src an array", RejectReason.BAD_SRC, "{\"src\":[\"x\"],\"seq\":1}");
        add("src empty", RejectReason.BAD_SRC, "{\"src\":\"\",\"seq\":1}");
        add("src of 257 characters", RejectReason.BAD_SRC, "{\"src\":\"" + "y".repeat(257) + "\",\"seq\":1}");
        add("src of 257 astral characters", RejectReason.BAD_SRC,
                "{\"src\":\"" + "\uD83D\uDE00".repeat(257) + "\",\"seq\":1}");
        add("no seq", RejectReason.MISSING_SEQ, "{\"src\":\"x\"}");
        add("seq a string", RejectReason.BAD_SEQ, "{\"src\":\"x\",\"seq\":\"1\"}");
        add("seq negative", RejectReason.BAD_SEQ, "{\"src\":\"x\",\"seq\":-3}");
        add("seq a fraction", RejectReason.BAD_SEQ, "{\"src\":\"x\",\"seq\":1.0}");
        add("seq with an exponent", RejectReason.BAD_SEQ, "{\"src\":\"x\",\"seq\":1e3}");
        add("seq beyond 2^63-1", RejectReason.BAD_SEQ, "{\"src\":\"x\",\"seq\":9223372036854775808}");
        add("seq beyond a double", RejectReason.BAD_SEQ, "{\"src\":\"x\",\"seq\":1e400}");
        add("session a boolean", RejectReason.BAD_SESSION, U + ",\"session\":true}");
        add("session a fraction", RejectReason.BAD_SESSION, U + ",\"session\":1.5}");
        add("ts a string", RejectReason.BAD_TS, U + ",\"ts\":\"now\"}");
        add("ts a fraction", RejectReason.BAD_TS, U + ",\"ts\":1.5}");
        add("value an object", RejectReason.BAD_VALUE, U + ",\"value\":{\"deep\":true}}");
        add("value an array", RejectReason.BAD_VALUE, U + ",\"value\":[1]}");
        add("value beyond a double", RejectReason.BAD_VALUE, U + ",\"value\":1e400}");
        add("unit a number", RejectReason.BAD_UNIT, U + ",\"unit\":1}");
        add("text null", RejectReason.BAD_TEXT, U + ",\"text\":null}");
        add("status a number", RejectReason.BAD_STATUS, U + ",\"status\":2}");
        add("interval zero", RejectReason.BAD_INTERVAL, U + ",\"interval\":0}");
        add("interval negative", RejectReason.BAD_INTERVAL, U + ",\"interval\":-5}");
        add("ttl a string", RejectReason.BAD_TTL, U + ",\"ttl\":\"1s\"}");
        add("ttl zero", RejectReason.BAD_TTL, U + ",\"ttl\":0}");
        add("version 2", RejectReason.UNSUPPORTED_VERSION, U + ",\"v\":2}");
        add("version 9", RejectReason.UNSUPPORTED_VERSION, U + ",\"v\":9}");
        add("version a string", RejectReason.UNSUPPORTED_VERSION, U + ",\"v\":\"1\"}");
        add("src twice", RejectReason.DUPLICATE_FIELD, "{\"src\":\"x\",\"src\":\"y\",\"seq\":1}");
        add("seq twice", RejectReason.DUPLICATE_FIELD, U + ",\"seq\":2}");
    }

    /** What lenient parsers accept and RFC 8259 does not. */
    private void strictnessOfRfc8259() {
        add("leading zero", RejectReason.MALFORMED_JSON, "{\"src\":\"x\",\"seq\":01}");
        add("leading zeros in a value", RejectReason.MALFORMED_JSON, U + ",\"value\":007}");
        add("plus sign", RejectReason.MALFORMED_JSON, U + ",\"value\":+1}");
        add("hex number", RejectReason.MALFORMED_JSON, U + ",\"value\":0x10}");
        add("no digit before the point", RejectReason.MALFORMED_JSON, U + ",\"value\":.5}");
        add("no digit after the point", RejectReason.MALFORMED_JSON, U + ",\"value\":1.}");
        add("trailing comma in an object", RejectReason.MALFORMED_JSON, U + ",}");
        add("trailing comma in an array", RejectReason.MALFORMED_JSON, "[" + U + "},]");
        add("single quotes", RejectReason.MALFORMED_JSON, "{'src':'x','seq':1}");
        add("unquoted keys", RejectReason.MALFORMED_JSON, "{src:\"x\",seq:1}");
        add("NaN", RejectReason.MALFORMED_JSON, U + ",\"value\":NaN}");
        add("Infinity", RejectReason.MALFORMED_JSON, U + ",\"value\":Infinity}");
        add("-Infinity", RejectReason.MALFORMED_JSON, U + ",\"value\":-Infinity}");
        add("True in capitals", RejectReason.MALFORMED_JSON, U + ",\"value\":True}");
        add("undefined", RejectReason.MALFORMED_JSON, U + ",\"value\":undefined}");
        add("line comment first", RejectReason.MALFORMED_JSON, "// status\n" + U + "}");
        add("block comment inside", RejectReason.MALFORMED_JSON, U + "/* c */}");
        add("hash comment first", RejectReason.MALFORMED_JSON, "# status\n" + U + "}");
        add("raw tab in a string", RejectReason.MALFORMED_JSON, "{\"src\":\"a\tb\",\"seq\":1}");
        add("raw line feed in a string", RejectReason.MALFORMED_JSON, "{\"src\":\"a\nb\",\"seq\":1}");
        add("raw U+001F in a string", RejectReason.MALFORMED_JSON, "{\"src\":\"a\u001Fb\",\"seq\":1}");
        add("lone high surrogate escape", RejectReason.MALFORMED_JSON, "{\"src\":\"\\uD800\",\"seq\":1}");
        add("lone low surrogate escape", RejectReason.MALFORMED_JSON, "{\"src\":\"a\\uDC00b\",\"seq\":1}");
        add("surrogate halves swapped", RejectReason.MALFORMED_JSON, "{\"src\":\"\\uDE00\\uD83D\",\"seq\":1}");
        add("high surrogate then a letter", RejectReason.MALFORMED_JSON, U + ",\"text\":\"\\uD83Dx\"}");
        add("lone surrogate in an ignored field", RejectReason.MALFORMED_JSON, U + ",\"note\":\"\\uDBFF\"}");
        add("escape \\x", RejectReason.MALFORMED_JSON, "{\"src\":\"\\x41\",\"seq\":1}");
        add("escape \\a", RejectReason.MALFORMED_JSON, "{\"src\":\"\\a\",\"seq\":1}");
        add("escaped apostrophe", RejectReason.MALFORMED_JSON, "{\"src\":\"\\'\",\"seq\":1}");
        add("short unicode escape", RejectReason.MALFORMED_JSON, "{\"src\":\"\\u12\",\"seq\":1}");
        add("unicode escape with a non-hex digit", RejectReason.MALFORMED_JSON, "{\"src\":\"\\u12G4\",\"seq\":1}");
    }

    /** Not strict UTF-8; Jackson alone would guess UTF-16 or skip bytes unread. */
    private void invalidUtf8() {
        add("overlong / in two bytes", RejectReason.INVALID_UTF8, quoted(0xC0, 0xAF));
        add("overlong / in three bytes", RejectReason.INVALID_UTF8, quoted(0xE0, 0x80, 0xAF));
        add("overlong / in four bytes", RejectReason.INVALID_UTF8, quoted(0xF0, 0x80, 0x80, 0xAF));
        add("encoded high surrogate", RejectReason.INVALID_UTF8, quoted(0xED, 0xA0, 0x80));
        add("encoded low surrogate", RejectReason.INVALID_UTF8, quoted(0xED, 0xBF, 0xBF));
        add("above U+10FFFF", RejectReason.INVALID_UTF8, quoted(0xF4, 0x90, 0x80, 0x80));
        add("truncated sequence", RejectReason.INVALID_UTF8, quoted(0xE2, 0x82));
        add("truncated at the end", RejectReason.INVALID_UTF8, bytes('"', 'a', '"', 0xE2));
        add("lone continuation byte", RejectReason.INVALID_UTF8, quoted(0x80));
        add("0xFF", RejectReason.INVALID_UTF8, quoted(0xFF));
        add("0xFE", RejectReason.INVALID_UTF8, bytes(0xFE));
        add("Latin-1 e-acute", RejectReason.INVALID_UTF8, quoted(0xE9));
        add("NUL in a string", RejectReason.INVALID_UTF8, quoted(0x00));
        add("NUL after the value", RejectReason.INVALID_UTF8, concat(utf8(U + "}"), bytes(0x00)));
        add("UTF-16LE with its mark", RejectReason.INVALID_UTF8, bytes(0xFF, 0xFE, '{', 0, '}', 0));
        add("UTF-16BE", RejectReason.INVALID_UTF8, bytes(0, '{', 0, '}'));
        add("UTF-32BE", RejectReason.INVALID_UTF8, bytes(0, 0, 0, '[', 0, 0, 0, ']'));
    }

    private void deepNesting() {
        add("65 arrays", RejectReason.TOO_DEEP, "[".repeat(65) + "]".repeat(65));
        add("64 arrays: deep enough, but holding no object", RejectReason.NOT_AN_OBJECT,
                "[".repeat(64) + "]".repeat(64));
        add("70 levels in an ignored field", RejectReason.TOO_DEEP,
                U + ",\"x\":" + "[".repeat(70) + "]".repeat(70) + "}");
        add("20,000 brackets", RejectReason.TOO_DEEP, "[".repeat(20_000) + "]".repeat(20_000));
        add("20,000 brackets never closed", RejectReason.TOO_DEEP, "[".repeat(20_000));
        add("10,000 nested objects", RejectReason.TOO_DEEP, "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
    }

    /** Bytes that were never meant as JSON: seeded, so every run sends the same. */
    private void binaryJunk() {
        Random r = new Random(99);
        for (int i = 0; i < 40; i++) {
            byte[] junk = new byte[1 + r.nextInt(i == 0 ? 65_000 : 600)];
            r.nextBytes(junk);
            junk[r.nextInt(junk.length)] = (byte) 0xFF; // never in UTF-8: the reason is certain, whatever else
            add("random bytes " + i, RejectReason.INVALID_UTF8, junk);
        }
        for (int i = 0; i < 10; i++) {
            char[] text = new char[1 + r.nextInt(600)];
            for (int k = 0; k < text.length; k++) {
                text[k] = (char) (' ' + r.nextInt(95));
            }
            text[0] = '%'; // starts no JSON value
            add("random printable text " + i, RejectReason.MALFORMED_JSON, new String(text));
        }
        add("an ELF header", RejectReason.INVALID_UTF8, bytes(0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0));
        add("a pcap header", RejectReason.INVALID_UTF8, bytes(0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0));
        add("a gzip header", RejectReason.INVALID_UTF8, bytes(0x1F, 0x8B, 8, 0));
        add("an HTTP request", RejectReason.MALFORMED_JSON, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        add("XML", RejectReason.MALFORMED_JSON, "<update src=\"x\" seq=\"1\"/>");
    }

    private void add(String name, RejectReason reason, String json) {
        add(name, reason, utf8(json));
    }

    private void add(String name, RejectReason reason, byte[] payload) {
        cases.add(new Case(name, reason, payload));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string holding the given bytes: {@code "} bytes {@code "}. */
    private static byte[] quoted(int... inner) {
        return concat(concat(bytes('"'), bytes(inner)), bytes('"'));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
