package org.gapwatch.ui.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.JudgeConfig;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.Thresholds;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.Feed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The banner changes its rows' style classes only when what they mean changes: any change to a node's style classes,
 * even one undone at once, has the whole row's CSS worked out again at the next pulse. Removing and adding "closed"
 * on every pulse cost a fifth of the FX thread's samples at 100,000 sources (JFR, table phase of --bench-ui).
 */
@ExtendWith(ApplicationExtension.class)
class EpisodeBannerStyleTest {
    private static final long T = 1_800_000_000_000L;

    @Test
    void anEndedEpisodeShownPulseAfterPulseChangesNoStyleClass() throws Exception {
        Feed feed = new Feed();
        Judge judge = new Judge(new JudgeConfig(Thresholds.defaults(), List.of(), 1_000));
        feed.send(T, "{\"src\":\"plant/pump-7\",\"seq\":1}");
        feed.send(T + 100, "{\"src\":\"plant/pump-7\",\"seq\":5}"); // 3 lost: an episode opens
        judge.judge(feed.publish(T + 200), T + 200);
        feed.send(T + 3_000, "{\"src\":\"plant/pump-7\",\"seq\":6}");
        Judgement ended = judge.judge(feed.publish(T + 3_000), T + 3_000);
        assertNotNull(ended.latestEpisode(), "an episode");
        assertFalse(ended.latestEpisode().open(), "it ended after 1 s without loss");

        EpisodeBanner banner = Await.onFx(EpisodeBanner::new);
        Node row = Await.onFx(() -> banner.lookup(".episode-row"));
        AtomicInteger changes = new AtomicInteger();
        Await.onFx(() -> {
            banner.update(ended, T + 3_000);
            row.getStyleClass().addListener((ListChangeListener<String>) c -> changes.incrementAndGet());
            for (int pulse = 1; pulse <= 60; pulse++) {
                banner.update(ended, T + 3_000 + pulse * 16L);
            }
            return null;
        });
        assertTrue(Await.onFx(() -> row.getStyleClass().contains("closed")), "drawn as ended");
        assertEquals(0, changes.get(), "style class changes in 60 pulses of the same ended episode");
    }
}
