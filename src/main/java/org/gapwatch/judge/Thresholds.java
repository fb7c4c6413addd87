package org.gapwatch.judge;

import org.gapwatch.settings.Settings;

/**
 * The levels the judgement compares a source's loss with, as fractions 0..1 of the updates expected over
 * {@code window}. The default levels are the settings' ({@link Settings#DEFAULT_LOSS_WARN_PERCENT}).
 *
 * @param lossWarn  at or above this a source is {@link SourceState#LOSING}
 * @param lossAlarm at or above this it is {@link SourceState#BADLY_LOSING} (and raises a loss alarm)
 */
public record Thresholds(double lossWarn, double lossAlarm, LossWindow window) {
    public Thresholds {
        if (!(lossWarn > 0 && lossWarn <= 1) || !(lossAlarm > 0 && lossAlarm <= 1)) {
            throw new IllegalArgumentException("loss levels must be in (0, 1]: " + lossWarn + ", " + lossAlarm);
        }
        lossAlarm = Math.max(lossWarn, lossAlarm);
        window = window == null ? LossWindow.ONE_MINUTE : window;
    }

    public static Thresholds defaults() {
        return ofPercent(Settings.DEFAULT_LOSS_WARN_PERCENT, Settings.DEFAULT_LOSS_ALARM_PERCENT,
                LossWindow.ONE_MINUTE);
    }

    public static Thresholds ofPercent(double warnPercent, double alarmPercent, LossWindow window) {
        return new Thresholds(warnPercent / 100.0, alarmPercent / 100.0, window);
    }
}
