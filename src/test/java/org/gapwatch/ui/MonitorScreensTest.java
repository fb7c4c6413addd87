package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.gapwatch.alarm.Alarm;
import org.gapwatch.alarm.AlarmKind;
import org.gapwatch.alarm.AlarmModel;
import org.gapwatch.engine.Engine;
import org.gapwatch.settings.Settings;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.Screenshots;
import org.gapwatch.testutil.WriterLoop;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.ui.feed.Feed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The whole window at operators' screen sizes, fed by a test writer (no network): Esc keeps a kiosk in full screen,
 * the keyboard starts on the wall, nothing in toolbar, status bar, banner, detail or alarm list is clipped at
 * 1366x768 or at the dock's default width, the episode banner stays until acknowledged. Writes a screenshot of every
 * view at 1920x1080, 3840x2160 and 1366x768, dark and light, to target/screenshots/.
 */
@ExtendWith(ApplicationExtension.class)
class MonitorScreensTest {
    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
    private Engine engine;
    private WriterLoop writer;
    private MonitorWindow window;
    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = new Stage();
    }

    @AfterEach
    void stop() throws Exception {
        TestWindows.close(window);
        if (writer != null) {
            writer.close();
        }
        System.clearProperty("gapwatch.displayScale");
    }

    private Scene scene;

    /**
     * Opens the window at {@code w} x {@code h}. The headless platform's screen is 1000 x 1000 and a larger stage
     * cannot be shown on it: a larger window is laid out in a scene of that size of its own, not shown on a stage
     * (its pulse runs all the same; layout and CSS are applied before each look and snapshot).
     */
    private void open(double w, double h, String theme, boolean fullscreen) {
        engine = new Engine(TrackerConfig.defaults());
        writer = new WriterLoop(engine, clock);
        Settings s = Settings.defaults().withGroups(List.of()).withTheme(theme);
        window = Await.onFx(() -> {
            MonitorWindow m = new MonitorWindow(stage, engine, iface -> demoLikeFeed(), s, null);
            stage.setMaximized(false); // a first run maximizes
            if (w <= 1000 && h <= 1000) {
                stage.setWidth(w);
                stage.setHeight(h);
                m.show(fullscreen, null);
                stage.toFront();
                stage.requestFocus();
                scene = m.scene();
            } else {
                Parent root = m.scene().getRoot();
                m.scene().setRoot(new javafx.scene.layout.Pane());
                scene = new Scene(root, w, h);
                scene.getStylesheets().setAll(m.scene().getStylesheets());
                m.controller().start(null);
            }
            return m;
        });
    }

    private void layout() {
        Await.onFx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return null;
        });
    }

    // ---- kiosk ----

    @Test
    void escKeepsFullScreenAndF11LeavesIt(FxRobot robot) {
        open(1000, 1000, Settings.DARK, true);
        Await.fx("full screen", stage::isFullScreen);
        robot.push(KeyCode.ESCAPE);
        Await.onFx(() -> null); // the key is handled
        assertTrue(Await.onFx(stage::isFullScreen), "Esc does not leave full screen");
        robot.push(KeyCode.F11);
        Await.fx("F11 leaves full screen", () -> !stage.isFullScreen());
        robot.push(KeyCode.F11);
        Await.fx("F11 enters it again", stage::isFullScreen);
    }

    @Test
    void theKeyboardStartsOnTheWallAndSelectsAtOnce(FxRobot robot) throws Exception {
        open(1000, 1000, Settings.DARK, false);
        // Two sources in two groups: four cells at the readable minimum, which the wall holds alone but not beside
        // the dock that the first selection opens (then it summarises); F3 closes the dock again.
        feedScenario(2, false);
        Await.fx("two tiles", () -> wall().tileCount() == 2);
        Await.fx("the wall has the focus", () -> stage.getScene().getFocusOwner() == wall());
        int[] ids = Await.onFx(() -> wall().tileIds());
        int first = ids[0];
        int second = ids[1];
        robot.push(KeyCode.RIGHT);
        Await.fx("the first tile is selected by the first arrow key", () -> wall().selectedIdProperty().get() == first);
        robot.push(KeyCode.F3);
        Await.fx("the dock closed, both tiles again", () -> wall().tileCount() == 2);
        robot.push(KeyCode.RIGHT);
        Await.fx("and the next by the next", () -> wall().selectedIdProperty().get() == second);
    }

    // ---- 1366 x 768 ----

    @Test
    void at1366x768NothingInToolbarStatusBarOrBannerIsClipped() throws Exception {
        openWithTheEpisode(1366, 768);
        // The widest the bar gets: the alarm count says FLOOD too (more than 10 alarms in 10 minutes).
        Await.fx("the alarm flood is said", () -> wiring().alarmCount.getText().endsWith("FLOOD"));
        // On a narrow window the loss and source counts step down as far as the bar lacks room (after the layout).
        double times = settledCountTimes();
        System.out.printf("status counts at 1366x768 with the alarm flood: %.1f x the bar's text, cap %.1f px%n",
                times, cap("#sb-sources"));
        assertTrue(times >= 1.0 && times <= StatusBarPresenter.COUNT_SCALE, "counts at " + times);
        layout();
        double width = Await.onFx(() -> scene.getWidth());
        assertEquals(1366, width, 1, "the window is 1366 px wide");
        List<String> clipped = Await.onFx(() -> clipped(List.of(ui().toolbar, ui().statusBar,
                ui().topBox.lookup("#episode-banner")), width));
        assertEquals(List.of(), clipped, "texts elided or cut off at 1366x768");
        // The main actions stay on the toolbar itself (not only in its overflow menu).
        for (String id : List.of("#filter", "#view-wall", "#view-table", "#tile-size", "#open-capture",
                "#dock-toggle", "#settings")) {
            Node n = Await.onFx(() -> ui().toolbar.lookup(id));
            assertNotNull(n, id);
            assertTrue(Await.onFx(() -> n.getScene() != null && n.localToScene(n.getBoundsInLocal()).getMaxX() <= width),
                    id + " on the toolbar at 1366 px");
        }
        // 300 tiles at a readable size do not fit: "Fit" summarises into aggregate tiles with their exceptions.
        layout();
        Await.fx("the wall summarises", () -> wall().summarising());
    }

    /** The widest bar with the writer 3 s behind what arrived (a flood's first seconds): the warning fits too. */
    @Test
    void at1366x768TheBarSaysTheWriterIsBehindAndNothingIsClipped() throws Exception {
        openWithTheEpisode(1366, 768);
        Await.fx("the alarm flood is said", () -> wiring().alarmCount.getText().endsWith("FLOOD"));
        writer.behind(true);
        long newest = clock.get();
        writer.feed(f -> f.send(newest, "{\"v\":1,\"src\":\"plant/line-1/pump-1\",\"seq\":99,\"value\":1}"));
        clock.set(newest + 3_000); // what came since waits: the writer read until 3 s ago
        writer.feed(f -> { });
        Await.fx("the bar says how far behind", () -> ui().status().behindLabel().isVisible());
        assertEquals("⚠ 3.0 s behind", Await.onFx(() -> ui().status().behindLabel().getText()));
        settledCountTimes();
        layout();
        double width = Await.onFx(() -> scene.getWidth());
        assertEquals(List.of(), Await.onFx(() -> clipped(List.of(ui().statusBar), width)),
                "status bar texts elided or cut off at 1366x768 while behind");
        Await.onFx(() -> Screenshots.write(scene, "status-behind-1366"));
    }

    /**
     * At 1366x768 with a bar as the demo's usually is (8 groups, the buffer warning, alarms but no flood), the counts
     * keep the three-metre size they have at 1080p: the bar has the room.
     */
    @Test
    void at1366x768TheStatusCountsKeepTheir1080pSizeWhereTheBarHasRoom() throws Exception {
        open(1366, 768, Settings.DARK, false);
        feedScenario(300, false);
        Await.fx("the status bar counts the 300 sources",
                () -> ui().status().sourcesLabel().getText().startsWith("300 sources"));
        assertEquals(StatusBarPresenter.COUNT_SCALE, settledCountTimes(), 1e-9, "the counts at 1.4 x the bar's text");
        double sources = cap("#sb-sources");
        double loss = cap("#sb-loss");
        System.out.printf("status counts at 1366x768: loss cap %.1f px, sources cap %.1f px%n", loss, sources);
        assertTrue(sources >= 14 && loss >= 14, "cap heights " + loss + ", " + sources + " >= 14 px, as at 1080p");
        layout();
        double width = Await.onFx(() -> scene.getWidth());
        assertEquals(List.of(), Await.onFx(() -> clipped(List.of(ui().statusBar), width)),
                "status bar texts elided or cut off at 1366x768");
    }

    /** The counts' size over the bar's text size once it no longer changes from one layout to the next. */
    private double settledCountTimes() {
        double[] last = {-1};
        Await.fx("the counts' size settles", () -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            double t = ui().status().sourcesLabel().getFont().getSize() / ui().status().rateLabel().getFont().getSize();
            boolean same = Math.abs(t - last[0]) < 1e-6 && Math.abs(t
                    - ui().status().lossLabel().getFont().getSize() / ui().status().rateLabel().getFont().getSize())
                    < 1e-6;
            last[0] = t;
            return same;
        });
        return Math.round(last[0] * 100) / 100.0;
    }

    @Test
    void at1366x768TheHistoryBandShowsFourRowsAndEveryTextWhole() throws Exception {
        openWithTheEpisode(1366, 768);
        Await.onFx(() -> {
            ui().historyButton.setSelected(true);
            return null;
        });
        // Off a stage (above 1000 px) the band's own timer does not run: ask it, as the timer would.
        Await.fx("the history band has four rows or more", () -> {
            if (!ui().models().heatRows().isEmpty()) {
                wiring().history.refresh();
            }
            return wiring().history.rowCount() >= 4;
        });
        layout();
        assertTrue(Await.onFx(() -> wiring().history.isVisible() && wiring().history.getScene() != null
                && wiring().history.getHeight() > 0), "the band shows");
        double width = Await.onFx(() -> scene.getWidth());
        List<String> clipped = Await.onFx(() -> clipped(List.of(wiring().history), width));
        assertEquals(List.of(), clipped, "history band texts elided or cut off at 1366x768");
        double[] band = Await.onFx(() -> wiring().history.labelColumnAndViewport());
        assertEquals(4 * band[2], band[1], 0.5, "four rows shown before the band scrolls");
        javafx.scene.text.Font names = Await.onFx(() -> wiring().history.groupFont());
        List<String> shown = Await.onFx(() -> wiring().history.shownNames());
        assertEquals(shown.size(), shown.stream().distinct().count(), "no two rows read the same: " + shown);
        for (int r = 0; r < Await.onFx(() -> wiring().history.rowCount()); r++) {
            String g = shown.get(r);
            double w = Await.onFx(() -> {
                Text t = new Text(g);
                t.setFont(names);
                return t.getLayoutBounds().getWidth();
            });
            // The canvas squeezes a name wider than its column (fillText's maximum width): none may be.
            assertTrue(w <= band[0] - 10, "group name '" + g + "' (" + w + " px) fits its column of " + band[0]);
        }
        Bounds b = Await.onFx(() -> wiring().history.localToScene(wiring().history.getBoundsInLocal()));
        assertTrue(b.getMaxY() <= scene.getHeight() + 0.5, "the band ends inside the window: " + b);
        // Every text of the band at the group names' size at 1366x768 as at 1080p: title, span buttons, span, axis.
        double nameCap = Await.onFx(() -> capOf(names));
        List<String> small = new ArrayList<>();
        List<Node> barTexts = Await.onFx(() -> ((Parent) wiring().history.lookup(".status-history-bar"))
                .getChildrenUnmodifiable().stream().filter(n -> n instanceof Labeled).toList());
        for (Node n : barTexts) {
            Labeled l = (Labeled) n;
            double c = Await.onFx(() -> capOf(l.getFont()));
            if (c < nameCap - 0.5 || c < 14) {
                small.add("'" + l.getText() + "' " + c + " px");
            }
        }
        double axisCap = Await.onFx(() -> capOf(wiring().history.axisFont()));
        if (axisCap < 14) {
            small.add("axis " + axisCap + " px");
        }
        System.out.printf("history band at 1366x768: names cap %.1f px, axis %.1f px%n", nameCap, axisCap);
        assertEquals(List.of(), small, "band texts below the names' cap height of " + nameCap + " px");
        assertEquals(5, barTexts.size(), "the title, the three span buttons and the span are measured");
    }

    @Test
    void detailAndAlarmListReadWholeAtTheDocksDefaultWidth() throws Exception {
        open(1920, 1080, Settings.DARK, false);
        feedScenario(40, true);
        String src = "plant/line-1/pump-1";
        Await.fx("source known", () -> engine.snapshot().sourceCount() == 40);
        layout();
        Await.onFx(() -> {
            window.selectedSourceProperty().set(src);
            return null;
        });
        Await.fx("dock open on the detail", () -> ui().split.getItems().contains(ui().dock) && ui().detailTab.isSelected());
        layout();
        assertEquals(620, Await.onFx(() -> ui().dock.getWidth()), 12, "the dock's default width");
        Await.fx("detail filled", () -> wiring().detail.lookup("#detail-src") instanceof Labeled l
                && src.equals(l.getText()));
        layout();
        List<String> detailClipped = Await.onFx(() -> clipped(List.of(wiring().detail), Double.MAX_VALUE));
        assertEquals(List.of(), detailClipped, "detail texts elided at the dock's default width");
        Await.onFx(() -> {
            wiring().showTab(ui().alarmTab);
            return null;
        });
        Await.fx("alarms listed", () -> !wiring().alarmModel().log().isEmpty());
        layout();
        List<String> alarmClipped = Await.onFx(() -> clipped(List.of(wiring().alarmList()), Double.MAX_VALUE));
        assertEquals(List.of(), alarmClipped, "alarm list texts elided at the dock's default width");
    }

    // ---- legibility from three metres ----

    /**
     * Cap heights (of an "H" in the node's font) of the chrome at 1920x1080: the episode banner's headline, which an
     * operator must read from three metres, at least 14 px; the status bar's loss and source counts and the toolbar
     * as large as fits whole at 1366x768 (at1366x768NothingInToolbarStatusBarOrBannerIsClipped).
     */
    @Test
    void theBannerHeadlineAndTheStatusCountsReadFromThreeMetresAt1080p() throws Exception {
        openWithTheEpisode(1920, 1080);
        layout();
        double headline = cap("#episode-headline");
        double details = cap("#episode-details");
        // Measured as an operator sees it during the episode: the loss is a chip (bold, the loss colour).
        Await.fx("the loss is a chip", () -> ui().status().lossLabel().getStyleClass().contains("losing"));
        Await.fx("the counts at their three-metre size", () -> countsAt(StatusBarPresenter.COUNT_SCALE));
        layout();
        double loss = cap("#sb-loss");
        double sources = cap("#sb-sources");
        double rate = cap("#sb-rate");
        double toolbar = cap("#view-wall");
        double historySpan = Await.onFx(() -> capOf(((javafx.scene.control.Labeled) wiring().history
                .lookup("#history-span")).getFont()));
        double historyGroups = Await.onFx(() -> capOf(wiring().history.groupFont()));
        System.out.printf("cap heights at 1920x1080: banner headline %.1f px, details %.1f px; status bar loss %.1f px,"
                + " sources %.1f px, rate %.1f px; toolbar %.1f px; history band span %.1f px,"
                + " group names %.1f px%n", headline, details, loss, sources, rate, toolbar, historySpan, historyGroups);
        assertTrue(headline >= 14, "banner headline cap height " + headline + " >= 14 px");
        assertTrue(loss >= 14, "status bar loss cap height " + loss + " >= 14 px");
        assertTrue(sources >= 14, "status bar source counts cap height " + sources + " >= 14 px");
        assertTrue(toolbar >= 11, "toolbar cap height " + toolbar + " >= 11 px");
        // The status-history band's own texts at the counts' scale.
        assertTrue(historySpan >= 14, "history band span label cap height " + historySpan + " >= 14 px");
        assertTrue(historyGroups >= 14, "history band group names cap height " + historyGroups + " >= 14 px");
    }

    /**
     * Whether the loss and source counts are drawn at {@code times} the bar's text size (laid out first: a scene
     * larger than the headless screen is not on a stage, and only the test lays it out and applies its CSS).
     */
    private boolean countsAt(double times) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        scene.getRoot().applyCss();
        double base = ui().status().rateLabel().getFont().getSize();
        return Math.abs(ui().status().lossLabel().getFont().getSize() - base * times) < 0.05
                && Math.abs(ui().status().sourcesLabel().getFont().getSize() - base * times) < 0.05;
    }

    /** The window at {@code w} x {@code h}, dark, with the 300 sources' episode in the banner and the status bar filled. */
    private void openWithTheEpisode(double w, double h) throws InterruptedException {
        open(w, h, Settings.DARK, false);
        feedScenario(300, true);
        Await.fx("the episode banner shows the episode", () -> wiring().banner.shownEpisode() != null);
        Await.fx("the status bar filled", () -> !ui().status().sourcesLabel().getText().isEmpty());
    }

    private double cap(String id) {
        return Await.onFx(() -> {
            Node n = scene.lookup(id);
            assertNotNull(n, id);
            return capOf(((Labeled) n).getFont());
        });
    }

    private static double capOf(javafx.scene.text.Font f) {
        Text t = new Text("H");
        t.setFont(f);
        t.setBoundsType(javafx.scene.text.TextBoundsType.VISUAL);
        return t.getLayoutBounds().getHeight();
    }

    // ---- the banner ----

    @Test
    void theEpisodeBannerStaysUntilAcknowledgedAndAcknowledgesTheEpisodeAlarm(FxRobot robot) throws Exception {
        open(1000, 1000, Settings.DARK, false);
        layout();
        double quietHeight = Await.onFx(() -> wiring().banner.getHeight());
        assertTrue(quietHeight > 0, "the band is there before any episode (quiet)");
        feedScenario(40, true);
        Await.fx("the banner shows the episode", () -> wiring().banner.shownEpisode() != null);
        layout();
        assertEquals(quietHeight, Await.onFx(() -> wiring().banner.getHeight()), 0.5,
                "an episode does not change the band's height");
        String head = Await.onFx(() -> ((Labeled) wiring().banner.lookup("#episode-headline")).getText());
        var e = Await.onFx(() -> wiring().banner.shownEpisode());
        assertEquals("LOSS EPISODE (ongoing) · " + e.lost() + " lost · " + e.sources().size() + " sources · cause: "
                + e.cause().label(), head.replace("(ended)", "(ongoing)"));
        Await.fx("the episode raised its alarm point", () -> episodeAlarm() != null);
        assertFalse(Await.onFx(() -> episodeAlarm().acknowledged()));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.K).release(KeyCode.K, KeyCode.SHIFT, KeyCode.CONTROL);
        double before = Await.onFx(() -> wiring().banner.getHeight());
        Await.fx("acknowledged: the banner turns quiet", () -> wiring().banner.shownEpisode() == null);
        layout();
        assertTrue(Await.onFx(() -> ((Labeled) wiring().banner.lookup("#episode-headline")).getText())
                .startsWith("No loss episode waiting"));
        assertEquals(before, Await.onFx(() -> wiring().banner.getHeight()), 0.5,
                "the band keeps its height: the wall does not jump");
        assertTrue(Await.onFx(() -> episodeAlarm().acknowledged()), "and the alarm model has it acknowledged");
        assertTrue(Await.onFx(() -> window.stage().getWindows().filtered(w -> w != stage && w.isShowing()).isEmpty()),
                "no pop-up window");
    }

    // ---- screenshots ----

    @Test
    void screenshotsOfEveryViewAtThreeSizes() throws Exception {
        record Size(String name, double w, double h, double scale) {
        }
        for (Size size : List.of(new Size("1920x1080", 1920, 1080, 1), new Size("3840x2160", 3840, 2160, 2),
                new Size("1366x768", 1366, 768, 1))) {
            for (String theme : List.of(Settings.DARK, Settings.LIGHT)) {
                System.setProperty("gapwatch.displayScale", Double.toString(size.scale()));
                open(size.w(), size.h(), theme, false);
                feedScenario(300, true);
                Await.fx("the banner shows", () -> wiring().banner.shownEpisode() != null);
                // Off a stage (above 1000 px) the band's own timer does not run: ask it, as the timer would.
                Await.fx("the history band has its rows", () -> {
                    if (wiring().history.rowCount() == 0 && !ui().models().heatRows().isEmpty()) {
                        wiring().history.refresh();
                    }
                    return wiring().history.rowCount() > 0;
                });
                String base = "screens-" + size.name() + "-" + theme + "-";
                shot(base + "wall");
                Await.onFx(() -> {
                    ui().historyButton.setSelected(true);
                    wiring().history.refresh();
                    return null;
                });
                shot(base + "wall-history");
                Await.onFx(() -> {
                    ui().historyButton.setSelected(false);
                    return null;
                });
                Await.onFx(() -> {
                    ui().toggleView();
                    return null;
                });
                Await.fx("table", () -> ui().tableShown());
                shot(base + "table");
                layout();
                Await.onFx(() -> {
                    ui().toggleView();
                    window.selectedSourceProperty().set("plant/line-1/pump-1");
                    return null;
                });
                Await.fx("detail", () -> ui().detailTab.isSelected() && ui().split.getItems().contains(ui().dock));
                shot(base + "detail");
                assertEquals(List.of(), Await.onFx(() -> clipped(List.of(wiring().detail), Double.MAX_VALUE)),
                        base + "detail: texts elided");
                Await.onFx(() -> {
                    wiring().showTab(ui().alarmTab);
                    return null;
                });
                shot(base + "alarms");
                Await.onFx(() -> {
                    wiring().showTab(ui().heatmapTab);
                    return null;
                });
                Await.fx("heatmap rows", () -> !wiring().heatmap.rowLabels().isEmpty());
                shot(base + "heatmap");
                stop();
                window = null;
                writer = null;
                stage = Await.onFx(Stage::new);
            }
        }
    }

    // ---- helpers ----

    /**
     * 300 (or n) sources named as the demo's, in 7 groups; with {@code trouble}: 30 of them lose 5 of 20 updates
     * (one episode), one goes stale, two say alarm and three warn.
     */
    private void feedScenario(int n, boolean trouble) throws InterruptedException {
        String[][] groups = {{"plant", "line", "pump"}, {"power", "feeder", "breaker"}, {"hvac", "zone", "ahu"},
            {"water", "pump-station", "pump"}, {"comms", "gateway", "link"}, {"security", "door", "panel"},
            {"fire", "loop", "detector"}};
        List<String> srcs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] g = groups[i % groups.length];
            int k = i / groups.length;
            srcs.add(g[0] + "/" + g[1] + "-" + (1 + k / 8) + "/" + g[2] + "-" + (1 + k % 8));
        }
        long t = System.currentTimeMillis() - 9_000;
        for (int round = 0; round < 10; round++) {
            long at = t + round * 1000L;
            clock.set(at);
            int r = round;
            writer.feed(f -> {
                for (int i = 0; i < srcs.size(); i++) {
                    boolean stale = trouble && i == 5 && r > 0; // silent for 8 s: stale after 3 intervals of 1 s
                    if (stale) {
                        continue;
                    }
                    String status = trouble && (i == 9 || i == 23) ? "alarm" : trouble && i % 50 == 7 ? "warn" : "ok";
                    f.send(at, "{\"v\":1,\"src\":\"" + srcs.get(i) + "\",\"seq\":" + r + ",\"value\":"
                            + (40 + i % 17) + "." + (r % 10) + ",\"unit\":\"°C\",\"status\":\"" + status
                            + "\",\"interval\":" + (i == 5 ? 1000 : 10_000) + "}");
                }
            });
        }
        if (trouble) {
            // A burst: 30 sources skip 5 numbers each.
            long at = System.currentTimeMillis();
            clock.set(at);
            writer.feed(f -> {
                for (int i = 0; i < 30; i++) {
                    f.send(at, "{\"v\":1,\"src\":\"" + srcs.get(i * 3 % srcs.size()) + "\",\"seq\":15,\"value\":1,"
                            + "\"status\":\"ok\",\"interval\":10000}");
                }
            });
        }
        if (trouble) {
            long at = System.currentTimeMillis();
            writer.feed(f -> {
                for (int i = 0; i < 3; i++) {
                    f.send(at, "{\"v\":1,\"seq\":9,\"value\":3}"); // no src: invalid, counted
                }
            });
        }
        clock.set(System.currentTimeMillis());
    }

    /**
     * A feed that says what the demo's receiver says (two groups on lo, a capped receive buffer, socket drops
     * known), so the status bar holds as much as it does on a control-room screen; it joins nothing.
     */
    private static Feed demoLikeFeed() {
        Feed none = Feed.none();
        return new Feed() {
            @Override
            public Status status() {
                // As many groups as the demo joins (the bar then says "8 groups on lo").
                return new Status(List.of("239.255.77.1:47701", "rtp://239.255.77.2:47710?clock=90000",
                        "mpegts://239.255.77.3:47720", "ptp://239.255.77.4:47730", "collectd://239.255.77.5:47740",
                        "sacn://239.255.77.6:47750", "rtps://239.255.77.7:47760", "239.255.77.8:47770"), "lo",
                        "the kernel granted 416 KiB of the 8 MiB receive buffer asked for", 0);
            }

            @Override
            public java.util.concurrent.CompletableFuture<Void> join(String group) {
                return none.join(group);
            }

            @Override
            public java.util.concurrent.CompletableFuture<Void> leave(String group) {
                return none.leave(group);
            }

            @Override
            public java.util.concurrent.CompletableFuture<Void> switchInterface(String networkInterface) {
                return none.switchInterface(networkInterface);
            }

            @Override
            public void close() {
            }
        };
    }

    private Alarm episodeAlarm() {
        return wiring().alarmModel().point(AlarmModel.EPISODE_SOURCE, AlarmKind.EPISODE);
    }

    /** Texts under {@code roots} shown elided ("…") or reaching past {@code width}: "id or text: why". */
    private static List<String> clipped(List<Node> roots, double width) {
        List<String> out = new ArrayList<>();
        for (Node root : roots) {
            collect(root, width, out);
        }
        return out;
    }

    private static void collect(Node n, double width, List<String> out) {
        if (!n.isVisible() || n.getScene() == null) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            // The label's own text node (not that of its graphic).
            Text shown = (Text) l.getChildrenUnmodifiable().stream().filter(c -> c instanceof Text).findFirst()
                    .orElse(null);
            String what = (l.getId() != null ? "#" + l.getId() : l.getClass().getSimpleName()
                    + (l.getParent() != null ? " in " + l.getParent().getClass().getSimpleName() : "")) + " '"
                    + l.getText() + "'";
            // Elided: the text node shows a shortened text with an ellipsis ("…" or the "..." of a table cell).
            if (shown != null && !shown.getText().equals(l.getText())
                    && (shown.getText().endsWith("…") || shown.getText().endsWith("..."))) {
                out.add(what + " shown as '" + shown.getText() + "'");
            }
            Bounds b = l.localToScene(l.getBoundsInLocal());
            if (b.getMaxX() > width + 0.5 || b.getMinX() < -0.5) {
                out.add(what + " reaches past the window (" + Math.round(b.getMinX()) + ".." + Math.round(b.getMaxX())
                        + ")");
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, width, out);
            }
        }
    }

    private void shot(String name) {
        layout();
        // Two pulses so that the wall, the table and the dock have drawn what the layout gave them.
        long frames = Await.onFx(() -> window.pulseNanos().count());
        Await.fx("two more pulses", () -> window.pulseNanos().count() >= frames + 2);
        layout();
        Await.onFx(() -> Screenshots.write(scene, name));
    }

    private MainController ui() {
        return window.controller();
    }

    private MonitorWiring wiring() {
        return window.wiring();
    }

    private org.gapwatch.ui.wall.WallView wall() {
        return ui().wall;
    }
}
