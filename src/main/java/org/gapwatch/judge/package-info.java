/**
 * The one judgement of every source and the loss episodes: per snapshot each source gets one {@link
 * org.gapwatch.judge.SourceState} from one set of rules ({@link org.gapwatch.judge.Judge}) and one thresholds type
 * ({@link org.gapwatch.judge.Thresholds}, per group or glob in {@link org.gapwatch.judge.JudgeConfig}). The wall,
 * table, heatmap, status bar, alarms and the {@code listen}/{@code analyze} reports read a {@link
 * org.gapwatch.judge.Judgement}; none of them computes a loss share or compares with a threshold of its own.
 * Pure Java, no JavaFX; time is always passed in. Above {@code track}, below {@code alarm}, {@code ui} and
 * {@code cli}.
 */
package org.gapwatch.judge;
