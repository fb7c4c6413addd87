package org.gapwatch.ui.heatmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.gapwatch.engine.Engine;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.Feed;
import org.gapwatch.testutil.Screenshots;
import org.gapwatch.testutil.WriterLoop;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class HeatmapViewTest {
    private static final long T = 1_800_000_000_000L; // 08:00:00 UTC

    private final AtomicLong clock = new AtomicLong(T);
    /** Paces the view's requests: the tests move it, the view's own timer then finds nothing due. */
    private final AtomicLong pace = new AtomicLong(1_000_000);
    private final Engine engine = new Engine(TrackerConfig.defaults());
    private WriterLoop writer;
    private HeatmapView view;
    private Scene scene;

    @Start
    void start(Stage stage) {
        view = new HeatmapView();
        view.setClock(clock::get);
        view.setPaceClock(pace::get);
        view.setZone(ZoneOffset.UTC);
        scene = new Scene(view, 1400, 330);
        stage.setScene(scene);
        stage.sizeToScene(); // the primary stage is shared between test classes: its size follows this scene
        stage.show();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (writer != null) {
            writer.close();
        }
    }

    /** plant/a..c lose 5 at the same moment (a vertical stripe); lab/x loses every third (a horizontal one). */
    private static void tenMinutes(Feed f) {
        long[] seq = new long[5];
        String[] srcs = {"plant/a", "plant/b", "plant/c", "lab/x", "lab/y"};
        for (long s = 600; s >= 1; s--) {
            long at = T - s * 1000;
            for (int i = 0; i < srcs.length; i++) {
                seq[i]++;
                if (i < 3 && s > 295 && s <= 300) {
                    continue;                        // plant: all lose the same 5 seconds
                }
                if (i == 3 && seq[i] % 3 == 0) {
                    continue;                        // lab/x: sick publisher
                }
                if (i == 4 && s < 400) {
                    continue;                        // lab/y: went silent
                }
                f.send(at + 10 * i, "{\"src\":\"" + srcs[i] + "\",\"seq\":" + seq[i] + ",\"value\":" + s + "}");
            }
        }
    }

    private void feedAndShow() throws InterruptedException {
        writer = new WriterLoop(engine, clock);
        writer.feed(HeatmapViewTest::tenMinutes);
        Await.onFx(() -> {
            view.setEngine(engine);
            view.setRows(engine.snapshot().sources());
            return null;
        });
        Await.fx("grid data", view::hasData);
    }

    @Test
    void rowsAreGroupedAndAClickSelectsTheSource(FxRobot robot) throws InterruptedException {
        feedAndShow();
        assertEquals(List.of("▾ plant  (3)", "   a", "   b", "   c", "▾ lab  (2)", "   x", "   y"),
                Await.onFx(view::rowLabels));

        List<String> axis = Await.onFx(view::axisLabels);
        assertEquals("now", axis.getLast(), "the axis ends with now");
        assertTrue(axis.size() >= 5 && axis.subList(0, axis.size() - 1).stream().allMatch(l -> l.matches("07:[45]\\d")),
                "clock times of the last 15 minutes: " + axis);
        Point2D b = Await.onFx(() -> view.rowCenterOnScreen(2));
        robot.clickOn(b);
        Await.fx("selection", () -> "plant/b".equals(view.selectedSourceProperty().get()));

        Point2D group = Await.onFx(() -> view.rowCenterOnScreen(0));
        robot.clickOn(group);
        Await.fx("plant collapsed", () -> view.isCollapsed("plant"));
        assertEquals(List.of("▸ plant  (3)", "▾ lab  (2)", "   x", "   y"), Await.onFx(view::rowLabels));
        assertEquals("plant/b", Await.onFx(() -> view.selectedSourceProperty().get()), "collapse keeps selection");
    }

    @Test
    void aCellsGoToMomentPassesItsStartAndWidthAndTheRowsSource() throws InterruptedException {
        Await.onFx(() -> {
            scene.getWindow().setWidth(4200); // wide enough for one cell per second
            return null;
        });
        try {
            goToMomentOfCells();
        } finally {
            Await.onFx(() -> {
                scene.getWindow().setWidth(1400); // the primary stage is shared with the test classes after this one
                return null;
            });
        }
    }

    private void goToMomentOfCells() throws InterruptedException {
        feedAndShow();
        Await.fx("one cell per second", () -> view.cellCount() == 900);
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        long lossAt = T - 300_000; // 07:55:00, where plant/a..c start losing
        Await.onFx(() -> {
            view.setOnGoToMoment((src, from, millis) -> asked.add(src + " " + from + " " + millis));
            return null;
        });
        assertEquals(true, Await.onFx(() -> view.goToMoment(1, lossAt + 400)), "plant/a's cell of 07:55:00");
        assertEquals(true, Await.onFx(() -> view.goToMoment(0, lossAt)), "the plant group's cell");
        assertEquals(List.of("plant/a " + lossAt + " 1000", "null " + lossAt + " 1000"), asked,
                "the source (none for a group row), the second 07:55:00, one second long");
        assertEquals(false, Await.onFx(() -> view.goToMoment(1, T + 1000)), "past the grid's end: nothing");
        assertEquals(false, Await.onFx(() -> view.goToMoment(1, T - 900_000)), "before the grid's start: nothing");
        assertEquals(2, asked.size());
    }

    @Test
    void doubleClickingAPooledCellReplaysItsSpanAndStillSelectsTheSource(FxRobot robot) throws InterruptedException {
        feedAndShow();
        int cells = Await.onFx(view::cellCount);
        assertTrue(cells < 900, "1400 px: cells pool several seconds (" + cells + " cells)");
        List<long[]> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        Await.onFx(() -> {
            view.setOnGoToMoment((src, from, millis) -> asked.add(new long[] {"plant/b".equals(src) ? 1 : 0, from,
                    millis}));
            return null;
        });
        long lossAt = T - 300_000;
        robot.doubleClickOn(Await.onFx(() -> view.cellCenterOnScreen(2, lossAt)));
        Await.fx("moment asked", () -> asked.size() == 1);
        long[] a = asked.getFirst();
        assertEquals(1, a[0], "plant/b's row");
        assertEquals("plant/b", Await.onFx(() -> view.selectedSourceProperty().get()), "the single click still selects");
        long floor = 900 / cells * 1000L;
        assertTrue(a[2] == floor || a[2] == floor + 1000, "the cell's width, whole seconds: " + a[2]);
        assertTrue(a[1] <= lossAt && lossAt < a[1] + a[2] && a[1] % 1000 == 0,
                "the cell's start, a whole second at or before 07:55:00: " + a[1]);
    }

    @Test
    void hoverShowsTheFiguresOfTheCell(FxRobot robot) throws InterruptedException {
        feedAndShow();
        Point2D x = Await.onFx(() -> view.rowCenterOnScreen(5));
        robot.moveTo(x.add(HeatmapView.LABEL_WIDTH / 2 + 500, 0));
        Label hover = robot.lookup("#heatmap-hover").queryAs(Label.class);
        Await.fx("hover text", () -> hover.getText().startsWith("lab/x   "));
        assertTrue(hover.getText().matches(
                "lab/x   07:5\\d:\\d\\d(–07:5\\d:\\d\\d)?   \\d+\\.\\d% lost   \\(received \\d+, lost \\d+, late 0\\)"),
                hover.getText());
        assertEquals("plant/a   07:55:00   83.3% lost   (received 1, lost 5, late 0)",
                HeatmapView.cellText("plant/a", "07:55:00", 1, 5, 0));
        assertEquals("lab/y   07:59:00   nothing expected", HeatmapView.cellText("lab/y", "07:59:00", 0, 0, 0));
    }

    @Test
    void switchingTo24HoursAsksForMinutesAndScreenshotsBothResolutions(FxRobot robot) throws InterruptedException {
        feedAndShow();
        Await.onFx(() -> {
            view.selectedSourceProperty().set("lab/x");
            return null;
        });
        Await.onFx(() -> Screenshots.write(scene, "heatmap-15min"));
        long before = Await.onFx(view::requestCount);
        robot.clickOn("#heatmap-24h");
        Await.onFx(() -> {
            pace.addAndGet(100); // a user's action is answered after 100 ms
            view.tick();
            return null;
        });
        Await.fx("24 h data", () -> view.getResolutionForTest() == Resolution.LAST_24_HOURS_BY_MINUTE
                && view.hasData() && view.requestCount() > before);
        Await.onFx(() -> Screenshots.write(scene, "heatmap-24h"));
    }

    @Test
    void asksTheEngineOnceASecondNotPerPulse() throws InterruptedException {
        feedAndShow();
        long before = Await.onFx(view::requestCount);
        // 2.5 s in 25 pulses of 100 ms, each reply taken before the next pulse: one request a second.
        for (int i = 0; i < 25; i++) {
            Await.onFx(() -> {
                pace.addAndGet(100);
                view.tick();
                return null;
            });
            Await.fx("reply taken", () -> !view.awaitingReply());
        }
        assertEquals(2, Await.onFx(view::requestCount) - before);
    }

    @Test
    void aQueryToAClosedEngineIsAnsweredAtOnceAndAskedAgainNextSecond() throws InterruptedException {
        feedAndShow();
        engine.close("receiver closed");
        long before = Await.onFx(view::requestCount);
        Await.onFx(() -> {
            pace.addAndGet(1000);
            view.tick();
            return null;
        });
        Await.fx("failed reply taken", () -> !view.awaitingReply());
        Await.onFx(() -> {
            pace.addAndGet(1000);
            view.tick();
            return null;
        });
        assertEquals(2, Await.onFx(view::requestCount) - before, "not stuck waiting for a reply that never comes");
    }

    @Test
    void manySourcesStartWithTheirGroupsCollapsed() throws InterruptedException {
        writer = new WriterLoop(engine, clock);
        writer.feed(f -> {
            for (int i = 0; i < HeatmapView.AUTO_COLLAPSE_ABOVE + 1; i++) {
                f.send(T - 1000, "{\"src\":\"g" + (i % 3) + "/s" + i + "\",\"seq\":1}");
            }
        });
        List<String> labels = Await.onFx(() -> {
            view.setRows(engine.snapshot().sources());
            return view.rowLabels();
        });
        assertEquals(List.of("▸ g0  (67)", "▸ g1  (67)", "▸ g2  (67)"), labels);
    }

    // ---- work per pulse, by counts ----

    /**
     * The rows built off the FX thread ({@link HeatRowsModel}), the FX side takes them by reference: the rows gone
     * through on the FX thread in 60 pulses (one new model among them) are those on screen, at 1,000 sources as at
     * 50,000.
     */
    @Test
    void workPerPulseIsTheSameAt1000And50000Sources() {
        long small = pulses(1_000);
        long large = pulses(50_000);
        assertTrue(small > 0, "rows drawn");
        assertEquals(small, large, "FX rows gone through in 60 pulses, 1,000 vs 50,000 sources");
    }

    private long pulses(int n) {
        List<org.gapwatch.track.SourceView> sources = org.gapwatch.testutil.ManySources.snapshot(n,
                i -> "g" + i % 8 + "/s" + i, i -> "ok").sources();
        // Off the FX thread (here, the test's): the rows, with all groups collapsed at first sight (many sources).
        HeatRowsModel first = HeatRowsModel.build(sources, Await.onFx(view::request), HeatRowsModel.empty());
        Await.onFx(() -> {
            view.setModel(first);
            view.setCollapsed("g0", false); // the operator opens one group: the next model has its sources
            return null;
        });
        HeatRowsModel open = HeatRowsModel.build(sources, Await.onFx(view::request), first);
        assertEquals(8 + n / 8, open.rows().size(), "8 group rows and g0's sources");
        HeatRowsModel again = HeatRowsModel.build(List.copyOf(sources), open.request(), open);
        return Await.onFx(() -> {
            view.setModel(open);
            assertEquals(8 + n / 8, view.rowLabels().size());
            long before = view.rowWork();
            for (int pulse = 0; pulse < 60; pulse++) {
                view.setModel(pulse < 30 ? open : again); // the same model 59 times, a new one once
                pace.addAndGet(16);
                view.tick();
            }
            return view.rowWork() - before;
        });
    }
}
