package org.gapwatch.ui.wall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.JudgeConfig;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.SourceState;
import org.gapwatch.protocol.DatagramDecoder;
import org.gapwatch.protocol.DecodeResult;
import org.gapwatch.testutil.Await;
import org.gapwatch.track.Tracker;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;
import org.gapwatch.ui.Format;
import org.gapwatch.ui.Palette;
import org.gapwatch.ui.SourceFilter;
import org.gapwatch.ui.model.SourceIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.gapwatch.ui.common.TextFit;

/**
 * The wall read from three metres: text sizes at "Fit", names that stay apart, abnormal tiles that say what, how
 * much and since when, quiet normal tiles, honest group headers. The wall is driven with snapshots and judgements
 * made here at a clock the test sets; no network.
 */
@ExtendWith(ApplicationExtension.class)
class WallReadabilityTest {
    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);
    private static final ZoneId ZONE = ZoneId.of("UTC");
    private static final long T0 = 1_800_000_000_000L;

    private final Tracker tracker = new Tracker(TrackerConfig.defaults());
    private final DatagramDecoder decoder = new DatagramDecoder();
    private final Judge judge = new Judge(JudgeConfig.defaults());
    private long now = T0;

    // ---- text heights ----

    @Test
    void fitWith300SourcesAt1080pKeepsNamesValuesAndWordsReadableAndSummarises() {
        demoLikeSources(300, 1);
        // The wall's share of a 1920x1080 screen: the toolbar, banner and status bar take about 150 px.
        WallView wall = wall(1920, 930, 1.0);
        double[] tile = Await.onFx(wall::tileSize);
        assertNotNull(tile);
        double name = cap(TilePainter.nameSize(tile[1]), false);
        double value = cap(TilePainter.valueSize(tile[1]), true);
        double word = cap(TilePainter.nameSize(tile[1]), true);
        System.out.printf("Fit, 300 sources, 1920x930 wall: tile %.0f x %.0f, cap heights name %.1f px, value %.1f px,"
                + " status word %.1f px%n", tile[0], tile[1], name, value, word);
        assertTrue(name >= 14, "name cap height " + name + " >= 14 px");
        assertTrue(value >= 24, "value cap height " + value + " >= 24 px");
        assertTrue(word >= name, "status word " + word + " at least the name's " + name);
        // 300 tiles do not fit at these sizes: "Fit" summarises the largest groups into aggregate tiles with their
        // exceptions, on one screen (no scrolling an operator three metres away cannot do).
        assertTrue(Await.onFx(wall::summarising),
                "groups collapse into aggregate tiles");
        assertFalse(Await.onFx(() -> wall.lookup(".scroll-bar").isVisible()), "no scroll bar at Fit");
    }

    @Test
    void at4kEverythingOnTheWallIsTwiceAsLarge() {
        demoLikeSources(300, 1);
        WallView wall = wall(3840, 1860, 2.0);
        double[] tile = Await.onFx(wall::tileSize);
        double name = cap(TilePainter.nameSize(tile[1]), false);
        double value = cap(TilePainter.valueSize(tile[1]), true);
        System.out.printf("Fit, 300 sources, 3840x1860 wall, scale 2: tile %.0f x %.0f, cap heights name %.1f px,"
                + " value %.1f px%n", tile[0], tile[1], name, value);
        double chrome1 = cap(14, false);
        double chrome2 = cap(28, false);
        System.out.printf("chrome (toolbar, status bar) cap heights: %.1f px at scale 1, %.1f px at scale 2%n", chrome1,
                chrome2);
        assertTrue(chrome2 >= 1.9 * chrome1, "the chrome scales with the screen");
        assertTrue(name >= 28, "name cap height " + name + " >= 28 px at 4K");
        assertTrue(value >= 48, "value cap height " + value + " >= 48 px at 4K");
    }

    @Test
    void aFewSourcesGetLargerTilesThanTheReadableMinimum() {
        demoLikeSources(12, 1);
        WallView wall = wall(1920, 930, 1.0);
        double[] tile = Await.onFx(wall::tileSize);
        assertTrue(tile[0] > WallView.READABLE_TILE_WIDTH, "tile width " + tile[0]);
        assertFalse(Await.onFx(() -> wall.lookup("#wall-below").isVisible()), "nothing below: no line");
    }

    // ---- names ----

    @Test
    void noTwoTilesOfAGroupReadTheSame() {
        // Names that differ only in the middle, the case cutting from the front got wrong ("…/detector-1" five times).
        List<String> srcs = new ArrayList<>();
        for (int z = 1; z <= 12; z++) {
            for (int d = 1; d <= 8; d++) {
                srcs.add("fire/building-north-wing/zone-" + z + "/loop-a/detector-" + d);
            }
        }
        for (int i = 1; i <= 20; i++) {
            srcs.add("hvac/air-handling-unit-" + i + "/supply-air-temperature-sensor");
        }
        for (String s : srcs) {
            send(s, 1);
        }
        for (double width : new double[] {1920, 1366}) {
            // At a fixed tile size the wall scrolls (up to four screens) instead of summarising: every tile shows.
            WallView wall = wall(width, 1400, 1.0, judge(), WallView.READABLE_TILE_WIDTH);
            List<String> labels = Await.onFx(wall::tileLabels);
            List<String> groups = Await.onFx(wall::tileGroups);
            assertEquals(srcs.size(), labels.size());
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < labels.size(); i++) {
                assertTrue(seen.add(groups.get(i) + "|" + labels.get(i)), "two tiles read '" + labels.get(i) + "'");
            }
            assertTrue(labels.stream().anyMatch(l -> l.contains("…")), "some names were shortened: " + labels);
            assertTrue(labels.stream().noneMatch(l -> l.startsWith("…/")), "not cut from the front: " + labels);
        }
    }

    @Test
    void theGroupPrefixIsDroppedAndTheFullNameIsOnHover() {
        send("plant/line-1/pump-1", 1);
        WallView wall = wall(1920, 930, 1.0);
        assertEquals(List.of("line-1/pump-1"), Await.onFx(wall::tileLabels));
        assertEquals(List.of("plant"), Await.onFx(wall::tileGroups));
    }

    // ---- exceptions first ----

    @Test
    void aLosingTileSaysHowManyLostSinceWhenAndHowLongAgo() {
        String src = "plant/line-1/pump-1";
        for (long seq = 1; seq <= 40; seq++) {
            send(src, seq);
        }
        judge(); // before the loss
        for (long seq = 61; seq <= 70; seq++) {
            send(src, seq); // 20 numbers (41..60) lost
        }
        long episodeStart = now;
        Judgement j = judge();
        assertEquals(SourceState.BADLY_LOSING, j.state(0));
        now += 8_000; // within the episode's quiet time: it is still open
        send(src, 71);
        WallView wall = wall(1920, 930, 1.0, judge());
        String tile = Await.onFx(() -> wall.describeTile(0));
        // The exact count over the loss window, the episode's start, its age (the "since" word if it fits).
        assertTrue(tile.matches(".* \\| LOST 20 \\| (since )?" + Format.clock(episodeStart, ZONE) + " · 8 s ago \\|.*"),
                tile);
    }

    @Test
    void aStaleTileIsLoudAndSaysSinceWhen() {
        send("water/pump-station-2/flow", 1, 1000);
        long last = now;
        now += 9_000;
        Judgement j = judge();
        assertEquals(SourceState.STALE, j.state(0));
        WallView wall = wall(1920, 930, 1.0, j);
        String tile = Await.onFx(() -> wall.describeTile(0));
        assertTrue(tile.matches(".* \\| STALE \\| (since )?" + Format.clock(last - 10, ZONE) + " · 9 s ago \\|.*"),
                tile);
        // Loud: the stale colour (the strongest contrast to the tile) frames it at full strength.
        Color frame = pixel(wall, 0, 2, 40);
        assertEquals(Palette.DARK.stale(), frame, "the frame of a stale tile is drawn in the stale colour, undimmed");
    }

    @Test
    void normalTilesAreQuietGreyWithNoColourAnywhere() {
        demoLikeSources(40, 1);
        WallView wall = wall(1920, 930, 1.0);
        String tile = Await.onFx(() -> wall.describeTile(0));
        assertFalse(tile.contains("OK"), "a normal tile has no status word: " + tile);
        assertFalse(tile.contains("loss 0"), tile);
        WritableImage img = Await.onFx(() -> wall.snapshot(null, null));
        PixelReader r = img.getPixelReader();
        int coloured = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                Color c = r.getColor(x, y);
                if (c.getSaturation() > 0.25 && c.getBrightness() > 0.2) {
                    coloured++;
                }
            }
        }
        assertEquals(0, coloured, "pixels in colour on a wall of normal sources");
    }

    @Test
    void groupHeadersCountEveryAbnormalState() {
        for (int i = 1; i <= 30; i++) {
            send("hvac/zone-1/ahu-" + i, 1, -1, i <= 25 ? "warn" : "ok");
        }
        WallView wall = wall(1920, 930, 1.0);
        String header = Await.onFx(() -> wall.describeHeader(0));
        assertEquals("HVAC | 30 sources | 25 WARN", header);
        for (int i = 1; i <= 30; i++) {
            send("hvac/zone-1/ahu-" + i, 2, -1, "ok");
        }
        WallView calm = wall(1920, 930, 1.0);
        assertEquals("HVAC | 30 sources | all normal", Await.onFx(() -> calm.describeHeader(0)));
    }

    @Test
    void anAggregateTileAt1080pSaysEveryStateWholeInWordsAndNumbers() {
        demoLikeSources(300, 1);
        // In plant (43 + 2 sources): two sources that fall silent and one publisher's fault; the rest fresh.
        send("plant/line-9/pump-1", 1, 1000);
        send("plant/line-9/pump-2", 1, 1000);
        now += 9_000;
        demoLikeSources(300, 2);
        send("plant/line-1/pump-1", 3, -1, "fault");
        Judgement j = judge();
        // At the readable size (fixed): 302 sources do not fit in four screens, so the groups collapse.
        WallView wall = wall(1920, 930, 1.0, j, WallView.READABLE_TILE_WIDTH);
        double[] tile = Await.onFx(wall::tileSize);
        assertEquals(264, tile[0], 3, "the readable tile width");
        // "2 STALE · 1 FAULT" is wider than the tile: each state goes whole on a row of its own, none cut.
        assertEquals("PLANT | 45 sources | 2 STALE | 1 FAULT | open ▸", Await.onFx(() -> wall.describeAggregate("plant")));
    }

    // ---- helpers ----

    private static double cap(double size, boolean bold) {
        return Await.onFx(() -> TextFit.capHeight(Font.font("System",
                bold ? javafx.scene.text.FontWeight.BOLD : javafx.scene.text.FontWeight.NORMAL, size)));
    }

    /** Sources named as the demo names them, in 7 groups. */
    private void demoLikeSources(int n, long seq) {
        String[][] groups = {{"plant", "line", "pump"}, {"power", "feeder", "breaker"}, {"hvac", "zone", "ahu"},
            {"water", "pump-station", "pump"}, {"comms", "gateway", "link"}, {"security", "door", "panel"},
            {"fire", "loop", "detector"}};
        for (int i = 0; i < n; i++) {
            String[] g = groups[i % groups.length];
            int k = i / groups.length;
            send(g[0] + "/" + g[1] + "-" + (1 + k / 8) + "/" + g[2] + "-" + (1 + k % 8), seq);
        }
    }

    private void send(String src, long seq) {
        send(src, seq, -1, "ok");
    }

    private void send(String src, long seq, long interval) {
        send(src, seq, interval, "ok");
    }

    private void send(String src, long seq, long interval, String status) {
        String json = "{\"v\":1,\"src\":\"" + src + "\",\"seq\":" + seq + ",\"value\":12.5,\"unit\":\"ms\",\"status\":\""
                + status + "\"" + (interval > 0 ? ",\"interval\":" + interval : "") + "}";
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        DecodeResult r = decoder.decode(b, 0, b.length);
        tracker.datagram(r, b, 0, b.length, SENDER, now);
        now += 10;
    }

    private Judgement judge() {
        return judge.judge(tracker.snapshot(now), now);
    }

    private WallView wall(double w, double h, double zoom) {
        return wall(w, h, zoom, judge());
    }

    private WallView wall(double w, double h, double zoom, Judgement j) {
        return wall(w, h, zoom, j, 0);
    }

    private WallView wall(double w, double h, double zoom, Judgement j, double tileWidth) {
        TrackerSnapshot snap = tracker.snapshot(now);
        long at = now;
        return Await.onFx(() -> {
            WallView wall = new WallView();
            wall.setZone(ZONE);
            wall.setZoom(zoom);
            wall.setTileWidth(tileWidth);
            StackPane root = new StackPane(wall);
            Scene scene = new Scene(root, w, h);
            scene.getStylesheets().add(WallView.class.getResource("/org/gapwatch/ui/gapwatch.css").toExternalForm());
            scene.getStylesheets().add(WallView.class.getResource("/org/gapwatch/ui/theme-dark.css").toExternalForm());
            root.applyCss();
            root.layout();
            SourceIndex index = SourceIndex.of(snap, SourceIndex.empty(), false);
            wall.update(snap, j, WallModel.build(index, j, wall.request(SourceFilter.ALL), null), at);
            root.layout(); // the lines over the canvas, shown by the update
            wall.update(snap, j, WallModel.build(index, j, wall.request(SourceFilter.ALL), null), at);
            return wall;
        });
    }

    private static Color pixel(WallView wall, int id, double dx, double dy) {
        return Await.onFx(() -> {
            javafx.geometry.Point2D c = wall.tileCentre(id);
            double[] size = wall.tileSize();
            WritableImage img = wall.snapshot(null, null);
            int x = (int) Math.round(c.getX() - size[0] / 2 + dx);
            int y = (int) Math.round(c.getY() - size[1] / 2 + dy);
            return img.getPixelReader().getColor(x, y);
        });
    }
}
