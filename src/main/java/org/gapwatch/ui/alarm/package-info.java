/**
 * Alarm list ({@link org.gapwatch.ui.alarm.AlarmListView}), the 1 Hz driver that evaluates the engine's snapshots
 * ({@link org.gapwatch.ui.alarm.AlarmMonitor}) and ControlsFX pop-ups behind the rate limiter
 * ({@link org.gapwatch.ui.alarm.EpisodeBanner}, which replaced pop-up notifications). The model itself is {@code org.gapwatch.alarm}.
 */
package org.gapwatch.ui.alarm;
