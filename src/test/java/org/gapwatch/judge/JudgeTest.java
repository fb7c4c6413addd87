package org.gapwatch.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;
import org.gapwatch.testutil.Feed;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of the judgement, each with the exact state it gives. */
class JudgeTest {
    private static final long T0 = 1_800_000_000_000L;
    private static final InetSocketAddress OTHER = new InetSocketAddress("10.0.0.2", 5000);

    private final Feed feed = new Feed();

    /** Source {@code s}: {@code received} of {@code total} sequence numbers arrive (the rest are lost), 10 ms apart. */
    private void stream(String status, int total, int received) {
        for (int seq = 1; seq <= total; seq++) {
            if (seq < received || seq == total) { // the numbers from received to total - 1 are lost
                feed.send(T0 + seq * 10L, "{\"src\":\"s\",\"seq\":" + seq + ",\"status\":\"" + status
                        + "\",\"ttl\":600000}");
            }
        }
    }

    private SourceState judged(long at, Thresholds t) {
        TrackerSnapshot snap = feed.publish(T0 + at);
        return new Judge(new JudgeConfig(t, List.of(), 10_000)).judge(snap, T0 + at).state(0);
    }

    @ParameterizedTest(name = "{0} status, {2} of {1} received -> {3}")
    @CsvSource({
            // status, sequence numbers, received, expected (levels 1 % and 5 % over the last minute)
            "ok,    100, 100, OK",
            "ok,    100,  99, LOSING",        // 1 % lost: at the losing level
            "ok,    100,  96, LOSING",        // 4 %
            "ok,    100,  95, BADLY_LOSING",  // 5 %: at the badly-losing level
            "warn,  100, 100, WARN",
            "warn,  100,  90, BADLY_LOSING",  // our loss ranks above the publisher's warn
            "alarm, 100,  90, ALARM",         // the publisher's alarm ranks above loss
            "fault, 100, 100, FAULT",
            "info,  100, 100, OK",
            "bogus, 100, 100, OK",
    })
    void statusAndLossGiveOneState(String status, int total, int received, SourceState expected) {
        stream(status, total, received);
        assertEquals(expected, judged(2_000, Thresholds.defaults()));
    }

    @Test
    void staleRanksAboveEverything() {
        stream("fault", 100, 50);
        assertEquals(SourceState.STALE, judged(700_000, Thresholds.defaults()));
    }

    @Test
    void twoSendersWithinTheStalenessTimeAreAConflict() {
        feed.send(T0, "{\"src\":\"s\",\"seq\":1,\"status\":\"alarm\",\"ttl\":5000}");
        feed.send(T0 + 100, "{\"src\":\"s\",\"seq\":2,\"status\":\"alarm\",\"ttl\":5000}", OTHER);
        assertEquals(SourceState.CONFLICT, judged(200, Thresholds.defaults()));
    }

    @Test
    void invalidDatagramsFromItsSenderInTheLastMinuteMarkASourceThatIsOtherwiseOk() {
        feed.send(T0, "{\"src\":\"s\",\"seq\":1,\"ttl\":600000}");
        feed.send(T0 + 100, "{\"src\":\"s\",\"seq\":-5}");
        assertEquals(SourceState.INVALID_INPUT, judged(1_000, Thresholds.defaults()));
        assertEquals(SourceState.OK, judged(61_000, Thresholds.defaults()), "a minute later it is forgotten");
    }

    @Test
    void theFiveMinuteFigureDrivesLosingWhenChosen() {
        stream("ok", 100, 90); // 10 % lost, in the first second
        // Two minutes later the last minute is clean: by the 1-minute figure OK, by the 5-minute one still losing.
        for (int k = 0; k < 100; k++) {
            feed.send(T0 + 120_000 + k * 10L, "{\"src\":\"s\",\"seq\":" + (101 + k) + ",\"ttl\":600000}");
        }
        assertEquals(SourceState.OK, judged(121_000, Thresholds.ofPercent(1, 5, LossWindow.ONE_MINUTE)));
        assertEquals(SourceState.BADLY_LOSING, judged(121_000, Thresholds.ofPercent(1, 5, LossWindow.FIVE_MINUTES)));
    }

    @Test
    void thresholdsFollowTheFirstRuleThatMatchesTheSource() {
        JudgeConfig c = new JudgeConfig(Thresholds.ofPercent(1, 5, LossWindow.ONE_MINUTE), List.of(
                new ThresholdRule("plant/**", Thresholds.ofPercent(0.1, 0.5, LossWindow.ONE_MINUTE), ""),
                new ThresholdRule("lab", Thresholds.ofPercent(10, 50, LossWindow.ONE_MINUTE), "")), 10_000);
        for (String src : List.of("plant/a/b", "lab/x", "other/y")) {
            for (int seq = 1; seq <= 100; seq++) {
                if (seq != 50 && seq != 51) { // 2 % lost at each
                    feed.send(T0 + seq * 10L, "{\"src\":\"" + src + "\",\"seq\":" + seq + ",\"ttl\":600000}");
                }
            }
        }
        Judgement j = new Judge(c).judge(feed.publish(T0 + 2_000), T0 + 2_000);
        assertEquals(List.of(SourceState.BADLY_LOSING, SourceState.OK, SourceState.LOSING),
                List.of(j.state(0), j.state(1), j.state(2)));
        assertEquals(0.02, j.loss(0), 1e-12);
        assertEquals(1, j.count(SourceState.LOSING));
    }
}
