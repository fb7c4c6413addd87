package org.gapwatch.remote;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.gapwatch.fault.Faults;
import org.gapwatch.fault.Idle;
import org.gapwatch.fault.LoopRunner;
import org.gapwatch.judge.RemoteView;
import org.gapwatch.settings.RemoteProbe;

/**
 * Polls the {@code /metrics} of other probes about once every {@link #PERIOD_MILLIS} on a loop of its own (never
 * the FX thread), asking only for the figures compared ({@link #QUERY}: the probe's server filters by name), and
 * publishes what they said as one immutable {@link RemoteView}: {@link #latest()} never blocks. All probes of a
 * round are asked at once with short timeouts, so one that does not answer delays nobody; it is marked with why
 * ("connection refused", "no answer within 2 s", "HTTP 404") and keeps its last figures, never zeros.
 */
public final class ProbePoller implements AutoCloseable {
    public static final long PERIOD_MILLIS = 1_000;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(2);
    /** The most of one answer read; a larger one is refused (a probe's filtered answer is a few MB at most). */
    static final long MAX_BODY_BYTES = 32L << 20;
    static final String QUERY = "?name%5B%5D=gapwatch_received_total&name%5B%5D=gapwatch_lost_total"
            + "&name%5B%5D=gapwatch_stale&name%5B%5D=gapwatch_socket_drops_total";

    private final HttpClient http;
    private final LongSupplier clock;
    private final LoopRunner loop;
    private final AtomicReference<RemoteView> latest = new AtomicReference<>(RemoteView.NONE);
    private volatile List<RemoteProbe> probes;
    /** The poller's own, on the loop's thread (or the caller of {@link #pollOnce} when not started). */
    private final Map<String, RemoteView.Probe> last = new HashMap<>();

    /** @param probes the probes' {@code /metrics} URLs and names, as the settings list them */
    public ProbePoller(List<RemoteProbe> probes, LongSupplier clock, Faults faults) {
        this.probes = List.copyOf(probes);
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.loop = faults.runner("probes", () -> {
            if (probes().isEmpty()) {
                latest.set(RemoteView.NONE);
                return 0;
            }
            pollOnce();
            return 0;
        }, Idle.park(PERIOD_MILLIS * 1_000_000L));
    }

    public ProbePoller start() {
        loop.start();
        return this;
    }

    /** Polls these from the next round on (at once); any thread. A renamed probe keeps its figures. */
    public void setProbes(List<RemoteProbe> next) {
        probes = List.copyOf(next);
        loop.wake();
    }

    public List<RemoteProbe> probes() {
        return probes;
    }

    /** What the probes said at the last round; {@link RemoteView#NONE} when none is polled. Any thread. */
    public RemoteView latest() {
        return latest.get();
    }

    /** One round: asks every probe at once, waits for each at most the answer timeout, publishes and returns it. */
    public RemoteView pollOnce() {
        List<RemoteProbe> now = probes;
        List<CompletableFuture<HttpResponse<byte[]>>> asked = new ArrayList<>(now.size());
        for (RemoteProbe p : now) {
            asked.add(ask(p.url()));
        }
        List<RemoteView.Probe> probes = new ArrayList<>(now.size());
        Map<String, RemoteView.Probe> next = new HashMap<>();
        for (int i = 0; i < now.size(); i++) {
            RemoteProbe target = now.get(i);
            RemoteView.Probe p = answer(target, asked.get(i), last.get(target.url()));
            probes.add(p);
            next.put(target.url(), p);
        }
        last.clear();
        last.putAll(next);
        RemoteView view = new RemoteView(probes);
        latest.set(view);
        return view;
    }

    private CompletableFuture<HttpResponse<byte[]>> ask(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + QUERY)).timeout(ANSWER_TIMEOUT)
                    .header("Accept", "text/plain; version=0.0.4").GET().build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.limiting(
                    HttpResponse.BodyHandlers.ofByteArray(), MAX_BODY_BYTES));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IOException("bad URL: " + e.getMessage()));
        }
    }

    private RemoteView.Probe answer(RemoteProbe target, CompletableFuture<HttpResponse<byte[]>> f,
                                    RemoteView.Probe before) {
        String url = target.url();
        String name = target.shownName();
        long answered = before == null ? -1 : before.answeredMillis();
        long drops = before == null ? -1 : before.socketDrops();
        Map<String, RemoteView.Reading> kept = before == null ? Map.of() : before.sources();
        String problem;
        try {
            HttpResponse<byte[]> r = f.get(ANSWER_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            if (r.statusCode() != 200) {
                problem = "HTTP " + r.statusCode();
            } else {
                long now = clock.getAsLong();
                ProbeReadings readings = ProbeReadings.of(Exposition.parse(
                        new String(r.body(), StandardCharsets.UTF_8), ProbeReadings.NAMES));
                return new RemoteView.Probe(name, url, now, now, null, readings.socketDrops, readings.skipped,
                        readings.readings(kept, now));
            }
        } catch (TimeoutException e) {
            f.cancel(true);
            problem = "no answer within " + ANSWER_TIMEOUT.toSeconds() + " s";
        } catch (ExecutionException e) {
            problem = why(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        return new RemoteView.Probe(name, url, clock.getAsLong(), answered, problem, drops, 0, kept);
    }

    private static String why(Throwable t) {
        if (t instanceof HttpConnectTimeoutException) {
            return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (t instanceof HttpTimeoutException) {
            return "no answer within " + ANSWER_TIMEOUT.toSeconds() + " s";
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    @Override
    public void close() {
        loop.close(Duration.ofSeconds(3));
        http.close();
    }
}
