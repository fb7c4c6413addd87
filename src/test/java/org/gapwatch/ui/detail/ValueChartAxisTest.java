package org.gapwatch.ui.detail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueChartAxisTest {
    @ParameterizedTest
    @CsvSource({"46.00000000000001,5.2,46.0", "44.5,5.2,44.5", "1234.5678,1000,1235", "0.012345,0.01,0.012",
            "-0.0001,10,0", "7,0,7.00"})
    void axisLabelsHaveTheDecimalsTheRangeNeeds(double v, double range, String expected) {
        assertEquals(expected, ValueChart.axisLabel(v, range));
    }
}
