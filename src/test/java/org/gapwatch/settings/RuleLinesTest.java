package org.gapwatch.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleLinesTest {
    @Test
    void linesBecomeRulesAndBackInOrder() {
        String text = "plant/** 0.5 2 Call the plant desk, ext. 4711\n\n# comment\nlab/** 5 20\n";
        List<Settings.Rule> rules = RuleLines.parse(text);
        assertEquals(List.of(new Settings.Rule("plant/**", 0.5, 2, "Call the plant desk, ext. 4711"),
                new Settings.Rule("lab/**", 5, 20, "")), rules);
        assertEquals("plant/** 0.5 2 Call the plant desk, ext. 4711\nlab/** 5 20\n", RuleLines.format(rules));
    }

    @Test
    void aBadLineIsNamed() {
        assertEquals("rule line 2: not a percentage in (0, 100]: x",
                assertThrows(IllegalArgumentException.class, () -> RuleLines.parse("a 1 2\nb x 2")).getMessage());
        assertEquals("rule line 1: want GLOB WARN% ALARM% [guidance]",
                assertThrows(IllegalArgumentException.class, () -> RuleLines.parse("plant/**")).getMessage());
        assertEquals("rule line 1: the badly-losing level is below the losing level",
                assertThrows(IllegalArgumentException.class, () -> RuleLines.parse("a 5 1")).getMessage());
    }
}
