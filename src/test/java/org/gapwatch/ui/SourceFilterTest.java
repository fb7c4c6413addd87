package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gapwatch.judge.SourceState;
import org.junit.jupiter.api.Test;

class SourceFilterTest {
    @Test
    void plainTextIsACaseInsensitiveSubstring() {
        SourceFilter f = new SourceFilter("Pump", false);
        assertTrue(f.matchesName("plant/line-3/pump-7"));
        assertFalse(f.matchesName("plant/line-3/valve-7"));
    }

    @Test
    void starStaysWithinALevelAndDoubleStarCrossesLevels() {
        assertTrue(new SourceFilter("plant/*/pump-*", false).matchesName("plant/line-3/pump-7"));
        assertFalse(new SourceFilter("plant/*", false).matchesName("plant/line-3/pump-7"));
        assertTrue(new SourceFilter("plant/**", false).matchesName("plant/line-3/pump-7"));
        assertTrue(new SourceFilter("*/line-?/*", false).matchesName("plant/line-3/pump-7"));
        assertFalse(new SourceFilter("*/line-?/*", false).matchesName("plant/line-31/pump-7"));
    }

    @Test
    void globMetacharactersOfRegexAreLiteral() {
        assertTrue(new SourceFilter("a.b/*", false).matchesName("a.b/c"));
        assertFalse(new SourceFilter("a.b/*", false).matchesName("axb/c"));
    }

    @Test
    void emptyFilterMatchesEverything() {
        assertTrue(SourceFilter.ALL.matchesName("anything/at/all"));
    }

    @Test
    void problemsOnlyKeepsEveryStateButOkAndWarn() {
        for (SourceState h : SourceState.values()) {
            boolean problem = h != SourceState.OK && h != SourceState.WARN;
            assertTrue(h.isProblem() == problem, h.name());
        }
    }
}
