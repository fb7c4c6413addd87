package org.gapwatch.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gapwatch.testutil.HostileCorpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The project's own hostile corpus: every case gets exactly the reason it is written down with. */
class HostileCorpusTest {
    private final DatagramDecoder decoder = new DatagramDecoder();

    /** The reason the decoder gives: the datagram's, or that of the one update it holds; null if it accepts it. */
    private Reason reasonFor(byte[] payload) {
        DecodeResult r = decoder.decode(payload, 0, payload.length);
        if (r.datagramReason() != null) {
            return r.datagramReason();
        }
        assertEquals(1, r.count(), "one update per case");
        return r.get(0).reason();
    }

    @TestFactory
    Stream<DynamicTest> everyCaseIsRejectedForItsReason() {
        return HostileCorpus.cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(),
                () -> assertEquals(c.reason(), reasonFor(c.payload()), c.name())));
    }

    @Test
    void theCorpusHoldsEveryReasonOfTheProtocol() {
        Set<RejectReason> covered = HostileCorpus.cases().stream().map(HostileCorpus.Case::reason)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RejectReason.class)));
        assertEquals(EnumSet.allOf(RejectReason.class), covered);
    }

    @Test
    void caseNamesAreUnique() {
        List<String> names = HostileCorpus.cases().stream().map(HostileCorpus.Case::name).toList();
        assertEquals(names.size(), Set.copyOf(names).size());
    }

    @Test
    void surrogatePairsAndEscapedBackslashesBesideThemStayValid() {
        // U+1F600 as an escaped pair; "\\uD800" is a backslash and the letters uD800, no escape.
        byte[] b = "{\"src\":\"a\\uD83D\\uDE00\\\\uD800\",\"seq\":1,\"text\":\"\\u00e9\\n\"}"
                .getBytes(StandardCharsets.UTF_8);
        DecodeResult r = decoder.decode(b, 0, b.length);
        assertNull(r.datagramReason());
        assertTrue(r.get(0).valid(), r.get(0).toString());
        assertEquals("a\uD83D\uDE00\\uD800", r.get(0).src());
        assertEquals("\u00e9\n", r.get(0).text());
    }

    @Test
    void aLoneSurrogateEscapeIsFoundWhereverItIs() {
        // Past the eight-byte steps of the scan, at the very end, and just before a closing quote.
        for (String s : List.of("\"" + "x".repeat(37) + "\\uD800\"", "\"\\uDC00\"", "[\"\\uD83D\"]",
                "{\"src\":\"x\",\"seq\":1,\"t\":\"" + "y".repeat(15) + "\\uD83D\\u0041\"}")) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            assertEquals(RejectReason.MALFORMED_JSON, decoder.decode(b, 0, b.length).datagramReason(), s);
        }
    }
}
