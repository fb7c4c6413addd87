package org.gapwatch.track;

/**
 * Limits and staleness defaults of a {@link Tracker}.
 *
 * @param maxSources       sources beyond this many are rejected and counted, so invented names cannot exhaust memory
 * @param defaultStaleMillis staleness when a source gives no ttl or interval and has too few arrivals for a median
 * @param minMedianStaleMillis floor of the median-based staleness
 */
public record TrackerConfig(int maxSources, long defaultStaleMillis, long minMedianStaleMillis) {
    public static final int DEFAULT_MAX_SOURCES = 100_000;

    public static TrackerConfig defaults() {
        return new TrackerConfig(DEFAULT_MAX_SOURCES, 5_000, 1_000);
    }

    public TrackerConfig withMaxSources(int n) {
        return new TrackerConfig(n, defaultStaleMillis, minMedianStaleMillis);
    }
}
