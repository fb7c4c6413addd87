package org.gapwatch.ui.heatmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.gapwatch.engine.Engine;
import org.gapwatch.judge.Episode;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.Judgement;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.Feed;
import org.gapwatch.testutil.WriterLoop;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class StatusHistoryBandTest {
    private static final long T = 1_800_000_000_000L; // 08:00:00 UTC
    /** The second in which a/1 loses exactly 3 updates: 07:58:00. */
    private static final long LOSS_AT = T - 120_000;

    private final AtomicLong clock = new AtomicLong(T);
    private final AtomicLong pace = new AtomicLong(1_000_000);
    private final Engine engine = new Engine(TrackerConfig.defaults());
    private WriterLoop writer;
    private StatusHistoryBand band;

    @Start
    void start(Stage stage) {
        band = new StatusHistoryBand();
        band.setClock(clock::get);
        band.setPaceClock(pace::get);
        band.setZone(ZoneOffset.UTC);
        stage.setScene(new Scene(band, 1060, 200));
        stage.show();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (writer != null) {
            writer.close();
        }
    }

    /**
     * Sources a/1, a/2 (group a) and b/1 (group b) send once a second for five minutes; a/1 skips 3 sequence numbers
     * at {@link #LOSS_AT}, nobody loses anything else. The judge looks just before and at the loss.
     */
    private Judgement fiveMinutes(int extraSourcesPerGroup) throws InterruptedException {
        writer = new WriterLoop(engine, clock);
        AtomicReference<Judgement> judged = new AtomicReference<>();
        Judge judge = new Judge();
        writer.feed(f -> {
            String[] srcs = {"a/1", "a/2", "b/1"};
            long[] seq = new long[srcs.length];
            for (long at = T - 300_000; at < T; at += 1000) {
                for (int i = 0; i < srcs.length; i++) {
                    seq[i] += at == LOSS_AT && i == 0 ? 4 : 1;
                    f.send(at + 10 * i, "{\"src\":\"" + srcs[i] + "\",\"seq\":" + seq[i] + "}");
                }
                if (at == LOSS_AT - 1000 || at == LOSS_AT) {
                    judged.set(judge.judge(f.publish(at + 100), at + 100));
                }
            }
            for (int k = 0; k < extraSourcesPerGroup; k++) {
                f.send(T - 500, "{\"src\":\"a/x" + k + "\",\"seq\":1}");
                f.send(T - 500, "{\"src\":\"b/x" + k + "\",\"seq\":1}");
            }
        });
        Await.onFx(() -> {
            band.setEngine(engine);
            band.setSources(engine.snapshot().sources());
            band.setJudgement(judged.get());
            band.refresh();
            return null;
        });
        Await.fx("band data", band::hasData);
        return judged.get();
    }

    @Test
    void aCellReadsTheGroupsExactLostCount() throws InterruptedException {
        fiveMinutes(0);
        assertEquals(2, (int) Await.onFx(band::rowCount));
        assertEquals("a", Await.onFx(() -> band.groupOf(0)));
        int col = Await.onFx(() -> band.columnOf(LOSS_AT));
        assertEquals(900 - 120 - 1, col, "the newest column is T's second, 07:58:00 is 120 columns before it");
        assertEquals("a   07:58:00–07:58:01   lost 3, received 2", Await.onFx(() -> band.describeCell(0, col)));
        assertEquals("b   07:58:00–07:58:01   lost 0, received 1", Await.onFx(() -> band.describeCell(1, col)));
        assertEquals("07:45:01 – 08:00:01",
                Await.onFx(() -> ((javafx.scene.control.Label) band.lookup("#history-span")).getText()));
        // The time axis: at the names' size a label needs more than a minute's room of a 1,060 px band, so every
        // second minute of the 15 (07:44 would be before the window), "now" at the right.
        assertEquals(List.of("07:46", "07:48", "07:50", "07:52", "07:54", "07:56", "07:58", "now"),
                Await.onFx(band::axisLabels));
        List<double[]> edges = Await.onFx(band::axisLabelEdges);
        for (int i = 1; i < edges.size(); i++) {
            assertTrue(edges.get(i)[0] > edges.get(i - 1)[1], "axis labels " + (i - 1) + " and " + i + " overlap");
        }
        int lostElsewhere = Await.onFx(() -> {
            int sum = 0;
            for (int r = 0; r < band.rowCount(); r++) {
                for (int c = 0; c < band.columnCount(); c++) {
                    sum += band.lostAt(r, c);
                }
            }
            return sum;
        });
        assertEquals(3, lostElsewhere, "no loss anywhere but that cell");
    }

    @Test
    void aCellsGoToTheMomentHandsOverItsGroupAndExactSpan() throws InterruptedException {
        fiveMinutes(0);
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        int col = Await.onFx(() -> band.columnOf(LOSS_AT));
        boolean inside = Await.onFx(() -> {
            band.setOnGoToMoment((group, from, millis) -> asked.add(group + " " + from + " " + millis));
            return band.goToMoment(0, col);
        });
        assertEquals(true, inside);
        assertEquals(List.of("a " + LOSS_AT + " 1000"), asked, "group a, the second 07:58:00, one second long");
        assertEquals(false, Await.onFx(() -> band.goToMoment(0, band.columnCount())), "outside the grid: nothing");
        assertEquals(1, asked.size());
    }

    @Test
    void aLaterIncrementalQueryKeepsTheOldCountsAndAddsTheNew() throws InterruptedException {
        fiveMinutes(0);
        // Two more seconds; a/1 (now at seq 302) skips 2 at T + 1 s.
        writer.feed(f -> {
            f.send(T, "{\"src\":\"a/1\",\"seq\":303}");
            f.send(T + 1000, "{\"src\":\"a/1\",\"seq\":306}");
        });
        clock.set(T + 2000);
        pace.addAndGet(1000);
        Await.onFx(() -> {
            band.refresh();
            return null;
        });
        Await.fx("second reply", () -> band.requestCount() == 2 && band.columnOf(T + 2000) == 899);
        assertEquals("a   08:00:01–08:00:02   lost 2, received 1",
                Await.onFx(() -> band.describeCell(0, band.columnOf(T + 1000))));
        assertEquals("a   07:58:00–07:58:01   lost 3, received 2",
                Await.onFx(() -> band.describeCell(0, band.columnOf(LOSS_AT))), "kept from the first reply, shifted");
    }

    @Test
    void theEpisodeIsABandFromItsStart() throws InterruptedException {
        Judgement j = fiveMinutes(0);
        Episode e = j.currentEpisode();
        assertNotNull(e, "the judge opened an episode for the loss");
        assertEquals(LOSS_AT + 100, e.startMillis());
        assertEquals(List.of(e), Await.onFx(band::drawnEpisodes));
        double x = Await.onFx(() -> band.episodeStartX(e));
        double expected = Await.onFx(() -> band.columnX(band.columnOf(LOSS_AT)) + 0.1 * (band.columnX(1) - band.columnX(0)));
        assertEquals(expected, x, 1e-9, "100 ms into the loss's second");
    }

    @Test
    void paintWorkIsGroupsTimesCellsWhateverTheSourceCount() throws InterruptedException {
        fiveMinutes(500);
        assertEquals(2 * 900L, (long) Await.onFx(band::paintedCells), "2 groups x 900 s, for 1003 sources");
        long redraws = Await.onFx(band::redrawCount);
        long requests = Await.onFx(band::requestCount);
        Await.onFx(() -> {
            for (int pulse = 0; pulse < 100; pulse++) {
                band.setSources(engine.snapshot().sources());
                band.setJudgement(Judgement.empty());
                band.tick();
            }
            return null;
        });
        assertEquals(redraws, (long) Await.onFx(band::redrawCount), "pulses hand over references, no paint");
        assertEquals(requests, (long) Await.onFx(band::requestCount), "no second request within the second");
    }

    @Test
    void theNamesColumnFitsShortNamesAtItsLeast() throws InterruptedException {
        fiveMinutes(0);
        double[] column = Await.onFx(band::labelColumnAndViewport);
        assertEquals(StatusHistoryBand.LABEL_MIN_WIDTH, column[0], 1e-9, "'a' and 'b' need no more than the least");
        assertEquals(List.of("a", "b"), Await.onFx(band::shownNames));
    }

    /**
     * Group names longer than the column may grow to: the column takes its bound (30 % of the rows' width here),
     * each name is shortened in the middle to fit it, keeping its start and its end, no two rows read the same, and
     * hovering a name shows it whole.
     */
    @Test
    void longGroupNamesAreShortenedInTheMiddleNeverAlikeAndWholeOnHover() throws InterruptedException {
        String[] groups = {"substation-north-feeder-bay-12", "substation-north-feeder-bay-13",
            "substation-south-feeder-bay-12", "pumps"};
        writer = new WriterLoop(engine, clock);
        writer.feed(f -> {
            for (long at = T - 10_000; at < T; at += 1000) {
                for (String g : groups) {
                    f.send(at, "{\"src\":\"" + g + "/unit-1\",\"seq\":" + (at - T + 10_000) / 1000 + "}");
                }
            }
        });
        Await.onFx(() -> {
            band.setEngine(engine);
            band.setSources(engine.snapshot().sources());
            band.refresh();
            return null;
        });
        Await.fx("four rows", () -> band.rowCount() == 4);
        double[] column = Await.onFx(band::labelColumnAndViewport);
        double rows = Await.onFx(() -> band.columnX(0) + band.columnCount() * (band.columnX(1) - band.columnX(0)));
        assertEquals(StatusHistoryBand.LABEL_SHARE * rows, column[0], 0.01,
                "the column at its bound: 30 % of the rows' width (the names are wider)");
        javafx.scene.text.Font font = Await.onFx(band::groupFont);
        List<String> shown = Await.onFx(band::shownNames);
        assertEquals(4, shown.size());
        assertEquals(4, shown.stream().distinct().count(), "no two rows read the same: " + shown);
        for (int r = 0; r < 4; r++) {
            int row = r;
            String name = Await.onFx(() -> band.groupOf(row));
            String s = shown.get(r);
            double w = Await.onFx(() -> {
                javafx.scene.text.Text t = new javafx.scene.text.Text(s);
                t.setFont(font);
                return t.getLayoutBounds().getWidth();
            });
            assertTrue(w <= column[0] - 16, "'" + s + "' (" + w + " px) fits its column of " + column[0]);
            if (name.equals("pumps")) {
                assertEquals("pumps", s, "a short name stays whole");
            } else {
                int cut = s.indexOf('…');
                assertTrue(cut > 0, "'" + name + "' is shortened in the middle: " + s);
                assertTrue(name.startsWith(s.substring(0, cut)) && name.endsWith(s.substring(cut + 1)),
                        "'" + s + "' keeps the start and the end of '" + name + "'");
            }
            double y = row * column[2] + column[2] / 2;
            assertEquals(name, Await.onFx(() -> band.hoverText(10, y)), "hovering the name shows it whole");
        }
    }

    @Test
    void aBandOnceWideCanBeNarrowAgain() throws Exception {
        // Its time axis once sat at the bottom as a bare Canvas, whose width (the rows' width) became the band's
        // minimum: a window made wide once could never lay its content out narrower again (clipped at 1366x768).
        StatusHistoryBand own = org.gapwatch.testutil.Await.onFx(StatusHistoryBand::new);
        Stage other = org.gapwatch.testutil.Await.onFx(() -> {
            Stage st = new Stage();
            st.setScene(new Scene(own, 1800, 200));
            st.show();
            return st;
        });
        try {
            org.gapwatch.testutil.Await.fx("laid out wide", () -> own.getWidth() >= 1700);
            org.gapwatch.testutil.Await.onFx(() -> {
                other.setWidth(900);
                return null;
            });
            org.gapwatch.testutil.Await.fx("laid out narrow again", () -> own.getWidth() <= 900);
            assertTrue(org.gapwatch.testutil.Await.onFx(() -> own.minWidth(-1)) < 900,
                    "the band's minimum width does not follow its widest layout");
        } finally {
            org.gapwatch.testutil.Await.onFx(() -> {
                other.close();
                return null;
            });
        }
    }
}
