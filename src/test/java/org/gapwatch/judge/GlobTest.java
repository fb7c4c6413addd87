package org.gapwatch.judge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobTest {
    @Test
    void aGlobIsCompiledOnceAndMatchesAsBefore() {
        var p = Glob.compile("plant/*/pump-?");
        assertSame(p, Glob.compile("plant/*/pump-?"));
        assertTrue(p.matcher("Plant/line-3/PUMP-7").matches());
        assertFalse(p.matcher("plant/line-3/sub/pump-7").matches());
        assertTrue(Glob.compile("plant/**").matcher("plant/line-3/sub/pump-7").matches());
    }

    @Test
    void endlessNewGlobsStayBounded() {
        for (int i = 0; i < 5_000; i++) {
            assertTrue(Glob.compile("typed-" + i + "*").matcher("typed-" + i + "x").matches());
        }
        assertTrue(Glob.compiledCount() <= 1_024, "compiled globs kept: " + Glob.compiledCount());
    }

    @Test
    void aRuleMatchesByItsGroupName() {
        var rule = new ThresholdRule("fire", Thresholds.defaults(), "call the fire desk");
        var config = new JudgeConfig(Thresholds.defaults(), java.util.List.of(rule), 0);
        assertSame(rule, config.ruleFor("fire/zone-1/detector-1"));
        assertSame(null, config.ruleFor("hvac/zone-1"));
        assertTrue(config.guidanceFor("FIRE/zone-2").equals("call the fire desk"));
    }
}
