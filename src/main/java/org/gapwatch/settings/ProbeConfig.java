package org.gapwatch.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration of a headless probe ({@code listen --config FILE}, e.g. {@code /etc/gapwatch/probe.json}), in
 * the JSON of the desktop's settings: the same names for the same things. Unlike the settings it is strict: a field
 * it does not know (a typo), a wrong type or a value out of range is an error naming the file, so that a service
 * does not run quietly with something else than its administrator wrote. Fields left out (null) take the command
 * line's or the defaults.
 *
 * @param groups                  subscriptions, each as {@code --group} takes it; at least one
 * @param networkInterface        interface name or address to join on
 * @param lossWarnPercent         loss share (%) at which a source counts as losing (exported for alert rules)
 * @param lossAlarmPercent        loss share (%) at which a source counts as badly losing
 * @param defaultStaleMillis      staleness of a source that gives no ttl or interval
 * @param maxSources              most sources tracked
 * @param receiveBuffer           receive buffer to ask the kernel for, bytes
 * @param metrics                 {@code ADDRESS:PORT} to serve {@code /metrics} on
 * @param metricsMaxSourceSeries  most sources exported with series of their own
 */
public record ProbeConfig(List<String> groups, String networkInterface, Double lossWarnPercent,
                          Double lossAlarmPercent, Long defaultStaleMillis, Integer maxSources, Integer receiveBuffer,
                          String metrics, Integer metricsMaxSourceSeries) {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    /** Reads and checks {@code file}; any problem is an {@link IllegalArgumentException} with one line. */
    public static ProbeConfig load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw bad(file, "no such file");
        } catch (IOException e) {
            throw bad(file, "cannot read it: " + e.getMessage());
        }
        ProbeConfig c;
        try {
            c = MAPPER.readValue(bytes, ProbeConfig.class);
        } catch (JacksonException e) {
            throw bad(file, firstLine(e.getOriginalMessage()) + where(e.getLocation()));
        }
        if (c == null) {
            throw bad(file, "empty (expected a JSON object with \"groups\")");
        }
        c.check(file);
        return c;
    }

    private void check(Path file) {
        if (groups == null || groups.isEmpty()) {
            throw bad(file, "\"groups\" is missing or empty: a probe needs at least one group");
        }
        if (groups.stream().anyMatch(g -> g == null || g.isBlank())) {
            throw bad(file, "\"groups\" has an empty entry");
        }
        if (networkInterface != null && networkInterface.isBlank()) {
            throw bad(file, "\"networkInterface\" is empty: leave it out for the default");
        }
        inRange(file, "lossWarnPercent", lossWarnPercent, 0.001, 100);
        inRange(file, "lossAlarmPercent", lossAlarmPercent, 0.001, 100);
        if (lossWarnPercent != null && lossAlarmPercent != null && lossAlarmPercent < lossWarnPercent) {
            throw bad(file, "\"lossAlarmPercent\" (" + lossAlarmPercent + ") is below \"lossWarnPercent\" ("
                    + lossWarnPercent + ")");
        }
        inRange(file, "defaultStaleMillis", defaultStaleMillis, 100, 86_400_000);
        inRange(file, "maxSources", maxSources, 1, Integer.MAX_VALUE);
        inRange(file, "receiveBuffer", receiveBuffer, 65_536, Integer.MAX_VALUE);
        inRange(file, "metricsMaxSourceSeries", metricsMaxSourceSeries, 1, Integer.MAX_VALUE);
        if (metrics != null && metrics.isBlank()) {
            throw bad(file, "\"metrics\" is empty: leave it out for no metrics");
        }
    }

    private static void inRange(Path file, String name, Number value, double min, double max) {
        if (value != null && !(value.doubleValue() >= min && value.doubleValue() <= max)) {
            throw bad(file, "\"" + name + "\" is " + value + ", must be " + plain(min) + " to " + plain(max));
        }
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** One line naming the file: what the service's journal shows. */
    public static IllegalArgumentException bad(Path file, String why) {
        return new IllegalArgumentException("config " + file + ": " + why);
    }

    private static String where(TokenStreamLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "not valid JSON";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
