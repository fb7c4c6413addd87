package org.gapwatch.ui.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.Judgement;
import org.gapwatch.testutil.ManySources;
import org.gapwatch.track.TrackerSnapshot;
import org.gapwatch.ui.SourceFilter;
import org.gapwatch.ui.model.SourceIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class SourceTableTest {
    private SourceTable table;

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        table = new SourceTable();
        stage.setScene(new Scene(table, 1200, 600));
        stage.show();
    }

    /** What a warm-up and then the switch to the table did (counts, not times). */
    private record Switch(int warmUpPulses, int mostRowsInOnePulse, int rowsAfterWarmUp, int cellsAfterWarmUp,
                          int cellsAfterSwitch, long rowsFilledBySwitch, boolean hiddenAsksForNone) {
    }

    /** A fresh table hidden in a holder (as in the window's view stack): warms up, then is shown. */
    private Switch warmUpThenShow(World w) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            table = new SourceTable();
            javafx.scene.layout.StackPane holder = new javafx.scene.layout.StackPane(table);
            stage.getScene().setRoot(holder);
            table.setVisible(false);
            table.warmUp();
            int pulses = 0;
            int most = 0;
            int rows = 0;
            TableModel m = TableModel.empty();
            long now = ManySources.NOW;
            while (table.warming() && pulses < 200) {
                TableModel.Request r = table.request(SourceFilter.ALL);
                if (m.request() != r) {
                    m = w.model(r);
                }
                table.update(w.snap(), w.judged(), m, now += 100);
                holder.applyCss();
                holder.layout();
                pulses++;
                int nowRows = table.lookupAll(".table-row-cell").size();
                most = Math.max(most, nowRows - rows);
                rows = nowRows;
            }
            boolean hiddenAsksForNone = table.request(SourceFilter.ALL) == null;
            int cells = table.lookupAll(".table-row-cell").size();
            table.takeRowsTouched();
            table.setVisible(true);
            table.update(w.snap(), w.judged(), m, now + 100);
            holder.applyCss();
            holder.layout();
            return new Switch(pulses, most, rows, cells, table.lookupAll(".table-row-cell").size(),
                    table.takeRowsTouched(), hiddenAsksForNone);
        }).get();
    }

    @Test
    void aWarmedUpTableCreatesNoCellAtTheSwitchAndFillsTheRowsOnScreenWhateverTheNumberOfSources() throws Exception {
        Switch small = warmUpThenShow(World.of(1_000));
        Switch large = warmUpThenShow(World.of(50_000));
        assertTrue(large.warmUpPulses() > 3, "the warm-up is spread over pulses: " + large);
        assertTrue(large.mostRowsInOnePulse() * 3 <= large.rowsAfterWarmUp(),
                "no pulse of the warm-up makes more than a third of the rows: " + large);
        assertTrue(large.hiddenAsksForNone(), "warmed up and hidden, the table wants no model");
        assertTrue(large.cellsAfterWarmUp() > 0);
        assertEquals(large.cellsAfterWarmUp(), large.cellsAfterSwitch(), "the switch creates no row");
        long onScreen = large.rowsAfterWarmUp();
        assertTrue(large.rowsFilledBySwitch() > 0 && large.rowsFilledBySwitch() <= onScreen + 2,
                "the switch fills the rows on screen (and one either side) only: " + large);
        assertEquals(small.rowsFilledBySwitch(), large.rowsFilledBySwitch(), "rows filled by the switch");
    }

    @Test
    void theFirstShowFillsEachRowOnceNotOnceACell() throws Exception {
        World w = World.of(50_000);
        long filled = WaitForAsyncUtils.asyncFx(() -> {
            table.setVisible(true);
            table.reset();
            table.takeRowsTouched();
            TableModel m = w.model(table.request(SourceFilter.ALL));
            table.update(w.snap(), w.judged(), m, ManySources.NOW);
            table.applyCss();
            table.layout();
            return table.takeRowsTouched();
        }).get();
        int rows = WaitForAsyncUtils.asyncFx(() -> table.lookupAll(".table-row-cell").size()).get();
        // The fill before layout (60) and, at most once each, the rows laid out and the 30 that size a column.
        assertTrue(filled <= 60 + rows + 30, filled + " rows filled for " + rows + " rows of 14 cells");
    }

    private static String name(int i) {
        return "g" + (i % 4) + "/s-" + i;
    }

    private static String status(int i) {
        return i % 100 == 7 ? "alarm" : "ok";
    }

    private record World(TrackerSnapshot snap, Judgement judged, SourceIndex index) {
        static World of(int n) {
            return of(n, SourceTableTest::name);
        }

        static World of(int n, java.util.function.IntFunction<String> name) {
            TrackerSnapshot s = ManySources.snapshot(n, name, SourceTableTest::status);
            return new World(s, new Judge().judge(s, ManySources.NOW), SourceIndex.of(s, SourceIndex.empty(), false));
        }

        TableModel model(TableModel.Request r) {
            return TableModel.build(index, snap, judged, r, ManySources.NOW, null);
        }
    }

    /** On the FX thread: shows the table with the world's model at NOW, laid out, its rows touched so far taken. */
    private TableModel showFilled(World w) {
        table.setVisible(true);
        table.reset();
        TableModel m = w.model(table.request(SourceFilter.ALL));
        table.update(w.snap(), w.judged(), m, ManySources.NOW);
        table.tableView().layout();
        table.takeRowsTouched();
        return m;
    }

    /** Rows filled by {@code pulses} pulses of the shown table, 100 ms apart, after a first one. */
    private long shownPulses(World w, int pulses) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            TableModel m = showFilled(w);
            for (int p = 1; p <= pulses; p++) {
                table.update(w.snap(), w.judged(), m, ManySources.NOW + p * 100L);
            }
            return table.takeRowsTouched();
        }).get();
    }

    @Test
    void aHiddenTableAsksForNoModelAndFillsNoRow() throws Exception {
        World w = World.of(50_000);
        TableModel m = w.model(new TableModel.Request(SourceFilter.ALL, List.of(), List.of()));
        long touched = WaitForAsyncUtils.asyncFx(() -> {
            table.setVisible(false);
            table.takeRowsTouched();
            assertNull(table.request(SourceFilter.ALL), "hidden: no model wanted");
            for (int p = 0; p < 50; p++) {
                table.update(w.snap(), w.judged(), m, ManySources.NOW + p * 100L);
            }
            return table.takeRowsTouched();
        }).get();
        assertEquals(0, touched);
    }

    @Test
    void theShownTableFillsTheRowsOnScreenWhateverTheNumberOfSources() throws Exception {
        long small = shownPulses(World.of(1_000), 20);
        long large = shownPulses(World.of(50_000), 20);
        assertTrue(small > 0 && small < 20 * 60, "rows on screen only: " + small);
        assertEquals(small, large, "rows filled with 1,000 and with 50,000 sources");
    }

    @Test
    void theRowsOnScreenAreFilledFourTimesASecondNotAtEveryPulse() throws Exception {
        World w = World.of(1_000);
        long[] touched = WaitForAsyncUtils.asyncFx(() -> {
            TableModel m = showFilled(w);
            long t1 = ManySources.NOW + SourceTable.ROWS_EVERY_MILLIS;
            table.update(w.snap(), w.judged(), m, t1);
            long oneFill = table.takeRowsTouched();
            for (int k = 1; k <= 58; k++) { // a pulse each 17 ms for 986 ms: fills at 255, 510 and 765 ms
                table.update(w.snap(), w.judged(), m, t1 + 17L * k);
            }
            return new long[] {oneFill, table.takeRowsTouched()};
        }).get();
        assertTrue(touched[0] > 0, "a fill touches the rows on screen");
        assertEquals(3 * touched[0], touched[1], "three fills in the next 986 ms of pulses");
    }

    @Test
    void selectingASourceSelectsItsRowByLookUpAndTheOrderIsTheModels() throws Exception {
        World w = World.of(2_000);
        WaitForAsyncUtils.asyncFx(() -> {
            table.setVisible(true);
            table.reset();
            TableColumn<SourceRow, ?> status = table.tableView().getColumns().stream()
                    .filter(c -> "status".equals(c.getId())).findFirst().orElseThrow();
            table.tableView().getSortOrder().setAll(List.of(status));
            TableModel m = w.model(table.request(SourceFilter.ALL));
            table.update(w.snap(), w.judged(), m, ManySources.NOW);
            // By status, worst first: the 20 alarms lead, in path order among themselves.
            List<SourceRow> rows = table.shownRows();
            assertEquals(2_000, rows.size());
            assertEquals("g3/s-1007", rows.get(0).src()); // the alarms are ids 7, 107, ...: g3 first, by path
            assertEquals(20, rows.stream().limit(25).filter(r -> r.status().isProblem()).count());
            int id = w.index().idOf("g1/s-1301");
            table.selectedIdProperty().set(id);
            int row = table.tableView().getSelectionModel().getSelectedIndex();
            assertEquals(m.rowOf(id), row);
            assertEquals(id, table.tableView().getItems().get(row).id());
        }).get();
    }

    @Test
    void columnWidthsFollowTheDisplayScaleAndADraggedWidthStaysWhileTheScaleDoesNot() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            SourceTable t = new SourceTable();
            TableColumn<SourceRow, ?> src = t.tableView().getColumns().getFirst();
            TableColumn<SourceRow, ?> protocol = t.tableView().getColumns().get(1);
            assertEquals(300, src.getPrefWidth());
            assertEquals(104, protocol.getPrefWidth());
            t.setScale(2);
            assertEquals(600, src.getPrefWidth());
            assertEquals(208, protocol.getPrefWidth());
            src.setPrefWidth(420); // the operator drags it
            t.setScale(2);
            assertEquals(420, src.getPrefWidth(), "the same scale again leaves it");
            t.setScale(1.5);
            assertEquals(450, src.getPrefWidth(), "a new scale sets it: 300 x 1.5");
            return null;
        }).get();
    }

    /** The row on screen at {@code position} (a TableRow: the table makes no cell). */
    private javafx.scene.control.TableRow<?> rowAt(int position) {
        return table.lookupAll(".table-row-cell").stream()
                .filter(n -> n instanceof javafx.scene.control.TableRow<?> r && r.getIndex() == position && !r.isEmpty())
                .map(n -> (javafx.scene.control.TableRow<?>) n).findFirst().orElseThrow();
    }

    @Test
    void theRowsArePaintedNotMadeOfCellsAndAFillOfNewFiguresLaysNothingOut() throws Exception {
        World w = World.of(2_000);
        WaitForAsyncUtils.asyncFx(() -> {
            TableModel m = showFilled(w);
            table.applyCss();
            table.layout();
            assertEquals(0, table.lookupAll(".table-cell").size(), "no cell is made");
            assertEquals(table.shownRows().getFirst().src(), table.paintedText(0, "src"));
            String ageBefore = table.paintedText(0, "age");
            // 5 s later every source's age has grown: every row on screen shows a new figure.
            table.update(w.snap(), w.judged(), m, ManySources.NOW + 5_000);
            javafx.scene.Parent flow = (javafx.scene.Parent) table.lookup(".virtual-flow");
            assertFalse(flow.isNeedsLayout(), "the fill requested no layout");
            assertFalse(rowAt(0).isNeedsLayout(), "nor did a row");
            SourceRow first = table.shownRows().getFirst();
            long ageMillis = w.snap().source(first.id()).ageMillis(ManySources.NOW + 5_000);
            assertEquals(org.gapwatch.ui.Format.age(ageMillis / 1000 * 1000), table.paintedText(0, "age"));
            assertNotEquals(ageBefore, table.paintedText(0, "age"));
            return null;
        }).get();
    }

    @Test
    void aFillWithoutNewFiguresPaintsNoRowAndOneWithThemPaintsEachRowOnScreenOnce() throws Exception {
        World w = World.of(2_000);
        long[] painted = WaitForAsyncUtils.asyncFx(() -> {
            TableModel m = showFilled(w);
            table.applyCss();
            table.layout();
            int onScreen = (int) table.lookupAll(".table-row-cell").stream()
                    .filter(n -> n instanceof javafx.scene.control.TableRow<?> r && !r.isEmpty() && r.isVisible())
                    .count();
            table.takeRowsPainted();
            // 250 ms on: every source's age is still 0 s, nothing changed.
            table.update(w.snap(), w.judged(), m, ManySources.NOW + SourceTable.ROWS_EVERY_MILLIS);
            long quiet = table.takeRowsPainted();
            // 5 s on: every age changed.
            table.update(w.snap(), w.judged(), m, ManySources.NOW + 5_000);
            return new long[] {quiet, table.takeRowsPainted(), onScreen};
        }).get();
        assertEquals(0, painted[0], "a fill without news");
        assertTrue(painted[2] > 0);
        assertEquals(painted[2], painted[1], "a fill with new ages paints each row on screen once");
    }

    @Test
    void anAbnormalStatusIsAChipInItsColourAndANormalOneIsPlainText() throws Exception {
        World w = World.of(200); // two alarms: ids 7 and 107
        javafx.scene.paint.Color[] at = WaitForAsyncUtils.asyncFx(() -> {
            table.setVisible(true);
            table.reset();
            table.setPalette(org.gapwatch.ui.Palette.DARK);
            TableColumn<SourceRow, ?> status = table.tableView().getColumns().stream()
                    .filter(c -> "status".equals(c.getId())).findFirst().orElseThrow();
            table.tableView().getSortOrder().setAll(List.of(status)); // the two alarms first
            TableModel m = w.model(table.request(SourceFilter.ALL));
            table.update(w.snap(), w.judged(), m, ManySources.NOW);
            table.applyCss();
            table.layout();
            double x = 300 + 104 + 4; // inside the status column, left of its word
            double plain = 300 + 104 - 3; // the protocol column's right end: no text, the row's background
            javafx.scene.paint.Color[] c = new javafx.scene.paint.Color[3];
            for (int k = 0; k < 2; k++) {
                javafx.scene.control.TableRow<?> row = rowAt(k == 0 ? 0 : 5);
                javafx.scene.image.WritableImage img = row.snapshot(null, null);
                c[k] = img.getPixelReader().getColor((int) x, (int) (img.getHeight() / 2));
                if (k == 1) {
                    c[2] = img.getPixelReader().getColor((int) plain, (int) (img.getHeight() / 2));
                }
            }
            assertEquals("ALARM", table.paintedText(0, "status"));
            assertEquals("OK", table.paintedText(5, "status"));
            return c;
        }).get();
        assertEquals(org.gapwatch.ui.Palette.DARK.alarm(), at[0], "the alarm row's status cell");
        assertNotEquals(org.gapwatch.ui.Palette.DARK.alarm(), at[1], "the OK row's status cell");
        assertEquals(at[2], at[1], "an OK row's status cell shows the row's own background, no chip");
    }

    @Test
    void aNarrowSourceColumnShortensNamesInTheMiddleSoNoTwoRowsReadTheSame() throws Exception {
        World w = World.of(200, i -> "plant/line-" + (i % 4) + "/cooling/detector-" + i);
        List<String> names = WaitForAsyncUtils.asyncFx(() -> {
            TableModel m = showFilled(w);
            table.tableView().getColumns().getFirst().setPrefWidth(150);
            table.update(w.snap(), w.judged(), m, ManySources.NOW + SourceTable.ROWS_EVERY_MILLIS);
            table.applyCss();
            table.layout();
            List<String> out = new java.util.ArrayList<>();
            for (int p = 0; p < 10; p++) {
                out.add(table.paintedText(p, "src"));
            }
            return out;
        }).get();
        for (int p = 0; p < names.size(); p++) {
            String full = w.index().name(w.model(new TableModel.Request(SourceFilter.ALL, List.of(), List.of()))
                    .order[p]);
            String shown = names.get(p);
            assertTrue(shown.contains("…") && shown.length() < full.length(), "shortened: " + shown);
            String number = full.substring(full.lastIndexOf('-'));
            assertTrue(shown.endsWith(number), shown + " keeps the end of " + full);
        }
        assertEquals(names.size(), new java.util.HashSet<>(names).size(), "no two rows read the same: " + names);
    }

    @Test
    void columnFiltersMatchTextAsASubstringAndNumbersByComparison() {
        World w = World.of(400);
        java.util.List<String> none = java.util.Collections.nCopies(Column.values().length, "");
        java.util.List<String> byCount = new java.util.ArrayList<>(none);
        byCount.set(Column.RECEIVED.ordinal(), ">0"); // each source received one update
        assertEquals(400, w.model(new TableModel.Request(SourceFilter.ALL, byCount, List.of())).size());
        byCount.set(Column.RECEIVED.ordinal(), "<1");
        assertEquals(0, w.model(new TableModel.Request(SourceFilter.ALL, byCount, List.of())).size());
        byCount.set(Column.RECEIVED.ordinal(), "1");
        assertEquals(400, w.model(new TableModel.Request(SourceFilter.ALL, byCount, List.of())).size(),
                "without > or <, a number column matches its text");
        java.util.List<String> bySrc = new java.util.ArrayList<>(none);
        bySrc.set(Column.SRC.ordinal(), "G2/S-1"); // case-insensitive: g2/s-10, g2/s-14, ... and g2/s-1xx
        bySrc.set(Column.STATUS.ordinal(), "alarm");
        TableModel both = w.model(new TableModel.Request(SourceFilter.ALL, bySrc, List.of()));
        assertEquals(0, both.size(), "no alarm (ids 7, 107, ...) is in g2 (7 % 4 = 3)");
        bySrc.set(Column.STATUS.ordinal(), "");
        TableModel src = w.model(new TableModel.Request(SourceFilter.ALL, bySrc, List.of()));
        for (int i = 0; i < src.size(); i++) {
            String name = w.index().name(src.order[i]);
            assertTrue(name.startsWith("g2/s-1"), name);
        }
        assertEquals(28, src.size(), "g2/s-10, -14, -18 and the 25 of g2/s-1xx");
        assertEquals(-1, src.rowOf(w.index().idOf("g2/s-2")));
    }
}
