package org.gapwatch.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The accounting rules of docs/protocol.md, one table row per rule and edge, with the exact counters expected. */
class GapAccountingTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        # rule                                   | sequence numbers in arrival order | received | lost | late | dups | restarts
        first update sets the baseline at 0       | 0                                 | 1 | 0 | 0 | 0 | 0
        first update sets the baseline anywhere   | 1000                              | 1 | 0 | 0 | 0 | 0
        in order, no loss                         | 0 1 2 3 4                         | 5 | 0 | 0 | 0 | 0
        a skipped run is lost                     | 0 1 5                             | 3 | 3 | 0 | 0 | 0
        two gaps                                  | 0 2 5                             | 3 | 3 | 0 | 0 | 0
        a late one fills a hole                   | 0 4 2                             | 3 | 2 | 1 | 0 | 0
        late ones fill every hole                 | 0 4 1 2 3                         | 5 | 0 | 3 | 0 | 0
        same number twice is a duplicate          | 0 1 1                             | 2 | 0 | 0 | 1 | 0
        an old received number is a duplicate    | 0 1 2 0                           | 3 | 0 | 0 | 1 | 0
        a late one repeated is a duplicate        | 0 3 1 1                           | 3 | 1 | 1 | 1 | 0
        window edge: 1023 below highest is late   | 0 2000 977                        | 3 | 1998 | 1 | 0 | 0
        window edge: 1024 below highest restarts  | 0 2000 976                        | 3 | 1999 | 0 | 0 | 1
        far below is a restart, no loss across it | 5000 5001 3 4                     | 4 | 0 | 0 | 0 | 1
        a gap of a million                        | 0 1000001                         | 2 | 1000000 | 0 | 0 | 0
        reorder below the baseline                | 10 8                              | 2 | 1 | 1 | 0 | 0
        reorder below the baseline then fill      | 10 8 9                            | 3 | 0 | 2 | 0 | 0
        numbers up to 2^63-1                      | 9223372036854775805 9223372036854775807 | 2 | 1 | 0 | 0 | 0
        """)
    void countsExactly(String rule, String seqs, long received, long lost, long late, long dups, long restarts) {
        Feed f = new Feed();
        f.seqs("s", Arrays.stream(seqs.trim().split("\\s+")).mapToLong(Long::parseLong).toArray());
        SourceView v = f.view("s");
        assertEquals(List.of(received, lost, late, dups, restarts),
                List.of(v.received(), v.lost(), v.late(), v.duplicates(), v.restarts()), rule);
        assertInvariant(f, "s");
    }

    @Test
    void aGapIsRecordedWithItsBoundsCountAndTime() {
        Feed f = new Feed();
        f.seqs("s", 0, 1);
        long before = f.view("s").lastArrivalMillis();
        long detectedAt = f.now;
        f.seqs("s", 7);
        Gap g = f.view("s").lastGap();
        assertEquals(new Gap(2, 6, detectedAt, 0, before), g);
        assertEquals(5, g.count());
        assertEquals(detectedAt - before, g.spanMillis());
    }

    @Test
    void aLateArrivalIsCountedAgainstItsGap() {
        Feed f = new Feed();
        f.seqs("s", 0, 7, 3);
        Gap g = f.view("s").lastGap();
        assertEquals(1, g.recovered());
        assertEquals(5, g.lost()); // 1..6 missing, 3 came late
    }

    @Test
    void aLateArrivalDoesNotReplaceTheLatestValue() {
        Feed f = new Feed();
        f.json("{\"src\":\"s\",\"seq\":0,\"value\":1}");
        f.json("{\"src\":\"s\",\"seq\":2,\"value\":3}");
        f.json("{\"src\":\"s\",\"seq\":1,\"value\":2}");
        SourceView v = f.view("s");
        assertEquals("3", v.value());
        assertEquals(2, v.highest());
        assertEquals(1, v.late());
    }

    @Test
    void aNewSessionIsARestartWithNoLossAcrossIt() {
        Feed f = new Feed();
        f.json("{\"src\":\"s\",\"seq\":0,\"session\":\"a\"}");
        f.json("{\"src\":\"s\",\"seq\":1,\"session\":\"a\"}");
        f.json("{\"src\":\"s\",\"seq\":500,\"session\":\"b\"}");
        f.json("{\"src\":\"s\",\"seq\":501,\"session\":\"b\"}");
        SourceView v = f.view("s");
        assertEquals(List.of(4L, 0L, 1L), List.of(v.received(), v.lost(), v.restarts()));
        assertEquals("b", v.session());
        assertEquals(500, v.first());
        assertInvariant(f, "s");
    }

    @Test
    void anIntegerSessionCountsLikeItsDigits() {
        Feed f = new Feed();
        f.json("{\"src\":\"s\",\"seq\":0,\"session\":7}");
        f.json("{\"src\":\"s\",\"seq\":1,\"session\":7}");
        assertEquals(0, f.view("s").restarts());
        f.json("{\"src\":\"s\",\"seq\":0,\"session\":8}");
        assertEquals(1, f.view("s").restarts());
    }

    @Test
    void anUpdateWithoutSessionAfterOneWithItIsNotARestart() {
        Feed f = new Feed();
        f.json("{\"src\":\"s\",\"seq\":0,\"session\":\"a\"}");
        f.json("{\"src\":\"s\",\"seq\":1}");
        assertEquals(0, f.view("s").restarts());
        assertEquals(2, f.view("s").received());
    }

    @Test
    void sourcesAreAccountedSeparately() {
        Feed f = new Feed();
        f.seqs("a", 0, 2);
        f.seqs("b", 0, 1, 2);
        assertEquals(1, f.view("a").lost());
        assertEquals(0, f.view("b").lost());
        Totals t = f.tracker.totals();
        assertEquals(List.of(5L, 5L, 1L, 2), List.of(t.datagrams(), t.received(), t.lost(), t.sources()));
    }

    @Test
    void sourcesBeyondTheLimitAreRejectedAndCounted() {
        Feed f = new Feed(new Tracker(TrackerConfig.defaults().withMaxSources(2)));
        f.seqs("a", 0).seqs("b", 0).seqs("c", 0).seqs("c", 1).seqs("a", 1);
        Totals t = f.tracker.totals();
        assertEquals(2, t.sources());
        assertEquals(2, t.rejectedSources());
        assertEquals(3, t.received());
        assertNull(f.view("c"));
    }

    @Test
    void resetZeroesTheCountersButKeepsTheSequence() {
        Feed f = new Feed();
        f.seqs("s", 0, 5);
        f.tracker.resetCounters("s");
        f.seqs("s", 6);
        SourceView v = f.view("s");
        assertEquals(List.of(1L, 0L), List.of(v.received(), v.lost()));
        assertEquals(6, v.highest());
        assertInvariant(f, "s");
    }

    @Test
    void invariantHoldsOverALongShuffledStream() {
        Feed f = new Feed();
        java.util.Random r = new java.util.Random(42);
        long next = 0;
        for (int i = 0; i < 20_000; i++) {
            int kind = r.nextInt(10);
            long seq = kind < 6 ? next++ : kind < 8 ? (next += r.nextInt(5)) : Math.max(0, next - 1 - r.nextInt(50));
            f.seqs("s", seq);
            assertInvariant(f, "s");
        }
    }

    static void assertInvariant(Feed f, String src) {
        long[] acc = f.tracker.sessionAccounting(src);
        assertEquals(acc[1] - acc[0] + 1, acc[2] + acc[3], "highest - first + 1 == received + lost");
        assertEquals(true, acc[3] >= 0, "loss is never negative");
    }
}
