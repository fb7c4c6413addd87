/**
 * Export of the engine's figures to Prometheus: a collector that turns the newest published snapshot into metric
 * families on each scrape, and the HTTP server that serves them. Reads snapshots only, never the writer's state.
 */
package org.gapwatch.export;
