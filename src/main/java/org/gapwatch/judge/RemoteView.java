package org.gapwatch.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What probes elsewhere on the path see of the sources, as their {@code /metrics} said at the last poll: an input
 * to the judgement like the snapshot, made off the FX thread by a poller and immutable. The judgement compares the
 * probes' loss during an episode to say where along the path the loss starts; views show {@link #rows} as they are.
 *
 * <p>A probe that did not answer the last poll has a {@link Probe#problem()} and keeps the figures of its last
 * answer (shown as such, never as zero); the judgement takes no evidence from it.
 */
public final class RemoteView {
    public static final RemoteView NONE = new RemoteView(List.of());

    private final List<Probe> probes;

    /**
     * One probe as the last poll found it.
     *
     * @param name          how it is shown and named in evidence: the name the settings give it, else the URL's
     *                      {@code host:port}
     * @param polledMillis  when the last poll ended, or -1 before the first
     * @param answeredMillis when it last answered, or -1 if never
     * @param problem       why the last poll got no figures ("connection refused", "HTTP 500", ...), null if it did
     * @param socketDrops   datagrams the probe's own sockets dropped since it started, or -1 where it does not know
     * @param skipped       lines or samples of the last answer skipped as malformed (counted, not believed)
     * @param sources       per source name, its figures at the last answer
     */
    public record Probe(String name, String url, long polledMillis, long answeredMillis, String problem,
                        long socketDrops, int skipped, Map<String, Reading> sources) {
        public Probe {
            sources = Map.copyOf(sources);
        }

        public boolean answering() {
            return problem == null && answeredMillis >= 0;
        }
    }

    /**
     * A source's counters at one probe.
     *
     * @param lastSeenMillis the last poll at which the probe had it not stale, or -1 if never
     */
    public record Reading(long received, long lost, boolean stale, long lastSeenMillis) {
    }

    /** One probe's line for one source: {@code reading} null where the probe never reported the source. */
    public record Row(String probe, String problem, long answeredMillis, Reading reading) {
        public boolean answering() {
            return problem == null;
        }
    }

    public RemoteView(List<Probe> probes) {
        this.probes = List.copyOf(probes);
    }

    public List<Probe> probes() {
        return probes;
    }

    public boolean isEmpty() {
        return probes.isEmpty();
    }

    /** What every probe says of {@code src}, in the order of the settings' list; empty when no probe is polled. */
    public List<Row> rows(String src) {
        List<Row> out = new ArrayList<>(probes.size());
        for (Probe p : probes) {
            out.add(new Row(p.name(), p.answering() ? null : p.problem() == null ? "not polled yet" : p.problem(),
                    p.answeredMillis(), p.sources().get(src)));
        }
        return out;
    }
}
