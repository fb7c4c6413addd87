package org.gapwatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP helpers for tests of a running probe: its metrics URL from its stderr, and plain GETs. */
final class ProbeHttp {
    private static final Pattern METRICS_URL = Pattern.compile("metrics on (http://\\S+/metrics)");

    private ProbeHttp() {
    }

    /** The URL the probe said it serves metrics on (it was started with port 0, so it chose one). */
    static String metricsUrl(Launcher l) {
        l.awaitStderr("metrics on http");
        Matcher m = METRICS_URL.matcher(l.stderr());
        if (!m.find()) {
            throw new AssertionError("no metrics URL in: " + l.stderr());
        }
        return m.group(1);
    }

    /** The body of a GET, or "" when nothing answers (yet). */
    static String get(String url) {
        try (HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
