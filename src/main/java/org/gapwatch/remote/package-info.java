/**
 * Other probes' figures for this desktop: a poller that reads their {@code /metrics} (Prometheus text) off the FX
 * thread and publishes an immutable {@link org.gapwatch.judge.RemoteView} for the judgement and the detail view.
 * Uses the judgement's types, the settings' {@link org.gapwatch.settings.RemoteProbe} (which probe, by what name)
 * and the fault boundary only; nothing here draws or judges.
 */
package org.gapwatch.remote;
