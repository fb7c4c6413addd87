package org.gapwatch.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.gapwatch.settings.Settings;

/**
 * Everything the judgement is configured with: the default {@code thresholds}, rules per group or glob (the first that
 * matches a source wins), and how long loss must stay away before a loss episode ends.
 *
 * @param quietMillis an episode ends when no loss was seen for this long
 */
public record JudgeConfig(Thresholds thresholds, List<ThresholdRule> rules, long quietMillis) {
    public static final long DEFAULT_QUIET_MILLIS = Settings.DEFAULT_EPISODE_QUIET_MILLIS;
    /** A source whose sender sent an invalid datagram this recently is {@link SourceState#INVALID_INPUT}. */
    public static final long INVALID_WINDOW_MILLIS = 60_000;

    public JudgeConfig {
        thresholds = thresholds == null ? Thresholds.defaults() : thresholds;
        rules = rules == null ? List.of() : List.copyOf(rules);
        quietMillis = quietMillis <= 0 ? DEFAULT_QUIET_MILLIS : quietMillis;
    }

    public static JudgeConfig defaults() {
        return new JudgeConfig(Thresholds.defaults(), List.of(), DEFAULT_QUIET_MILLIS);
    }

    /** The judgement the settings ask for. */
    public static JudgeConfig from(Settings s) {
        Settings.Judging j = s.judging();
        LossWindow window = LossWindow.of(j.lossWindow());
        List<ThresholdRule> rules = new ArrayList<>();
        for (Settings.Rule r : j.rules()) {
            rules.add(new ThresholdRule(r.glob(),
                    Thresholds.ofPercent(r.lossWarnPercent(), r.lossAlarmPercent(), window), r.guidance()));
        }
        return new JudgeConfig(Thresholds.ofPercent(s.lossWarnPercent(), s.lossAlarmPercent(), window), rules,
                j.episodeQuietMillis());
    }

    /** The matchers of the rules, in order. */
    List<Pattern> patterns() {
        return rules.stream().map(ThresholdRule::pattern).toList();
    }

    /** The rule for {@code src}, or null when only the defaults apply (the globs are compiled once, see Glob). */
    public ThresholdRule ruleFor(String src) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).pattern().matcher(src).matches()) {
                return rules.get(i);
            }
        }
        return null;
    }

    public Thresholds thresholdsFor(String src) {
        ThresholdRule r = ruleFor(src);
        return r == null ? thresholds : r.thresholds();
    }

    /** What to do about an alarm of {@code src}, from the first rule that names it with guidance; "" if none. */
    public String guidanceFor(String src) {
        for (int i = 0; i < rules.size(); i++) {
            if (!rules.get(i).guidance().isEmpty() && rules.get(i).pattern().matcher(src).matches()) {
                return rules.get(i).guidance();
            }
        }
        return "";
    }
}
