package org.gapwatch.alarm;

/**
 * What raises an alarm.
 *
 * @param lossRaiseFraction a loss alarm is raised when the share lost over the last minute exceeds this (0..1)
 * @param lossClearFraction and resolved when it falls to this or below; a little lower than the raise level so a
 *                          source hovering at the threshold does not flap
 * @param stale             raise when a source goes stale
 * @param status            raise when a source reports {@code alarm} or {@code fault}
 * @param conflict          raise when two senders claim one source
 */
public record AlarmThresholds(double lossRaiseFraction, double lossClearFraction, boolean stale, boolean status,
                              boolean conflict) {

    public AlarmThresholds {
        if (!(lossRaiseFraction >= 0 && lossRaiseFraction <= 1)) {
            throw new IllegalArgumentException("loss threshold must be between 0 and 1: " + lossRaiseFraction);
        }
        if (!(lossClearFraction >= 0 && lossClearFraction <= lossRaiseFraction)) {
            throw new IllegalArgumentException("loss clear level must be between 0 and the raise level: "
                    + lossClearFraction);
        }
    }

    /** 1% lost over a minute raises, 0.5% clears; stale, status and conflict alarms on. */
    public static AlarmThresholds defaults() {
        return new AlarmThresholds(0.01, 0.005, true, true, true);
    }

    /** Same switches, a loss alarm above {@code fraction} that clears at half of it. */
    public AlarmThresholds withLoss(double fraction) {
        return new AlarmThresholds(fraction, fraction / 2, stale, status, conflict);
    }
}
