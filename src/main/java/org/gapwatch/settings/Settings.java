package org.gapwatch.settings;

import java.util.List;

/**
 * Everything the desktop monitor remembers between runs. Immutable; {@code with...} methods make changed copies.
 * Values a file leaves out or gives out of range are replaced by the defaults, so an old or hand-edited file
 * still loads.
 *
 * @param groups           subscriptions, each {@code ADDRESS:PORT} or {@code ADDRESS:PORT@SOURCE}
 * @param networkInterface interface to join on (name), or null for the system's choice
 * @param lossWarnPercent  loss (over {@link Judging#lossWindow()}) at or above which a source counts as losing
 * @param lossAlarmPercent loss at or above which a source is badly losing and raises a loss alarm
 * @param defaultStaleMillis staleness of a source that gives no ttl or interval
 * @param theme            {@code dark} or {@code light}
 * @param zoom             font zoom, 0.5 .. 3
 * @param tileWidth        wall tile width in pixels, or 0 to fit all tiles on the screen
 * @param view             {@code wall} or {@code table}
 * @param window           last window bounds, or null
 * @param hiddenColumns    ids of table columns the user hid
 * @param judging          which loss figure drives "losing", rules per group or glob, the episodes' quiet time;
 *                         a file without it (older versions) gets the defaults
 * @param metricsAddress   {@code ADDRESS:PORT} to serve {@code /metrics} for Prometheus on, or null for none
 * @param probes           probes elsewhere ({@code http://probe-a:9477/metrics}, each with an optional name) whose
 *                         figures the detail view and the episodes' evidence compare with this machine's; entries
 *                         that are not http(s) URLs are dropped, and a URL listed twice keeps its first entry (a
 *                         file older than this setting has none; one older than the names has plain URL strings)
 * @param recent           how much the always-on recent ring keeps (a file older than this setting: the defaults)
 */
public record Settings(List<String> groups, String networkInterface, double lossWarnPercent,
                       double lossAlarmPercent, long defaultStaleMillis, String theme, double zoom,
                       double tileWidth, String view, WindowBounds window, List<String> hiddenColumns,
                       Judging judging, String metricsAddress, List<RemoteProbe> probes, Recent recent) {

    public static final String DARK = "dark";
    public static final String LIGHT = "light";
    public static final String WALL = "wall";
    public static final String TABLE = "table";
    /** The default loss levels, in percent: written here only (the judgement's defaults are these). */
    public static final double DEFAULT_LOSS_WARN_PERCENT = 1.0;
    public static final double DEFAULT_LOSS_ALARM_PERCENT = 5.0;
    public static final long DEFAULT_EPISODE_QUIET_MILLIS = 10_000;

    public Settings {
        groups = groups == null ? List.of() : List.copyOf(groups.stream().filter(g -> g != null && !g.isBlank())
                .map(String::trim).distinct().toList());
        networkInterface = networkInterface == null || networkInterface.isBlank() ? null : networkInterface.trim();
        lossWarnPercent = finiteIn(lossWarnPercent, 0.001, 100, DEFAULT_LOSS_WARN_PERCENT);
        lossAlarmPercent = finiteIn(lossAlarmPercent, 0.001, 100, DEFAULT_LOSS_ALARM_PERCENT);
        if (lossAlarmPercent < lossWarnPercent) {
            lossAlarmPercent = lossWarnPercent;
        }
        defaultStaleMillis = defaultStaleMillis < 100 || defaultStaleMillis > 86_400_000 ? 5_000 : defaultStaleMillis;
        theme = LIGHT.equals(theme) ? LIGHT : DARK;
        zoom = finiteIn(zoom, 0.5, 3, 1.0);
        tileWidth = tileWidth == 0 ? 0 : finiteIn(tileWidth, 60, 600, 0);
        view = TABLE.equals(view) ? TABLE : WALL;
        hiddenColumns = hiddenColumns == null ? List.of() : List.copyOf(hiddenColumns.stream()
                .filter(c -> c != null).toList());
        judging = judging == null ? Judging.defaults() : judging;
        metricsAddress = metricsAddress == null || metricsAddress.isBlank() ? null : metricsAddress.trim();
        // One entry per URL (the first one's name), only http(s) URLs.
        java.util.Set<String> urls = new java.util.HashSet<>();
        probes = probes == null ? List.of() : List.copyOf(probes.stream()
                .filter(p -> p != null && p.url() != null && isProbeUrl(p.url()) && urls.add(p.url())).toList());
        recent = recent == null ? Recent.defaults() : recent;
    }

    /** Backwards-compatible constructor: the recent ring's defaults. */
    public Settings(List<String> groups, String networkInterface, double lossWarnPercent, double lossAlarmPercent,
                    long defaultStaleMillis, String theme, double zoom, double tileWidth, String view,
                    WindowBounds window, List<String> hiddenColumns, Judging judging, String metricsAddress,
                    List<RemoteProbe> probes) {
        this(groups, networkInterface, lossWarnPercent, lossAlarmPercent, defaultStaleMillis, theme, zoom, tileWidth,
                view, window, hiddenColumns, judging, metricsAddress, probes, null);
    }

    /** Backwards-compatible constructor: no probes. */
    public Settings(List<String> groups, String networkInterface, double lossWarnPercent, double lossAlarmPercent,
                    long defaultStaleMillis, String theme, double zoom, double tileWidth, String view,
                    WindowBounds window, List<String> hiddenColumns, Judging judging, String metricsAddress) {
        this(groups, networkInterface, lossWarnPercent, lossAlarmPercent, defaultStaleMillis, theme, zoom, tileWidth,
                view, window, hiddenColumns, judging, metricsAddress, null);
    }

    /** An absolute http or https URL with a host: what a probe's {@code /metrics} can be polled at. */
    public static boolean isProbeUrl(String text) {
        try {
            java.net.URI u = new java.net.URI(text);
            return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null && u.getRawQuery() == null && u.getRawFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Backwards-compatible constructor: the judging defaults. */
    public Settings(List<String> groups, String networkInterface, double lossWarnPercent, double lossAlarmPercent,
                    long defaultStaleMillis, String theme, double zoom, double tileWidth, String view,
                    WindowBounds window, List<String> hiddenColumns) {
        this(groups, networkInterface, lossWarnPercent, lossAlarmPercent, defaultStaleMillis, theme, zoom, tileWidth,
                view, window, hiddenColumns, null, null, null);
    }

    public static Settings defaults() {
        return new Settings(List.of(), null, DEFAULT_LOSS_WARN_PERCENT, DEFAULT_LOSS_ALARM_PERCENT, 5_000, DARK, 1.0, 0, WALL, null, List.of());
    }

    private static double finiteIn(double v, double min, double max, double fallback) {
        return Double.isFinite(v) && v >= min && v <= max ? v : fallback;
    }

    public Settings withGroups(List<String> g) {
        return new Settings(g, networkInterface, lossWarnPercent, lossAlarmPercent, defaultStaleMillis, theme, zoom,
                tileWidth, view, window, hiddenColumns, judging, metricsAddress, probes, recent);
    }

    public Settings withNetworkInterface(String i) {
        return new Settings(groups, i, lossWarnPercent, lossAlarmPercent, defaultStaleMillis, theme, zoom,
                tileWidth, view, window, hiddenColumns, judging, metricsAddress, probes, recent);
    }

    public Settings withThresholds(double warn, double alarm) {
        return new Settings(groups, networkInterface, warn, alarm, defaultStaleMillis, theme, zoom,
                tileWidth, view, window, hiddenColumns, judging, metricsAddress, probes, recent);
    }

    public Settings withDefaultStaleMillis(long ms) {
        return new Settings(groups, networkInterface, lossWarnPercent, lossAlarmPercent, ms, theme, zoom,
                tileWidth, view, window, hiddenColumns, judging, metricsAddress, probes, recent);
    }

    public Settings withTheme(String t) {
        return new Settings(groups, networkInterface, lossWarnPercent, lossAlarmPercent, defaultStaleMillis, t, zoom,
                tileWidth, view, window, hiddenColumns, judging, metricsAddress, probes, recent);
    }

    public Settings withZoom(double z) {
        return new Settings(groups, networkInterface, lossWarnPercent, lossAlarmPercent, defaultStaleMillis, theme, z,
                tileWidth, view, window, hiddenColumns, judging, metricsAddress, probes, recent);
    }

    public Settings withTileWidth(double w) {
        return new Settings(groups, networkInterface, lossWarnPercent, lossAlarmPercent, defaultStaleMillis, theme,
                zoom, w, view, window, hiddenColumns, judging, metricsAddress, probes, recent);
    }

    public Settings withView(String v) {
        return new Settings(groups, networkInterface, lossWarnPercent, lossAlarmPercent, defaultStaleMillis, theme,
                zoom, tileWidth, v, window, hiddenColumns, judging, metricsAddress, probes, recent);
    }

    public Settings withWindow(WindowBounds w) {
        return new Settings(groups, networkInterface, lossWarnPercent, lossAlarmPercent, defaultStaleMillis, theme,
                zoom, tileWidth, view, w, hiddenColumns, judging, metricsAddress, probes, recent);
    }

    public Settings withHiddenColumns(List<String> h) {
        return new Settings(groups, networkInterface, lossWarnPercent, lossAlarmPercent, defaultStaleMillis, theme,
                zoom, tileWidth, view, window, h, judging, metricsAddress, probes, recent);
    }

    public Settings withJudging(Judging j) {
        return new Settings(groups, networkInterface, lossWarnPercent, lossAlarmPercent, defaultStaleMillis, theme,
                zoom, tileWidth, view, window, hiddenColumns, j, metricsAddress, probes, recent);
    }

    public Settings withMetricsAddress(String a) {
        return new Settings(groups, networkInterface, lossWarnPercent, lossAlarmPercent, defaultStaleMillis, theme,
                zoom, tileWidth, view, window, hiddenColumns, judging, a, probes, recent);
    }

    public Settings withProbes(List<RemoteProbe> p) {
        return new Settings(groups, networkInterface, lossWarnPercent, lossAlarmPercent, defaultStaleMillis, theme,
                zoom, tileWidth, view, window, hiddenColumns, judging, metricsAddress, p, recent);
    }

    public Settings withRecent(Recent r) {
        return new Settings(groups, networkInterface, lossWarnPercent, lossAlarmPercent, defaultStaleMillis, theme,
                zoom, tileWidth, view, window, hiddenColumns, judging, metricsAddress, probes, r);
    }

    /**
     * The always-on recent ring: the last {@code minutes} of datagrams in at most {@code mebibytes} MiB on disk,
     * whichever is smaller; 0 in either turns it off. Out of range (0-1440 min, 0-65536 MiB): the defaults.
     */
    public record Recent(Integer minutes, Integer mebibytes) {
        public static final int DEFAULT_MINUTES = 5;
        public static final int DEFAULT_MEBIBYTES = 256;

        // Boxed so that a field missing from a hand-written file is null, hence the default: read as a primitive it
        // would be 0, which turns the ring off without a word.
        public Recent {
            minutes = minutes == null || minutes < 0 || minutes > 1440 ? DEFAULT_MINUTES : minutes;
            mebibytes = mebibytes == null || mebibytes < 0 || mebibytes > 65536 ? DEFAULT_MEBIBYTES : mebibytes;
        }

        public static Recent defaults() {
            return new Recent(DEFAULT_MINUTES, DEFAULT_MEBIBYTES);
        }

        public boolean off() {
            return minutes == 0 || mebibytes == 0;
        }
    }

    /**
     * How sources are judged beyond the two default levels.
     *
     * @param lossWindow         {@code 1m} or {@code 5m}: the loss figure the levels apply to
     * @param rules              levels and guidance per group or glob, first match wins
     * @param episodeQuietMillis a loss episode ends after this long without loss
     */
    public record Judging(String lossWindow, List<Rule> rules, long episodeQuietMillis) {
        public Judging {
            lossWindow = "5m".equals(lossWindow) ? "5m" : "1m";
            rules = rules == null ? List.of() : List.copyOf(rules.stream()
                    .filter(r -> r != null && r.glob() != null && !r.glob().isBlank()).toList());
            episodeQuietMillis = episodeQuietMillis < 1000 || episodeQuietMillis > 3_600_000
                    ? DEFAULT_EPISODE_QUIET_MILLIS : episodeQuietMillis;
        }

        public static Judging defaults() {
            return new Judging("1m", List.of(), DEFAULT_EPISODE_QUIET_MILLIS);
        }
    }

    /** Levels (percent) and guidance for the sources a glob names, e.g. {@code plant/**}. */
    public record Rule(String glob, double lossWarnPercent, double lossAlarmPercent, String guidance) {
        public Rule {
            glob = glob == null ? null : glob.trim();
            lossWarnPercent = finiteIn(lossWarnPercent, 0.001, 100, DEFAULT_LOSS_WARN_PERCENT);
            lossAlarmPercent = Math.max(lossWarnPercent, finiteIn(lossAlarmPercent, 0.001, 100, 5.0));
            guidance = guidance == null ? "" : guidance.trim();
        }
    }

    /** Window position and size; {@code maximized} and {@code fullScreen} as the user left them. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
        public boolean usable() {
            return Double.isFinite(x) && Double.isFinite(y) && width >= 200 && height >= 150
                    && width < 100_000 && height < 100_000;
        }
    }
}
