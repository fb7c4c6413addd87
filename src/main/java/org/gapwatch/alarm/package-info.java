/**
 * Alarm handling of the desktop monitor as ISA-18.2 describes it: one row per alarm point (source and kind) on the
 * states of the judgement ({@code org.gapwatch.judge}), acknowledgement, latching, shelving, suppression by a loss
 * episode, chattering, the flood rate, rate-limited notices and CSV export. Pure Java, no JavaFX.
 */
package org.gapwatch.alarm;
