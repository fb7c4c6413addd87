/**
 * Alarm model of the desktop monitor: raises one alarm per episode of a source being stale, losing datagrams,
 * reporting alarm/fault or being claimed by two senders; keeps the log, acknowledgement, rate-limited notices and
 * CSV export. Pure Java, no JavaFX.
 */
package org.gapwatch.alarm;
