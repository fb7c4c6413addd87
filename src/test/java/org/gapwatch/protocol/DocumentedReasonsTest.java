package org.gapwatch.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Edges where the decoder once gave another reason than docs/protocol.md names (issue 8). */
class DocumentedReasonsTest {
    private final DatagramDecoder decoder = new DatagramDecoder();

    private DecodeResult decode(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(b, 0, b.length);
    }

    /** The reason of every update, "ok" for a valid one. */
    private List<String> updates(DecodeResult r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.count(); i++) {
            out.add(r.get(i).valid() ? "ok" : r.get(i).reason().code());
        }
        return out;
    }

    @ParameterizedTest(name = "{0} digits")
    @CsvSource({"309", "400", "1000"})
    void anIntegerValueTooLargeForADoubleIsABadValue(int digits) {
        DecodeResult r = decode("{\"src\":\"a\",\"seq\":1,\"value\":" + "9".repeat(digits) + "}");
        assertNull(r.datagramReason());
        assertEquals(List.of("bad-value"), updates(r));
    }

    @Test
    void theLargestIntegerValueADoubleHoldsKeepsItsDigits() {
        String digits = "9".repeat(308);
        DecodeResult r = decode("{\"src\":\"a\",\"seq\":1,\"value\":" + digits + "}");
        assertEquals(List.of("ok"), updates(r));
        assertEquals(digits, r.get(0).string());
        assertEquals(1e308, r.get(0).number(), 1e293);
    }

    @Test
    void aByteOrderMarkAloneOrWithWhiteSpaceIsEmpty() {
        assertEquals(RejectReason.EMPTY, decode("\uFEFF").datagramReason());
        assertEquals(RejectReason.EMPTY, decode("\uFEFF \r\n\t").datagramReason());
        assertEquals(List.of("ok"), updates(decode("\uFEFF{\"src\":\"a\",\"seq\":1}")));
        // Only one mark is ignored: a second is no JSON.
        assertEquals(RejectReason.MALFORMED_JSON, decode("\uFEFF\uFEFF{\"src\":\"a\",\"seq\":1}").datagramReason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        "abc                 | MALFORMED_JSON
        "abc\\               | MALFORMED_JSON
        "\\x"                | MALFORMED_JSON
        "abc" x              | TRAILING_CONTENT
        0"src"               | TRAILING_CONTENT
        0{}                  | TRAILING_CONTENT
        1 2                  | TRAILING_CONTENT
        true"x"              | TRAILING_CONTENT
        -5e3[]               | TRAILING_CONTENT
        01                   | MALFORMED_JSON
        1.                   | MALFORMED_JSON
        -                    | MALFORMED_JSON
        tru                  | MALFORMED_JSON
        0x                   | MALFORMED_JSON
        nul"l"               | MALFORMED_JSON
        `-5e3 `              | NOT_UPDATES
        false                | NOT_UPDATES
        `"abc" `             | NOT_UPDATES
        """)
    void aTopLevelValueThatIsNoUpdateGetsTheDocumentedReason(String payload, RejectReason reason) {
        assertEquals(reason, decode(payload).datagramReason(), payload);
    }

    @Test
    void aTopLevelNumberOfMoreThanAThousandDigitsIsMalformed() {
        assertEquals(RejectReason.NOT_UPDATES, decode("9".repeat(1000)).datagramReason());
        assertEquals(RejectReason.MALFORMED_JSON, decode("9".repeat(1001)).datagramReason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        {"\\ud800":1,"src":"a","seq":1}
        {"\\udc00":1,"src":"a","seq":1}
        {"x\\ud800\\u0041":{"\\udbff":[]},"src":"a","seq":1}
        {"src":"a","\\ud800\\ud800\\udc00":1,"seq":1}
        [{"src":"a","seq":1},{"src":"b\\ud800","seq":2}]
        {"\\ud800":1,"src":"a","seq":1
        """)
    void aLoneSurrogateEscapeInANameOrAValueMakesTheDatagramMalformed(String json) {
        assertEquals(RejectReason.MALFORMED_JSON, decode(json).datagramReason());
    }
}
