package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void agesReadAtAGlance() {
        assertEquals("0 s", Format.age(-5));
        assertEquals("4 s", Format.age(4_999));
        assertEquals("119 s", Format.age(119_000));
        assertEquals("2 min", Format.age(120_000));
        assertEquals("2 h", Format.age(7_200_000));
        assertEquals("2 d", Format.age(172_800_000));
    }

    @Test
    void percentagesKeepSmallLossVisible() {
        assertEquals("0 %", Format.percent(0));
        assertEquals("0.01 %", Format.percent(0.0001));
        assertEquals("3.2 %", Format.percent(0.032));
        assertEquals("45 %", Format.percent(0.45));
    }
}
