package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.controlsfx.control.StatusBar;
import org.gapwatch.judge.Judge;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.Feed;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/** The status bar, on a clock the test drives: figures once a second, a stopped or stalled loop at once. */
@ExtendWith(ApplicationExtension.class)
class StatusBarPresenterTest {
    private static final long T = 1_800_000_000_000L;
    private final Judge judge = new Judge();

    private final AtomicLong wall = new AtomicLong(T);
    private final InstantSource clock = () -> Instant.ofEpochMilli(wall.get());
    private final Feed feed = new Feed();

    private static org.gapwatch.ui.feed.Feed.Status live(String loopProblem, List<String> notJoined) {
        return new org.gapwatch.ui.feed.Feed.Status(List.of("239.1.2.3:5000"), "eth1", null, 0, loopProblem,
                notJoined);
    }

    private TrackerSnapshot datagrams(int from, int to, long at) {
        for (int i = from; i < to; i++) {
            feed.send(at, "{\"src\":\"a\",\"seq\":" + i + "}");
        }
        return feed.publish(at);
    }

    private void update(StatusBarPresenter p, TrackerSnapshot s, long now, org.gapwatch.ui.feed.Feed.Status status) {
        p.update(s, judge.judge(s, now), now, status);
    }

    @Test
    void ratesAreFiguredOnceASecondOfTheInjectedClock() {
        Await.onFx(() -> {
            StatusBarPresenter p = new StatusBarPresenter(new StatusBar(), clock);
            update(p, datagrams(0, 1, T), T, live(null, List.of()));
            assertEquals("0 datagrams/s", p.rateLabel().getText());
            wall.addAndGet(500);
            // Within the same second of both clocks: nothing is figured again.
            update(p, datagrams(1, 101, T + 500), T + 500, live(null, List.of()));
            assertEquals("0 datagrams/s", p.rateLabel().getText());
            wall.addAndGet(500);
            update(p, datagrams(101, 201, T + 1000), T + 1000, live(null, List.of()));
            assertEquals("200 datagrams/s", p.rateLabel().getText());
            assertEquals("239.1.2.3:5000 on eth1", p.joinedLabel().getText());
            assertFalse(p.loopsLabel().isVisible());
            return null;
        });
    }

    @Test
    void eachSecondsFiguresKeepTheLabelsTooltipsAndChangeOnlyTheirText() {
        Await.onFx(() -> {
            StatusBarPresenter p = new StatusBarPresenter(new StatusBar(), clock);
            TrackerSnapshot s = datagrams(0, 1, T);
            update(p, s, T, live(null, List.of()));
            javafx.scene.control.Tooltip joined = p.joinedLabel().getTooltip();
            assertEquals("Joined on eth1: 239.1.2.3:5000", joined.getText());
            // Each second the group is lost or joined again: the text follows, the tooltip stays the same object.
            for (int k = 1; k <= 4; k++) {
                wall.addAndGet(1_000);
                boolean lost = k % 2 == 1;
                update(p, s, T + 1_000L * k, live(null, lost ? List.of("239.1.2.3:5000 not joined") : List.of()));
                assertTrue(joined == p.joinedLabel().getTooltip(), "second " + k + ": the same tooltip");
                assertEquals(lost ? "Groups on eth1: 239.1.2.3:5000; the receiver tries again every second"
                        : "Joined on eth1: 239.1.2.3:5000", joined.getText(), "second " + k);
                assertEquals(lost ? 1 : 0, p.joinedLabel().getStyleClass().stream()
                        .filter(c -> c.equals("warning")).count(), "second " + k + ": the warning class");
            }
            return null;
        });
    }

    @Test
    void aWriterBehindWhatArrivedBySecondsIsSaidInTheWarningColourAndClears() {
        Await.onFx(() -> {
            StatusBarPresenter p = new StatusBarPresenter(new StatusBar(), clock);
            feed.send(T, "{\"src\":\"a\",\"seq\":1}");
            feed.engine().afterBatch(T + 900, false); // read what came until T; more waits
            feed.engine().publish(T + 900);
            update(p, feed.engine().snapshot(), T + 900, live(null, List.of()));
            assertFalse(p.behindLabel().isVisible(), "0.9 s behind: not said");
            feed.send(T + 100, "{\"src\":\"a\",\"seq\":2}");
            feed.engine().afterBatch(T + 2_600, false);
            feed.engine().publish(T + 2_600);
            wall.set(T + 2_600);
            update(p, feed.engine().snapshot(), T + 2_600, live(null, List.of()));
            assertEquals("⚠ 2.5 s behind", p.behindLabel().getText());
            assertTrue(p.behindLabel().isVisible());
            assertTrue(p.behindLabel().isManaged());
            assertTrue(p.behindLabel().getStyleClass().contains("warning"));
            feed.send(T + 2_500, "{\"src\":\"a\",\"seq\":3}");
            feed.engine().afterBatch(T + 3_700, true);
            feed.engine().publish(T + 3_700);
            wall.set(T + 3_700);
            update(p, feed.engine().snapshot(), T + 3_700, live(null, List.of()));
            assertFalse(p.behindLabel().isVisible(), "caught up");
            assertFalse(p.behindLabel().isManaged());
            return null;
        });
    }

    @Test
    void aStoppedOrStalledLoopIsSaidAtOnceInTheAlarmColourAndClears() {
        Await.onFx(() -> {
            StatusBarPresenter p = new StatusBarPresenter(new StatusBar(), clock);
            TrackerSnapshot s = datagrams(0, 1, T);
            update(p, s, T, live(null, List.of()));
            // The same second: a loop problem does not wait for the next one.
            update(p, s, T, live("processing stalled: no progress for 2 s with 812 datagrams waiting", List.of()));
            assertEquals("⚠ processing stalled: no progress for 2 s with 812 datagrams waiting",
                    p.loopsLabel().getText());
            assertTrue(p.loopsLabel().isVisible());
            assertTrue(p.loopsLabel().getStyleClass().contains("alarm"));
            update(p, s, T, live("processing stopped: disk on fire", List.of()));
            assertEquals("⚠ processing stopped: disk on fire", p.loopsLabel().getText());
            update(p, s, T, live(null, List.of()));
            assertFalse(p.loopsLabel().isVisible());
            assertFalse(p.loopsLabel().isManaged());
            return null;
        });
    }

    @Test
    void aGroupNotJoinedIsSaidInTheWarningColourWithItsReason() {
        Await.onFx(() -> {
            StatusBarPresenter p = new StatusBarPresenter(new StatusBar(), clock);
            update(p, datagrams(0, 1, T), T, live(null,
                    List.of("239.1.2.3:5000 not joined: interface eth1 is down, retrying")));
            assertEquals("239.1.2.3:5000 not joined: interface eth1 is down, retrying", p.joinedLabel().getText());
            assertTrue(p.joinedLabel().getStyleClass().contains("warning"));
            wall.addAndGet(1000);
            update(p, datagrams(1, 2, T + 1000), T + 1000, live(null, List.of()));
            assertEquals("239.1.2.3:5000 on eth1", p.joinedLabel().getText());
            assertFalse(p.joinedLabel().getStyleClass().contains("warning"));
            return null;
        });
    }
}
