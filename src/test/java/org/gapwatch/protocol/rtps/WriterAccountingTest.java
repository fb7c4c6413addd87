package org.gapwatch.protocol.rtps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Per-writer 64-bit accounting as a table: events are D n (DATA), F n (DATA_FRAG), H f-l (HEARTBEAT), G a-b
 * (irrelevant range).
 */
class WriterAccountingTest {
    private static final Guid W = new Guid(1, 2, 0x102);

    @ParameterizedTest(name = "{0}: received {1}, lost {2}, late {3}, duplicates {4}, irrelevant {5}")
    @CsvSource(delimiter = '|', value = {
        "D1 D2 D3                   | 3 | 0 | 0 | 0 | 0",
        "D1 D4                      | 2 | 2 | 0 | 0 | 0",
        "D1 D4 D3                   | 3 | 1 | 1 | 0 | 0",   // 3 came late (a retransmission)
        "D1 D4 D4                   | 2 | 2 | 0 | 1 | 0",
        "D1 H1-5                    | 1 | 4 | 0 | 0 | 0",   // the heartbeat shows 2-5 written, never seen
        "D1 H1-5 D5                 | 2 | 3 | 1 | 0 | 0",
        "D1 H1-1 D2                 | 2 | 0 | 0 | 0 | 0",
        "H1-10 D11                  | 1 | 0 | 0 | 0 | 0",   // a heartbeat as baseline
        "D1 G2-3 D4                 | 2 | 0 | 0 | 0 | 2",   // irrelevant, not lost
        "D1 D4 G2-3                 | 2 | 0 | 0 | 0 | 2",   // announced after: the loss is undone
        "D1 G3-3 D4                 | 2 | 1 | 0 | 0 | 1",   // 2 lost, 3 irrelevant
        "D1 G5-200 D201             | 2 | 3 | 0 | 0 | 196",
        "D1 F2 F2 F2 D3             | 3 | 0 | 0 | 0 | 0",   // fragments of one sample
        "D100 D30                   | 1 | 0 | 0 | 0 | 0",   // 70 behind: old, not counted
        "D4294967295 D4294967297    | 2 | 1 | 0 | 0 | 0",   // across the 32-bit low word
    })
    void countsOneWriter(String events, long received, long lost, long late, long duplicates, long irrelevant) {
        WriterAccounting a = new WriterAccounting();
        for (String e : events.trim().split("\\s+")) {
            String arg = e.substring(1);
            switch (e.charAt(0)) {
                case 'D' -> a.data(W, Long.parseLong(arg), false);
                case 'F' -> a.data(W, Long.parseLong(arg), true);
                case 'H' -> a.heartbeat(W, Long.parseLong(arg.split("-")[0]), Long.parseLong(arg.split("-")[1]));
                case 'G' -> a.irrelevant(W, Long.parseLong(arg.split("-")[0]), Long.parseLong(arg.split("-")[1]));
                default -> throw new IllegalArgumentException(e);
            }
        }
        assertEquals(received, a.received(W), "received");
        assertEquals(lost, a.lost(W), "lost");
        assertEquals(late, a.late(W), "late");
        assertEquals(duplicates, a.duplicates(W), "duplicates");
        assertEquals(irrelevant, a.irrelevant(W), "irrelevant");
    }

    @Test
    void aGapSubmessageWithABitmapAndOutcomes() {
        WriterAccounting a = new WriterAccounting();
        Guid w = new Guid(Rtps.PREFIX_HIGH, Rtps.PREFIX_LOW, Rtps.WRITER);
        assertEquals(WriterAccounting.FIRST, a.data(w, 1, false));
        assertEquals(5, a.data(w, 7, false));         // 2-6 lost
        byte[] d = new Rtps().gap(false, 2, 4, "101").bytes(); // 2, 3 and 4, 6 irrelevant
        new RtpsReader().read(d, 0, d.length, new RtpsSink() {
            @Override
            public void gap(Submessage s) {
                assertEquals(4, a.gap(s));
            }
        });
        assertEquals(1, a.lost(w), "5 alone is lost");
        assertEquals(4, a.irrelevant(w));
        assertEquals(1, a.gaps(w));
        assertEquals(WriterAccounting.LATE, a.data(w, 5, false));
        assertEquals(0, a.lost(w));
        assertEquals(WriterAccounting.DUPLICATE, a.data(w, 5, false));
        assertEquals(7, a.highest(w));
    }

    @Test
    void writersAreSeparate() {
        WriterAccounting a = new WriterAccounting();
        Guid other = new Guid(1, 2, 0x202);
        a.data(W, 1, false);
        a.data(other, 1, false);
        a.data(W, 3, false);
        a.data(other, 2, false);
        assertEquals(1, a.lost(W));
        assertEquals(0, a.lost(other));
        assertEquals(2, a.writers().size());
    }
}
