package org.gapwatch.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotListTest {
    /** A slot: its position and what the filler last put there. */
    private static final class Slot {
        final int position;
        String shown;

        Slot(int position) {
            this.position = position;
        }
    }

    private final List<String> order = new ArrayList<>(List.of("a", "b", "c"));
    private final SlotList<Slot> slots = new SlotList<>(Slot.class, 16, Slot::new, s -> s.position,
            (s, p) -> s.shown = order.get(p));

    @Test
    void aSlotAskedForOnceACellIsFilledOnceARound() {
        slots.resize(3);
        Slot first = slots.get(1);
        for (int cell = 0; cell < 13; cell++) {
            assertSame(first, slots.get(1)); // a table asks once per column
        }
        assertEquals(1, slots.fills());
        assertEquals("b", first.shown);
    }

    @Test
    void aNewRoundFillsEachSlotAgainFromTheNewestOrder() {
        slots.resize(3);
        slots.get(0);
        slots.get(2);
        order.set(0, "z");
        assertEquals("a", slots.get(0).shown, "same round: not filled again");
        slots.newRound();
        assertEquals("z", slots.get(0).shown);
        slots.get(0);
        assertEquals(3, slots.fills());
    }

    @Test
    void aNewSizeIsANewRound() {
        slots.resize(3);
        slots.get(0);
        order.set(0, "y");
        order.add("d");
        slots.resize(4);
        assertEquals("y", slots.get(0).shown);
        assertEquals("d", slots.get(3).shown);
        assertEquals(3, slots.fills());
        assertEquals(3, slots.indexOf(slots.get(3)), "the slot says where it is");
    }
}
