package org.gapwatch.ui.heatmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.gapwatch.testutil.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The status history's time axis: clock times at sensible steps, "now" at the right, no two labels overlapping. */
@ExtendWith(ApplicationExtension.class)
class TimeAxisTest {
    private static final long NOW = 1_800_000_000_000L; // 08:00:00 UTC
    /** A 1366 px window: the band's canvas is 1350 px wide, its rows start after the 160 px group names. */
    private static final double X0 = 160;
    private static final double X1 = 1350;
    /** 7 px a character: "07:46" is 35 px, "now" 21 px. */
    private static final ToDoubleFunction<String> SEVEN_PX = s -> 7.0 * s.length();
    private static final double GAP = 12;

    @Start
    void start(Stage stage) {
        // The toolkit, for measuring text in the real font.
    }

    @Test
    void fifteenMinutesAreLabelledEveryMinute() {
        assertEquals(List.of("07:46", "07:47", "07:48", "07:49", "07:50", "07:51", "07:52", "07:53", "07:54", "07:55",
                "07:56", "07:57", "07:58", "07:59", "now"), labels(NOW - 900_000, NOW, ZoneOffset.UTC, SEVEN_PX));
    }

    @Test
    void anHourIsLabelledEveryFiveMinutes() {
        // 07:00 would stick out left of the rows: the first label is 07:05.
        assertEquals(List.of("07:05", "07:10", "07:15", "07:20", "07:25", "07:30", "07:35", "07:40", "07:45", "07:50",
                "07:55", "now"), labels(NOW - 3_600_000, NOW, ZoneOffset.UTC, SEVEN_PX));
    }

    @Test
    void aDayIsLabelledEveryHourAndTheLastGivesWayToNow() {
        // 07:00 ends 0.9 px short of the gap before "now": left out.
        assertEquals(List.of("09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00", "18:00",
                "19:00", "20:00", "21:00", "22:00", "23:00", "00:00", "01:00", "02:00", "03:00", "04:00", "05:00",
                "06:00", "now"), labels(NOW - 86_400_000, NOW, ZoneOffset.UTC, SEVEN_PX));
    }

    @Test
    void aNarrowAxisTakesLongerStepsInLocalTime() {
        // 400 px for a day: 2 h steps would be 33 px apart, too close for 47 px; 3 h steps (50 px), on local 00:00,
        // 03:00... (09:00 would touch "now")
        ZoneId plus2 = ZoneOffset.ofHours(2); // 10:00 local at NOW
        List<String> l = new ArrayList<>();
        for (TimeAxis.Tick t : TimeAxis.ticks(NOW - 86_400_000, NOW, 0, 400, plus2, SEVEN_PX, GAP)) {
            l.add(t.label());
        }
        assertEquals(List.of("12:00", "15:00", "18:00", "21:00", "00:00", "03:00", "06:00", "now"), l);
    }

    @Test
    void noLabelsOverlapInTheRealFontAt1366And4k() {
        for (double scale : new double[] {1, 2}) {
            Font font = Font.font("System", 13 * scale);
            ToDoubleFunction<String> width = s -> Await.onFx(() -> {
                Text t = new Text(s);
                t.setFont(font);
                return t.getLayoutBounds().getWidth();
            });
            double x0 = 160 * scale;
            double x1 = scale == 1 ? X1 : 3840 - 16 * scale;
            for (long span : new long[] {900_000, 3_600_000, 86_400_000}) {
                List<TimeAxis.Tick> ticks = TimeAxis.ticks(NOW - span, NOW, x0, x1, ZoneId.systemDefault(), width,
                        12 * scale);
                assertTrue(ticks.size() >= 5, span + " ms at scale " + scale + ": " + ticks.size() + " labels");
                assertEquals("now", ticks.getLast().label());
                assertEquals(x1, ticks.getLast().right(), 1e-9, "now at the right end");
                for (int i = 1; i < ticks.size(); i++) {
                    assertTrue(ticks.get(i).left() >= ticks.get(i - 1).right() + 12 * scale,
                            ticks.get(i - 1) + " and " + ticks.get(i) + " overlap (scale " + scale + ")");
                }
                assertTrue(ticks.getFirst().left() >= x0, "the first label starts after the group names");
            }
        }
    }

    private static List<String> labels(long from, long to, ZoneId zone, ToDoubleFunction<String> width) {
        return TimeAxis.ticks(from, to, X0, X1, zone, width, GAP).stream().map(TimeAxis.Tick::label).toList();
    }
}
