package org.gapwatch.alarm;

/**
 * A notification to show: one alarm, or a summary of {@code suppressed} alarms held back by the rate limit.
 *
 * @param alarm the alarm, or null for a summary
 */
public record Notice(String title, String text, Alarm alarm, int suppressed) {
    public boolean summary() {
        return alarm == null;
    }
}
