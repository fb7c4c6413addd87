package org.gapwatch.protocol.sacn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.TreeSet;
import org.gapwatch.protocol.DecodeResult;
import org.junit.jupiter.api.Test;

/**
 * A data packet costs the arbiter the same with 1,000 sources on its universe as with 16: the sources it looks at
 * per packet ({@link UniverseArbiter#examined()}), counted through the decoder, are the same few at both.
 */
class UniverseArbiterCostTest {
    private static final long MS = 1_000_000L;

    /** The sources examined for each packet of the rounds after the first; and the last packet's text. */
    private record Cost(TreeSet<Long> perPacket, String lastText) {
    }

    private static Cost run(int sources, boolean oneWinner) {
        SacnDecoder d = new SacnDecoder();
        byte[] slots = new byte[24];
        long now = 1_000 * MS;
        TreeSet<Long> perPacket = new TreeSet<>();
        String text = null;
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < sources; i++) {
                int priority = oneWinner && i == 0 ? 200 : 100;
                byte[] b = E131.data(0x1000 + i, 0x2000 + i, "desk " + i, priority, 0, round, 0, 1, 0, slots);
                long before = d.arbiter().examined();
                DecodeResult r = d.decode(b, 0, b.length, E131Packet.PORT, now);
                if (round > 0) {
                    perPacket.add(d.arbiter().examined() - before);
                }
                text = r.get(0).text();
                now += MS; // 1,000 sources in 1 s: none times out
            }
        }
        return new Cost(perPacket, text);
    }

    @Test
    void aConflictCostsTheSameAt16And1000Sources() {
        Cost few = run(16, false);
        Cost many = run(1000, false);
        // The packet's own source, the newest before it (where it goes in last-heard order), and one look at the
        // oldest for each of the two questions (top count, top priority): nothing timed out.
        assertEquals(new TreeSet<>(java.util.List.of(4L)), few.perPacket());
        assertEquals(few.perPacket(), many.perPacket());
        assertEquals("priority 100, conflict: 1000 sources at priority 100, levels 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 …",
                many.lastText());
    }

    @Test
    void aWinnerCostsTheSameAt16And1000Sources() {
        Cost few = run(16, true);
        Cost many = run(1000, true);
        // The winner's own packet asks two questions (count, wins); the others' a third (the winner's name).
        assertEquals(new TreeSet<>(java.util.List.of(4L, 5L)), few.perPacket());
        assertEquals(few.perPacket(), many.perPacket());
        assertEquals("priority 100, lost to desk 0, levels 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 …", many.lastText());
    }
}
