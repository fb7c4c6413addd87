package org.gapwatch.protocol.mpegts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The continuity counter rules on one PID, as a table: a run of packets written as counters (hex digit), "n" after
 * a counter for a packet without payload (adaptation field only), "!" for one with the discontinuity_indicator,
 * "p" or "P" for one with a PCR (two different PCR values), "+" for one whose last payload byte differs. Packets
 * written alike are alike byte for byte: "1 1" is a copy, "1 1+" is not.
 */
class ContinuityTest {

    private static ContinuityCounter run(int pid, String packets) {
        return run(pid, packets, null);
    }

    /** Runs the packets; {@code counts}, when given, gets the PID's continuity count after each. */
    private static ContinuityCounter run(int pid, String packets, List<Long> counts) {
        ContinuityCounter c = new ContinuityCounter();
        TsPacket p = new TsPacket();
        for (String token : packets.trim().split("\\s+")) {
            int cc = Character.digit(token.charAt(0), 16);
            byte[] b = token.contains("n") ? Ts.adaptationOnly(pid, cc, false)
                    : token.contains("!") ? Ts.withAdaptation(pid, cc, true)
                    : token.contains("p") ? Ts.withPcr(pid, cc, 27_000_000L)
                    : token.contains("P") ? Ts.withPcr(pid, cc, 27_900_123L) : Ts.payload(pid, cc);
            if (token.contains("+")) {
                b[TsPacket.SIZE - 1] = 0x2B;
            }
            c.check(p.wrap(b, 0));
            if (counts != null) {
                counts.add(c.counter(pid));
            }
        }
        return c;
    }

    @ParameterizedTest(name = "{0}: lost {1}, duplicates {2}, errors {3}, resets {4}")
    @CsvSource(delimiter = '|', value = {
        "0 1 2 3 4 5 6 7 8 9 a b c d e f 0 1  | 0 | 0 | 0 | 0",   // wraps 15 -> 0 in order
        "0 1 3                                | 1 | 0 | 1 | 0",   // jump of 2: one lost
        "e f 2                                | 2 | 0 | 1 | 0",   // across the wrap: f -> 2 loses 0 and 1
        "0 1 1                                | 0 | 1 | 0 | 0",   // one repeat allowed
        "0 1 1 1                              | 0 | 2 | 1 | 0",   // a packet more than twice is an error
        "0 1 1 2 2 3                          | 0 | 2 | 0 | 0",   // one repeat of each is allowed
        "0 1 1n 1n 2                          | 0 | 0 | 0 | 0",   // no payload: the counter does not advance
        "0 1 2n 3                             | 1 | 0 | 1 | 0",   // no payload with the next counter: 2 was lost
        "0 1 4n 5                             | 3 | 0 | 1 | 0",   // no payload says 2, 3, 4 were lost
        "0 1 2 9! a                           | 0 | 0 | 0 | 1",   // the discontinuity indicator resets
        "0 1 1! 2                             | 0 | 0 | 0 | 1",   // also on the same counter: no duplicate
        "5 7 9 b                              | 3 | 0 | 3 | 0",   // the first packet is the baseline
        "0 0                                  | 0 | 1 | 0 | 0",
        "0 f                                  | 14 | 0 | 1 | 0",  // 14 lost is the most a jump can show
        // A repeated counter is a duplicate only when every byte repeats (2.4.3.3); with other bytes the counter
        // went round: 15 lost, a continuity error.
        "0 1 1+                               | 15 | 0 | 1 | 0",
        "0 0+                                 | 15 | 0 | 1 | 0",
        "0 1 1 1+                             | 15 | 1 | 1 | 0",  // a duplicate, then 15 lost
        "0 1 1+ 1+                            | 15 | 1 | 1 | 0",  // 15 lost, then a duplicate of that packet
        "0 1 1+ 1+ 1+                         | 15 | 2 | 2 | 0",  // ... and a third copy: an error
        "0 1 1+ 1                             | 30 | 0 | 2 | 0",  // each differs from the one before it
        "0 1 1n 1                             | 15 | 0 | 1 | 0",  // a duplicate follows its original directly
        "0 1p 1P 2                            | 0 | 1 | 0 | 0",   // a copy with a new PCR is still a duplicate
        "0 1p 1p+                             | 15 | 0 | 1 | 0",  // ... but not with another byte elsewhere
        "0 1p 1                               | 15 | 0 | 1 | 0",  // nor without the adaptation field
        "0 1 1! 1!                            | 0 | 0 | 0 | 2",   // the discontinuity indicator still resets
    })
    void countsByTheRulesOfTheStandard(String packets, long lost, long duplicates, long errors, long resets) {
        ContinuityCounter c = run(0x0100, packets);
        assertEquals(lost, c.lost(0x0100), "lost");
        assertEquals(duplicates, c.duplicates(0x0100), "duplicates");
        assertEquals(errors, c.errors(0x0100), "errors");
        assertEquals(resets, c.resets(0x0100), "resets");
        assertEquals(lost, c.totalLost());
    }

    @Test
    void sixteenLostPacketsReadAsNoneAndFifteenAsFifteenUnlessTheBytesRepeat() {
        // The 4-bit counter is a lower bound: runs of 16 and 15 lost packets.
        assertEquals(0, run(0x0100, "0 1").lost(0x0100)); // 0, [1..16 lost], 17 = 1 mod 16
        ContinuityCounter fifteen = run(0x0100, "0 0+");   // 0, [1..15 lost], 16 = 0 mod 16, other bytes
        assertEquals(15, fifteen.lost(0x0100));
        assertEquals(0, fifteen.duplicates(0x0100));
        assertEquals(1, fifteen.errors(0x0100));
        assertEquals(1, run(0x0100, "0 2").lost(0x0100));  // or 17 lost: 17 mod 16
        // A copy of every byte is a duplicate, whatever was lost: the bytes are all there is to tell.
        ContinuityCounter copy = run(0x0100, "0 0");
        assertEquals(0, copy.lost(0x0100));
        assertEquals(1, copy.duplicates(0x0100));
    }

    @Test
    void theContinuityCountExtendsTheCounterAsTheRulesReadIt() {
        List<Long> counts = new ArrayList<>();
        // In order; a duplicate (the same number); other bytes (16 on); no payload with counter 2 (0, 1 and 2 lost:
        // 3 on); in order twice; a discontinuity (the next round of 16, at its counter 3); other bytes again.
        run(0x0100, "e f f f+ 2n 3 4 3! 3+", counts);
        assertEquals(List.of(14L, 15L, 15L, 31L, 34L, 35L, 36L, 51L, 67L), counts);
        assertEquals(0, new ContinuityCounter().counter(0x0100));
    }

    @Test
    void theNullPidIsNotChecked() {
        ContinuityCounter c = run(TsPacket.NULL_PID, "0 5 5 5 9");
        assertEquals(0, c.totalLost());
        assertEquals(0, c.totalErrors());
        assertEquals(0, c.checked(TsPacket.NULL_PID));
        assertEquals(0, c.pids().length);
    }

    @Test
    void eachPidHasItsOwnCounter() {
        ContinuityCounter c = new ContinuityCounter();
        TsPacket p = new TsPacket();
        c.check(p.wrap(Ts.payload(0x100, 0), 0));
        c.check(p.wrap(Ts.payload(0x101, 7), 0));
        c.check(p.wrap(Ts.payload(0x100, 1), 0));
        c.check(p.wrap(Ts.payload(0x101, 9), 0));
        c.check(p.wrap(Ts.payload(0x100, 4), 0));
        assertEquals(2, c.lost(0x100));
        assertEquals(1, c.lost(0x101));
        assertEquals(3, c.checked(0x100));
        assertEquals(2, c.checked(0x101));
        assertEquals(3, c.totalLost());
        assertEquals(2, c.totalErrors());
        assertEquals(0, c.lost(0x102));
        assertEquals(java.util.List.of(0x100, 0x101),
                java.util.Arrays.stream(c.pids()).boxed().toList());
    }

    @Test
    void packetsWithTheTransportErrorIndicatorOrABadLayoutAreNotChecked() {
        ContinuityCounter c = new ContinuityCounter();
        TsPacket p = new TsPacket();
        assertEquals(ContinuityRule.FIRST, c.check(p.wrap(Ts.payload(0x100, 0), 0)));
        assertEquals(ContinuityCounter.NOT_CHECKED,
                c.check(p.wrap(Ts.packet(0x100, 9, TsPacket.AFC_PAYLOAD_ONLY, false, true, 0), 0)));
        assertEquals(ContinuityCounter.NOT_CHECKED,
                c.check(p.wrap(Ts.packet(0x100, 9, TsPacket.AFC_RESERVED, false, false, 0), 0)));
        assertEquals(0, c.check(p.wrap(Ts.payload(0x100, 1), 0)));
        assertEquals(0, c.totalLost());
    }

    @Test
    void theStepFunctionGivesLanesTheSameOutcomes() {
        final int SAME = ContinuityRule.SAME_BYTES;
        int state = ContinuityRule.EMPTY;
        int[][] steps = {
            {3, ContinuityRule.DUPLICATE_ALLOWED, ContinuityRule.FIRST},
            {4, ContinuityRule.DUPLICATE_ALLOWED, 0},
            {4, SAME | ContinuityRule.DUPLICATE_ALLOWED, ContinuityRule.DUPLICATE},
            {4, SAME | ContinuityRule.DUPLICATE_ALLOWED, ContinuityRule.REPEAT_ERROR},
            {4, ContinuityRule.DUPLICATE_ALLOWED, ContinuityRule.WENT_ROUND},   // other bytes: 15 lost
            {4, ContinuityRule.NO_PAYLOAD, 0},
            {4, SAME | ContinuityRule.DUPLICATE_ALLOWED, ContinuityRule.WENT_ROUND}, // not right after its original
            {8, ContinuityRule.DUPLICATE_ALLOWED, 3},
            {8, SAME, ContinuityRule.REPEAT_ERROR},   // without DUPLICATE_ALLOWED a copy is an error at once
            {2, ContinuityRule.DISCONTINUITY | ContinuityRule.DUPLICATE_ALLOWED, ContinuityRule.RESET},
            {5, ContinuityRule.NO_PAYLOAD, 3},
        };
        for (int[] s : steps) {
            long step = ContinuityRule.step(state, s[0], s[1]);
            assertEquals(s[2], ContinuityRule.outcome(step), "counter " + s[0] + " flags " + s[1]);
            state = ContinuityRule.state(step);
        }
    }
}
