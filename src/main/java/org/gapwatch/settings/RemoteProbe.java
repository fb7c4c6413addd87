package org.gapwatch.settings;

import java.net.URI;

/**
 * A probe elsewhere on the path, as the settings list it: its {@code /metrics} URL and the name it is shown and
 * named by in the detail view and the episodes' evidence ({@code "rack 12"}); without a name, the URL's
 * {@code host:port}. In the settings file an object {@code {"url": "http://10.0.0.5:9464/metrics", "name": "rack 12"}},
 * or a plain URL string as older versions wrote it.
 *
 * @param url  an http(s) URL without query ({@link Settings#isProbeUrl}), trimmed
 * @param name the name given, trimmed; null when none (blank is none)
 */
public record RemoteProbe(String url, String name) {
    public RemoteProbe {
        url = url == null ? null : url.trim();
        name = name == null || name.isBlank() ? null : name.strip();
    }

    /** A probe named by its URL alone; also how the settings file's older plain-string entries are read. */
    public static RemoteProbe valueOf(String url) {
        return new RemoteProbe(url, null);
    }

    /** The name shown: the one given, else the URL's {@code host:port}. */
    public String shownName() {
        if (name != null) {
            return name;
        }
        try {
            URI u = URI.create(url);
            String host = u.getHost() == null ? url : u.getHost();
            return u.getPort() < 0 ? host : host + ":" + u.getPort();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
