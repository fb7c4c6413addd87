package org.gapwatch.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatagramDecoderTest {
    private final DatagramDecoder decoder = new DatagramDecoder();

    private DecodeResult decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private DecodeResult decode(byte[] b) {
        return decoder.decode(b, 0, b.length);
    }

    private Update one(String json) {
        DecodeResult r = decode(json);
        assertNull(r.datagramReason(), "datagram rejected");
        assertEquals(1, r.count());
        return r.get(0);
    }

    @Test
    void decodesEveryField() {
        Update u = one("""
            {"src":"plant/line-3/pump-7","seq":42,"session":"run-9","ts":1700000000123,"value":3.25,
             "unit":"bar","text":"pressure ok","status":"WaRn","interval":500,"ttl":2000,"v":1,"extra":{"a":[1,2]}}""");
        assertNull(u.reason());
        assertEquals("plant/line-3/pump-7", u.src());
        assertEquals(42, u.seq());
        assertEquals("run-9", u.session());
        assertEquals(1700000000123L, u.ts());
        assertEquals(ValueKind.NUMBER, u.valueKind());
        assertEquals(3.25, u.number());
        assertEquals("bar", u.unit());
        assertEquals("pressure ok", u.text());
        assertEquals(Status.WARN, u.status());
        assertEquals("WaRn", u.statusText());
        assertEquals(500, u.interval());
        assertEquals(2000, u.ttl());
    }

    @Test
    void absentOptionalFieldsStayAbsent() {
        Update u = one("{\"src\":\"a\",\"seq\":0}");
        assertEquals(ValueKind.ABSENT, u.valueKind());
        assertEquals(Update.ABSENT, u.ts());
        assertEquals(Update.ABSENT, u.interval());
        assertEquals(Update.ABSENT, u.ttl());
        assertNull(u.session());
        assertEquals(Status.NONE, u.status());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        "ok"    | OK
        "INFO"  | INFO
        "warn"  | WARN
        "Alarm" | ALARM
        "fault" | FAULT
        "bogus" | UNKNOWN
        ""      | UNKNOWN
        """)
    void statusWordsInAnyCase(String status, Status expected) {
        assertEquals(expected, one("{\"src\":\"a\",\"seq\":0,\"status\":" + status + "}").status());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        {"seq":1}                                  | MISSING_SRC
        {"src":"a"}                                | MISSING_SEQ
        {"src":"","seq":1}                         | BAD_SRC
        {"src":5,"seq":1}                          | BAD_SRC
        {"src":null,"seq":1}                       | BAD_SRC
        {"src":"a","seq":-1}                       | BAD_SEQ
        {"src":"a","seq":1.5}                      | BAD_SEQ
        {"src":"a","seq":1.0}                      | BAD_SEQ
        {"src":"a","seq":1e3}                      | BAD_SEQ
        {"src":"a","seq":"1"}                      | BAD_SEQ
        {"src":"a","seq":9223372036854775808}      | BAD_SEQ
        {"src":"a","seq":null}                     | BAD_SEQ
        {"src":"a","seq":1,"session":1.5}          | BAD_SESSION
        {"src":"a","seq":1,"session":[1]}          | BAD_SESSION
        {"src":"a","seq":1,"ts":"now"}             | BAD_TS
        {"src":"a","seq":1,"value":[1]}            | BAD_VALUE
        {"src":"a","seq":1,"value":{"x":1}}        | BAD_VALUE
        {"src":"a","seq":1,"unit":3}               | BAD_UNIT
        {"src":"a","seq":1,"text":false}           | BAD_TEXT
        {"src":"a","seq":1,"status":1}             | BAD_STATUS
        {"src":"a","seq":1,"interval":0}           | BAD_INTERVAL
        {"src":"a","seq":1,"interval":-5}          | BAD_INTERVAL
        {"src":"a","seq":1,"interval":1.5}         | BAD_INTERVAL
        {"src":"a","seq":1,"ttl":0}                | BAD_TTL
        {"src":"a","seq":1,"v":2}                  | UNSUPPORTED_VERSION
        {"src":"a","seq":1,"v":"1"}                | UNSUPPORTED_VERSION
        {"src":"a","seq":1,"seq":2}                | DUPLICATE_FIELD
        """)
    void rejectsAnUpdateWithItsReason(String json, RejectReason reason) {
        DecodeResult r = decode(json);
        assertNull(r.datagramReason());
        assertEquals(reason, r.get(0).reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        {"src":"a","seq":1} x                      | TRAILING_CONTENT
        {"src":"a","seq":1}{"src":"a","seq":2}     | TRAILING_CONTENT
        {"src":"a","seq":1,}                       | MALFORMED_JSON
        [{"src":"a","seq":1},]                     | MALFORMED_JSON
        {'src':'a','seq':1}                        | MALFORMED_JSON
        {"src":"a","seq":01}                       | MALFORMED_JSON
        {"src":"a","seq":1,"value":NaN}            | MALFORMED_JSON
        {"src":"a","seq":1} // note                | TRAILING_CONTENT
        /* c */ {"src":"a","seq":1}                | MALFORMED_JSON
        {"src":"a","seq":1                         | MALFORMED_JSON
        42                                         | NOT_UPDATES
        "text"                                     | NOT_UPDATES
        null                                       | NOT_UPDATES
        """)
    void rejectsADatagramWithItsReason(String json, RejectReason reason) {
        assertEquals(reason, decode(json).datagramReason());
    }

    @Test
    void emptyPayloadAndWhitespaceAreEmpty() {
        assertEquals(RejectReason.EMPTY, decode("").datagramReason());
        assertEquals(RejectReason.EMPTY, decode("  \n").datagramReason());
    }

    @Test
    void utf16IsNotAccepted() {
        byte[] b = "{\"src\":\"a\",\"seq\":1}".getBytes(StandardCharsets.UTF_16LE);
        assertEquals(RejectReason.INVALID_UTF8, decode(b).datagramReason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"C0 80", "ED A0 80", "F4 90 80 80", "FF", "80", "E2 82", "F0 9F 98"})
    void invalidUtf8EvenInAnIgnoredFieldRejectsTheDatagram(String hex) {
        byte[] head = "{\"src\":\"a\",\"seq\":1,\"junk\":\"".getBytes(StandardCharsets.UTF_8);
        String[] parts = hex.split(" ");
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[head.length + parts.length + tail.length];
        System.arraycopy(head, 0, b, 0, head.length);
        for (int i = 0; i < parts.length; i++) {
            b[head.length + i] = (byte) Integer.parseInt(parts[i], 16);
        }
        System.arraycopy(tail, 0, b, head.length + parts.length, tail.length);
        assertEquals(RejectReason.INVALID_UTF8, decode(b).datagramReason());
    }

    @Test
    void twentyThousandNestedBracketsAreTooDeepNotAStackOverflow() {
        assertEquals(RejectReason.TOO_DEEP, decode("[".repeat(20_000) + "]".repeat(20_000)).datagramReason());
        assertEquals(RejectReason.TOO_DEEP, decode("[".repeat(20_000)).datagramReason());
    }

    @Test
    void sixtyFourLevelsAreAllowedSixtyFiveAreNot() {
        // The update object is level 1; "x" opens 63 more arrays: 64 levels in all.
        assertNull(decode("{\"src\":\"a\",\"seq\":1,\"x\":" + "[".repeat(63) + "]".repeat(63) + "}").datagramReason());
        assertEquals(RejectReason.TOO_DEEP,
                decode("{\"src\":\"a\",\"seq\":1,\"x\":" + "[".repeat(64) + "]".repeat(64) + "}").datagramReason());
    }

    @Test
    void anArrayOfUpdatesIsDecodedInOrder() {
        DecodeResult r = decode("[{\"src\":\"a\",\"seq\":1},{\"src\":\"b\",\"seq\":2}]");
        assertEquals(2, r.count());
        assertEquals("a", r.get(0).src());
        assertEquals(2, r.get(1).seq());
    }

    @Test
    void aBadElementIsRejectedAloneTheOthersStand() {
        DecodeResult r = decode("[{\"src\":\"a\",\"seq\":1}, 7, {\"src\":\"b\"}, {\"src\":\"c\",\"seq\":3}]");
        assertNull(r.datagramReason());
        assertEquals(4, r.count());
        assertNull(r.get(0).reason());
        assertEquals(RejectReason.NOT_AN_OBJECT, r.get(1).reason());
        assertEquals(RejectReason.MISSING_SEQ, r.get(2).reason());
        assertNull(r.get(3).reason());
    }

    @Test
    void atMostOneThousandUpdatesInAnArray() {
        String u = "{\"src\":\"a\",\"seq\":1}";
        assertEquals(1000, decode("[" + String.join(",", java.util.Collections.nCopies(1000, u)) + "]").count());
        assertEquals(RejectReason.TOO_MANY_UPDATES,
                decode("[" + String.join(",", java.util.Collections.nCopies(1001, u)) + "]").datagramReason());
        assertEquals(0, decode("[]").count());
    }

    @Test
    void srcOf256CharactersIsTheLimitCountingCodePoints() {
        assertNull(one("{\"src\":\"" + "x".repeat(256) + "\",\"seq\":1}").reason());
        assertEquals(RejectReason.BAD_SRC, one("{\"src\":\"" + "x".repeat(257) + "\",\"seq\":1}").reason());
        assertNull(one("{\"src\":\"" + "😀".repeat(256) + "\",\"seq\":1}").reason());
    }

    @Test
    void seqUpToTwoToThe63MinusOne() {
        assertEquals(Long.MAX_VALUE, one("{\"src\":\"a\",\"seq\":9223372036854775807}").seq());
    }

    @Test
    void integerSessionIsKeptAsItsDigits() {
        assertEquals("12", one("{\"src\":\"a\",\"seq\":1,\"session\":12}").session());
    }

    @Test
    void valuesOfEveryKind() {
        assertEquals("on", one("{\"src\":\"a\",\"seq\":1,\"value\":\"on\"}").string());
        assertEquals(true, one("{\"src\":\"a\",\"seq\":1,\"value\":true}").bool());
        assertEquals(ValueKind.NULL, one("{\"src\":\"a\",\"seq\":1,\"value\":null}").valueKind());
        assertEquals("12345678901234567", one("{\"src\":\"a\",\"seq\":1,\"value\":12345678901234567}").displayValue());
        assertEquals("123456789012345678901234567890",
                one("{\"src\":\"a\",\"seq\":1,\"value\":123456789012345678901234567890}").displayValue());
        assertEquals("-2.5", one("{\"src\":\"a\",\"seq\":1,\"value\":-2.5}").displayValue());
        assertEquals(RejectReason.BAD_VALUE, one("{\"src\":\"a\",\"seq\":1,\"value\":1e999}").reason());
    }

    @Test
    void repeatedNamesAreTheSameStringNotNewOnes() {
        String first = one("{\"src\":\"plant/a\",\"seq\":1}").src();
        String second = one("{\"src\":\"plant/a\",\"seq\":2}").src();
        assertTrue(first == second);
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        byte[] json = "{\"src\":\"a\",\"seq\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[json.length + 3];
        b[0] = (byte) 0xEF;
        b[1] = (byte) 0xBB;
        b[2] = (byte) 0xBF;
        System.arraycopy(json, 0, b, 3, json.length);
        assertNull(decode(b).datagramReason());
    }
}
