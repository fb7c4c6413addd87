package org.gapwatch.protocol.cadence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loss by cadence: times in milliseconds of a lane with a 1,000 ms interval, and what each one counts. */
class CadenceCheckTest {
    private static final long MS = 1_000_000L;

    @ParameterizedTest(name = "{0}: outcomes {1}; lost {2}, duplicates {3}, behind {4}, off cadence {5}")
    @CsvSource(delimiter = '|', value = {
        "0 1000 2000 3000      | F 0 0 0        | 0 | 0 | 0 | 0",
        "0 1000 3000           | F 0 1          | 1 | 0 | 0 | 0",   // one round missed
        "0 1000 5000           | F 0 3          | 3 | 0 | 0 | 0",
        "0 1499 2499           | F 0 0          | 0 | 0 | 0 | 1",   // 499 ms late: in time, beyond the tolerance
        "0 1250 2250           | F 0 0          | 0 | 0 | 0 | 0",   // 250 ms: at the tolerance, not beyond
        "0 1251                | F 0            | 0 | 0 | 0 | 1",
        "0 1500                | F 1            | 1 | 0 | 0 | 1",   // half an interval rounds up: one missed
        "0 2400                | F 1            | 1 | 0 | 0 | 1",
        "0 1000 1000           | F 0 D          | 0 | 1 | 0 | 0",   // the same time again
        "0 1000 500 2000       | F 0 B 0        | 0 | 0 | 1 | 0",   // behind: not applied
        "0 300 1000            | F 0 0          | 0 | 0 | 0 | 2",   // early: no loss, off cadence
        "0 10000               | F 9            | 9 | 0 | 0 | 0",
    })
    void countsOneLane(String times, String outcomes, long lost, long duplicates, long behind, long off) {
        CadenceCheck c = new CadenceCheck();
        List<String> got = new ArrayList<>();
        for (String t : times.trim().split("\\s+")) {
            int r = c.check("h/load/load", Long.parseLong(t) * MS, 1000 * MS);
            got.add(switch (r) {
                case CadenceCheck.FIRST -> "F";
                case CadenceCheck.DUPLICATE -> "D";
                case CadenceCheck.BEHIND -> "B";
                default -> Integer.toString(r);
            });
        }
        assertEquals(outcomes.trim(), String.join(" ", got));
        assertEquals(lost, c.lost("h/load/load"), "lost");
        assertEquals(duplicates, c.duplicates("h/load/load"), "duplicates");
        assertEquals(behind, c.behind("h/load/load"), "behind");
        assertEquals(off, c.offCadence("h/load/load"), "off cadence");
    }

    @Test
    void theIntervalTheLastMessageStatedDecidesWhenTheNextIsDue() {
        CadenceCheck c = new CadenceCheck();
        c.check("a", 0, 1000 * MS);
        assertEquals(1000 * MS, c.due("a"));
        assertEquals(0, c.check("a", 1000 * MS, 10_000 * MS)); // now every 10 s
        assertEquals(11_000 * MS, c.due("a"));
        assertEquals(2, c.check("a", 31_000 * MS, 0));       // no interval stated: the last one stays
        assertEquals(10_000 * MS, c.interval("a"));
        assertEquals(2, c.lost("a"));
        assertEquals(3, c.received("a"));
    }

    @Test
    void aLaneWithoutAnIntervalIsNotJudged() {
        CadenceCheck c = new CadenceCheck();
        c.check("a", 0, 0);
        assertEquals(0, c.check("a", 50_000 * MS, 0));
        assertEquals(0, c.lost("a"));
        assertEquals(1, c.unjudged("a"));
        assertEquals(Long.MIN_VALUE, c.due("a"));
        assertEquals(0, c.check("a", 51_000 * MS, 1000 * MS)); // its first interval
        assertEquals(2, c.check("a", 54_000 * MS, 1000 * MS));
        assertEquals(2, c.unjudged("a"));
    }

    @Test
    void lanesAreSeparateAndBounded() {
        CadenceCheck c = new CadenceCheck(0.1, 2);
        c.check("a", 0, 1000 * MS);
        c.check("b", 0, 1000 * MS);
        assertEquals(CadenceCheck.REFUSED, c.check("c", 0, 1000 * MS));
        assertEquals(1, c.check("a", 2000 * MS, 1000 * MS));
        assertEquals(0, c.check("b", 1150 * MS, 1000 * MS));
        assertEquals(1, c.offCadence("b"), "150 ms is beyond a 10 % tolerance");
        assertEquals(1, c.lost("a"));
        assertEquals(0, c.lost("b"));
        assertEquals(1, c.refused());
        assertEquals(2, c.lanes());
        assertThrows(IllegalArgumentException.class, () -> new CadenceCheck(0.6, 1));
    }

    @Test
    void hugeGapsSaturate() {
        CadenceCheck c = new CadenceCheck();
        c.check("a", Long.MIN_VALUE / 2, 1);
        int r = c.check("a", Long.MAX_VALUE / 2, 1);
        assertEquals(Integer.MAX_VALUE, r);
        c.check("a", Long.MAX_VALUE, 1);
        assertEquals(Long.MAX_VALUE, c.lost("a"));
    }
}
