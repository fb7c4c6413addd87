package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.gapwatch.engine.Engine;
import org.gapwatch.ui.heatmap.StatusHistoryBand;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Publisher;
import org.gapwatch.settings.Settings;
import org.gapwatch.testutil.Await;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.ui.feed.ReceiverFeed;
import org.gapwatch.ui.table.SourceRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window against a real loopback stream: the project's {@link Publisher} sends on lo with TTL 0, the
 * window's receiver joins on lo.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() % 200) * 20);
    private static final Path SHOTS = Path.of("target", "screenshots");

    private Engine engine;
    private MonitorWindow window;
    private String group;
    private String otherGroup;
    private Publisher publisher;

    @Start
    void start(Stage primary) {
        // A stage of our own: the window sizes it, and later tests in this JVM reuse the primary stage.
        Stage stage = new Stage();
        int n = NEXT.getAndAdd(2);
        group = "239.255.91." + (1 + n % 250) + ":" + (46_000 + n);
        otherGroup = "239.255.92." + (1 + n % 250) + ":" + (46_001 + n);
        engine = new Engine(TrackerConfig.defaults());
        Settings s = Settings.defaults().withGroups(List.of(group)).withNetworkInterface("lo");
        window = new MonitorWindow(stage, engine, iface -> new ReceiverFeed(engine, iface), s, null);
        // The headless platform's screen is 1000 x 1000; a larger stage would be clipped.
        stage.setWidth(1000);
        stage.setHeight(1000);
        window.show(false, null);
        stage.toFront();
        stage.requestFocus();
        publisher = new Publisher(GroupSpec.parse(group), "lo", 0);
    }

    @AfterEach
    void stop() throws Exception {
        publisher.close();
        WaitForAsyncUtils.asyncFx(() -> {
            window.stage().close();
            window.close();
            // The window sets the theme for the whole application: leave other tests JavaFX's default.
            javafx.application.Application.setUserAgentStylesheet(null);
        }).get();
    }

    // ---- tests ----

    @Test
    void theHiddenTableWarmsUpAfterTheFirstFramesSoTheFirstSwitchMakesNoCell() throws Exception {
        awaitJoined(group);
        for (int i = 0; i < 40; i++) {
            send(publisher, "plant/line-1/pump-" + i, 0, 1);
        }
        Await.until("forty sources", () -> engine.snapshot().sourceCount() == 40);
        Await.fx("the table joined the scene hidden and warmed up",
                () -> ui().viewStack.getChildren().contains(ui().table) && !ui().table.warming()
                        && !ui().table.lookupAll(".table-row-cell").isEmpty());
        assertFalse(fx(() -> ui().tableShown()), "the wall is still the view shown");
        int rows = fx(() -> ui().table.lookupAll(".table-row-cell").size());
        fx(() -> {
            ui().showTable(true);
            return null;
        });
        Await.fx("the table shows the forty", () -> tableSrcs().size() == 40);
        assertEquals(rows, fx(() -> ui().table.lookupAll(".table-row-cell").size()), "rows made by the switch");
    }

    @Test
    void filterNarrowsBothViews(FxRobot robot) throws Exception {
        awaitJoined(group);
        send(publisher, "plant/line-1/pump-1", 0, 1, 2);
        send(publisher, "plant/line-2/pump-2", 0, 1);
        send(publisher, "grid/feeder-1/meter-1", 0, 1);
        Await.fx("three tiles", () -> wall().tileCount() == 3);
        screenshot("wall-unfiltered");

        robot.clickOn("#filter").write("pump");
        Await.fx("wall shows the two pumps", () -> wall().tileCount() == 2);
        // A hidden table does nothing per row: it follows the filter once shown.
        robot.push(KeyCode.F2);
        Await.fx("table shows the two pumps, by name", () -> ui().tableShown()
                && tableSrcs().equals(List.of("plant/line-1/pump-1", "plant/line-2/pump-2")));

        robot.doubleClickOn("#filter").eraseText(20).write("grid/*/*");
        Await.fx("glob leaves the meter in the table", () -> tableSrcs().equals(List.of("grid/feeder-1/meter-1")));
        robot.push(KeyCode.F2);
        Await.fx("glob leaves the meter on the wall", () -> !ui().tableShown() && wall().tileCount() == 1);

        robot.clickOn("#filter").eraseText(20);
        Await.fx("filter cleared", () -> wall().tileCount() == 3);
        robot.push(KeyCode.F2);
        Await.fx("F2 shows the table", () -> ui().tableShown());
        Await.fx("table has all three", () -> tableSrcs().size() == 3);
        screenshot("table");
        robot.push(KeyCode.F2);
        Await.fx("F2 again shows the wall", () -> !ui().tableShown() && wall().isVisible());
    }

    @Test
    void historyBandShowsGroupsTogglesWithCtrlTAndFiltersOnAClick(FxRobot robot) throws Exception {
        awaitJoined(group);
        send(publisher, "plant/line-1/pump-1", 0, 1);
        send(publisher, "grid/feeder-1/meter-1", 0, 1);
        Await.fx("two tiles", () -> wall().tileCount() == 2);
        StatusHistoryBand band = robot.lookup("#status-history").queryAs(StatusHistoryBand.class);
        Await.fx("band rows for both groups", () -> band.rowCount() == 2 && band.rowOf("plant") >= 0);

        robot.press(KeyCode.CONTROL).type(KeyCode.T).release(KeyCode.CONTROL);
        Await.fx("Ctrl+T hides the band", () -> !band.isVisible());
        // The 1000 px headless screen may put the toggle in the toolbar's overflow menu: fire it as a click would.
        fx(() -> {
            ui().historyButton.fire();
            return null;
        });
        Await.fx("the toolbar toggle shows it again", band::isVisible);

        // The band sits below the 1000 px headless screen's edge: the row's click action, as the mouse would.
        fx(() -> {
            band.clickRow(band.rowOf("plant"));
            return null;
        });
        Await.fx("a click on a group row filters to it", () -> "plant/**".equals(ui().filterField.getText())
                && wall().tileCount() == 1);
        fx(() -> {
            band.clickRow(band.rowOf("plant"));
            return null;
        });
        Await.fx("a second click clears the filter", () -> ui().filterField.getText().isEmpty()
                && wall().tileCount() == 2);
    }

    @Test
    void selectingATileOpensItsDetail(FxRobot robot) throws Exception {
        awaitJoined(group);
        send(publisher, "plant/line-1/pump-1", 0, 1);
        send(publisher, "plant/line-1/pump-2", 0, 1);
        int id = awaitSource("plant/line-1/pump-2").id();
        Await.fx("tile laid out", () -> wall().tileCentre(id) != null);
        Point2D centre = fx(() -> wall().localToScreen(wall().tileCentre(id)));
        clickAt(robot, centre);
        Await.fx("detail shows the clicked source", () -> "plant/line-1/pump-2".equals(detail().sourceProperty().get()));
        Await.fx("the dock is open on the detail tab", () -> ui().split.getItems().contains(ui().dock)
                && ui().dock.getSelectionModel().getSelectedItem() == ui().detailTab);
        Await.fx("detail history loaded", () -> detail().historyProperty().get() != null
                && "plant/line-1/pump-2".equals(detail().historyProperty().get().view().src()));
        assertEquals(id, fx(() -> ui().table.selectedIdProperty().get()), "the table selects the same source");
        assertEquals("plant/line-1/pump-2", fx(() -> window.selectedSourceProperty().get()));
        // Another component (alarm list, heatmap) selects by name: wall and table follow.
        fx(() -> {
            window.selectedSourceProperty().set("plant/line-1/pump-1");
            return null;
        });
        int other = source("plant/line-1/pump-1").id();
        assertEquals(other, fx(() -> wall().selectedIdProperty().get()));
        Await.fx("detail follows", () -> "plant/line-1/pump-1".equals(detail().sourceProperty().get()));
    }

    @Test
    void skippedNumbersShowExactGapCountsInTileTableAndGapList(FxRobot robot) throws Exception {
        awaitJoined(group);
        // 3 and 4 missing (a gap of 2), 7 missing (a gap of 1): 3 lost.
        send(publisher, "plant/gaps/pump-9", 0, 1, 2, 5, 6, 8, 9);
        Await.fx("all seven arrived", () -> {
            SourceView v = source("plant/gaps/pump-9");
            return v != null && v.received() == 7;
        });
        SourceView v = source("plant/gaps/pump-9");
        assertEquals(3, v.lost());
        int id = v.id();
        try {
            Await.fx("tile tells 3 lost", () -> {
                String t = wall().describeTile(id);
                return t != null && t.contains("| LOST 3 |"); // the exact count, in the LOSS chip
            });
        } finally {
            screenshot("wall-gaps-tile");
            System.out.println("tile: " + fx(() -> wall().describeTile(id)));
        }
        robot.push(KeyCode.F2);
        Await.fx("table row tells 3 lost", () -> ui().tableShown() && tableRows().stream()
                .anyMatch(r -> r.src().equals("plant/gaps/pump-9") && r.lost() == 3 && r.received() == 7));
        List<String> lostCells = fx(() -> java.util.stream.IntStream.range(0, tableRows().size())
                .mapToObj(i -> ui().table.paintedText(i, "lost")).filter(t -> t != null).toList());
        assertEquals(List.of("3"), lostCells, "the Lost column painted on screen");
        robot.push(KeyCode.F2);
        Await.fx("back on the wall", () -> wall().isVisible());
        clickAt(robot, fx(() -> wall().localToScreen(wall().tileCentre(id))));
        Await.fx("gap list has the two gaps", () -> detail().gapRows().size() == 2);
        var rows = fx(() -> detail().gapRows());
        System.out.println("gap rows: " + rows);
        assertEquals(List.of("7-7 lost 1", "3-4 lost 2"),
                rows.stream().map(r -> r.first() + "-" + r.last() + " lost " + r.lost()).toList());
        screenshot("wall-gaps");
    }

    @Test
    void aSourceThatStopsTurnsStaleWithinItsStalenessTime(FxRobot robot) throws Exception {
        awaitJoined(group);
        long ttl = 1000;
        for (int seq = 0; seq < 3; seq++) {
            byte[] p = ("{\"v\":1,\"src\":\"water/station-1/flow\",\"seq\":" + seq + ",\"value\":12.5,\"unit\":\"l/s\","
                    + "\"ttl\":" + ttl + "}").getBytes(StandardCharsets.UTF_8);
            publisher.send(p, 0, p.length);
        }
        SourceView v = awaitSource("water/station-1/flow");
        Await.fx("all three arrived", () -> source("water/station-1/flow").received() == 3);
        long lastArrival = source("water/station-1/flow").lastArrivalMillis();
        int id = v.id();
        String fresh = Await.fxValue("tile drawn", () -> wall().describeTile(id));
        if (System.currentTimeMillis() - lastArrival < ttl) {
            assertFalse(fresh.contains("STALE"), "not stale before its ttl: " + fresh);
        }
        Await.fx("tile turns stale", () -> wall().describeTile(id).contains("STALE"));
        long seenAfter = System.currentTimeMillis() - lastArrival;
        assertTrue(seenAfter >= ttl, "stale only after its ttl: " + seenAfter);
        // Within its staleness time, give or take one repaint (the wall repaints all tiles every second).
        assertTrue(seenAfter <= ttl + 1_200, "stale shown " + seenAfter + " ms after the last update");
        screenshot("wall-stale");
    }

    @Test
    void aSettingsChangeJoinsTheNewGroup(FxRobot robot) throws Exception {
        awaitJoined(group);
        try (Publisher other = new Publisher(GroupSpec.parse(otherGroup), "lo", 0)) {
            robot.press(KeyCode.CONTROL).type(KeyCode.COMMA).release(KeyCode.CONTROL);
            Await.fx("settings dialog open", () -> robot.lookup("#settings-new-group").tryQuery().isPresent());
            robot.clickOn("#settings-new-group").write(otherGroup);
            robot.clickOn("#settings-add-group");
            DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
            Button ok = (Button) pane.lookupButton(ButtonType.OK);
            robot.clickOn(ok);
            awaitJoined(otherGroup);
            assertTrue(window.settings().groups().contains(otherGroup));
            send(other, "hvac/zone-9/ahu-1", 0, 1);
            Await.fx("a source arrives on the new group", () -> source("hvac/zone-9/ahu-1") != null);
        }
    }

    @Test
    void problemsOnlyKeepsTheLosingSource(FxRobot robot) throws Exception {
        awaitJoined(group);
        send(publisher, "plant/line-1/pump-1", 0, 1, 2, 3);
        send(publisher, "plant/line-1/pump-2", 0, 1, 5); // 3 of 6 lost
        Await.fx("both tiles", () -> wall().tileCount() == 2);
        robot.press(KeyCode.CONTROL).type(KeyCode.P).release(KeyCode.CONTROL);
        int losing = awaitSource("plant/line-1/pump-2").id();
        Await.fx("only the losing source is left", () -> wall().tileCount() == 1 && wall().tileIds()[0] == losing);
        // A hidden table does no per-row work: it agrees once it is shown.
        robot.push(KeyCode.F2);
        Await.fx("the table agrees", () -> ui().tableShown() && tableSrcs().equals(List.of("plant/line-1/pump-2")));
    }

    @Test
    void invalidDatagramsAreCountedAndListedWithReasonAndSender(FxRobot robot) throws Exception {
        awaitJoined(group);
        byte[] bad = "{\"src\":\"plant/x\",\"seq\":-1}".getBytes(StandardCharsets.UTF_8);
        publisher.send(bad, 0, bad.length);
        Button invalid = robot.lookup("#sb-invalid").queryAs(Button.class);
        Await.fx("status bar counts it", () -> invalid.getText().equals("Invalid 1"));
        robot.clickOn(invalid);
        ListView<?> list = Await.fxValue("popup list", () -> robot.lookup(".invalid-popup .list-view").tryQuery()
                .map(n -> (ListView<?>) n).orElse(null));
        String line = fx(() -> list.getItems().getFirst().toString());
        assertTrue(line.contains("127.0.0.1:") && line.contains("bad-seq") && line.contains("src=plant/x"), line);
    }

    // ---- helpers ----

    private MainController ui() {
        return window.controller();
    }

    private org.gapwatch.ui.detail.DetailPane detail() {
        return window.wiring().detail;
    }

    private org.gapwatch.ui.wall.WallView wall() {
        return ui().wall;
    }

    private List<SourceRow> tableRows() {
        return ui().table.shownRows();
    }

    private List<String> tableSrcs() {
        return tableRows().stream().map(SourceRow::src).toList();
    }

    private SourceView source(String src) {
        var snap = engine.snapshot();
        for (int i = 0; i < snap.sourceCount(); i++) {
            if (snap.source(i).src().equals(src)) {
                return snap.source(i);
            }
        }
        return null;
    }

    private SourceView awaitSource(String src) throws Exception {
        Await.fx(src + " arrives", () -> source(src) != null);
        return source(src);
    }

    private void awaitJoined(String g) throws Exception {
        Await.fx("joined " + g, () -> window.feed().status().groups().contains(g));
    }

    private static void send(Publisher p, String src, long... seqs) {
        for (long seq : seqs) {
            byte[] b = ("{\"v\":1,\"src\":\"" + src + "\",\"seq\":" + seq + ",\"value\":" + (40 + seq)
                    + ",\"unit\":\"°C\",\"status\":\"ok\",\"interval\":60000}").getBytes(StandardCharsets.UTF_8);
            p.send(b, 0, b.length);
        }
    }

    /**
     * Clicks a screen point, moving the mouse elsewhere first: the headless robot picks its target window on a
     * move, and a previous test may have left the mouse on this very point over a window now closed.
     */
    private void clickAt(FxRobot robot, Point2D p) {
        robot.moveTo("#filter");
        robot.clickOn(p);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }



    private void screenshot(String name) throws Exception {
        WritableImage img = fx(() -> window.scene().snapshot(null));
        int w = (int) img.getWidth(), h = (int) img.getHeight();
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        Files.createDirectories(SHOTS);
        Path file = SHOTS.resolve(getClass().getSimpleName() + "-" + name + ".png");
        ImageIO.write(out, "png", file.toFile());
        assertNotNull(Files.size(file));
    }
}
