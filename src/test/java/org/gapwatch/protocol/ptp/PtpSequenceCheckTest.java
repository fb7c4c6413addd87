package org.gapwatch.protocol.ptp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 16-bit sequenceId accounting per port identity, domain and message type, as a table. */
class PtpSequenceCheckTest {
    private static final long CLOCK = 0x001122FFFE334455L;

    @ParameterizedTest(name = "{0}: received {1}, lost {2}, late {3}, duplicates {4}, restarts {5}")
    @CsvSource(delimiter = '|', value = {
        "0 1 2 3                     | 4 | 0 | 0 | 0 | 0",
        "0 1 4                       | 3 | 2 | 0 | 0 | 0",
        "65534 65535 0 1             | 4 | 0 | 0 | 0 | 0",   // the wrap is in order
        "65533 2                     | 2 | 4 | 0 | 0 | 0",   // 65534 65535 0 1 lost across the wrap
        "10 12 11                    | 3 | 0 | 1 | 0 | 0",   // 11 late fills its hole
        "10 12 11 11                 | 3 | 0 | 1 | 1 | 0",
        "10 10 10                    | 1 | 0 | 0 | 2 | 0",
        "1 0 4                       | 2 | 2 | 0 | 1 | 0",   // before the baseline: a duplicate, not a loss
        "65535 1 0                   | 3 | 0 | 1 | 0 | 0",   // late across the wrap
        "100 3100                    | 2 | 2999 | 0 | 0 | 0", // 3,000 ahead: still loss
        "100 3101                    | 2 | 0 | 0 | 0 | 1",   // beyond MAX_DROPOUT: a restart
        "5000 6 7                    | 3 | 0 | 0 | 0 | 1",   // ptp4l restarted
    })
    void countsEachLane(String seqs, long received, long lost, long late, long duplicates, long restarts) {
        PtpSequenceCheck c = new PtpSequenceCheck();
        for (String s : seqs.trim().split("\\s+")) {
            c.check(CLOCK, 1, 0, PtpMessageType.SYNC.code(), Integer.parseInt(s));
        }
        PtpMessageType t = PtpMessageType.SYNC;
        assertEquals(received, c.received(CLOCK, 1, 0, t), "received");
        assertEquals(lost, c.lost(CLOCK, 1, 0, t), "lost");
        assertEquals(late, c.late(CLOCK, 1, 0, t), "late");
        assertEquals(duplicates, c.duplicates(CLOCK, 1, 0, t), "duplicates");
        assertEquals(restarts, c.restarts(CLOCK, 1, 0, t), "restarts");
    }

    @Test
    void eachTypePortAndDomainIsItsOwnLaneAndTheSourceSumsThem() {
        PtpSequenceCheck c = new PtpSequenceCheck();
        int sync = PtpMessageType.SYNC.code(), fup = PtpMessageType.FOLLOW_UP.code();
        int ann = PtpMessageType.ANNOUNCE.code();
        for (int s : new int[]{0, 1, 3}) {
            c.check(CLOCK, 1, 0, sync, s);          // 1 lost
        }
        for (int s : new int[]{0, 3}) {
            c.check(CLOCK, 1, 0, fup, s);           // 2 lost
        }
        for (int s : new int[]{7, 8}) {
            c.check(CLOCK, 1, 0, ann, s);
        }
        for (int s : new int[]{0, 9}) {
            c.check(CLOCK, 2, 0, sync, s);          // another port: 8 lost
            c.check(CLOCK, 1, 4, sync, s);          // another domain: 8 lost
            c.check(CLOCK + 1, 1, 0, sync, s);      // another clock: 8 lost
        }
        assertEquals(1, c.lost(CLOCK, 1, 0, PtpMessageType.SYNC));
        assertEquals(2, c.lost(CLOCK, 1, 0, PtpMessageType.FOLLOW_UP));
        assertEquals(0, c.lost(CLOCK, 1, 0, PtpMessageType.ANNOUNCE));
        assertEquals(3, c.lost(CLOCK, 1, 0));
        assertEquals(8, c.lost(CLOCK, 2, 0));
        assertEquals(8, c.lost(CLOCK, 1, 4));
        assertEquals(8, c.lost(CLOCK + 1, 1, 0));
        assertEquals(6, c.lanes());
    }

    @Test
    void manyLanesGrowTheTable() {
        PtpSequenceCheck c = new PtpSequenceCheck();
        for (int port = 1; port <= 500; port++) {
            c.check(CLOCK, port, 0, 0, 0);
            c.check(CLOCK, port, 0, 0, port % 7 + 1);
        }
        assertEquals(500, c.lanes());
        long lost = 0;
        for (int port = 1; port <= 500; port++) {
            assertEquals(port % 7, c.lost(CLOCK, port, 0, PtpMessageType.SYNC));
            lost += port % 7;
        }
        assertEquals(lost, java.util.stream.IntStream.rangeClosed(1, 500).mapToLong(p -> c.lost(CLOCK, p, 0)).sum());
    }
}
