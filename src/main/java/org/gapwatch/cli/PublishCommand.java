package org.gapwatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.PublishStream;
import org.gapwatch.net.Publisher;
import org.gapwatch.net.RtpStream;
import org.gapwatch.net.TsStream;
import org.gapwatch.net.SimulatedStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A realistic simulated publisher, for trying Gapwatch and for tests that need an exact expected loss. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Send a simulated status stream to a multicast group.")
public final class PublishCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--group", paramLabel = "[PROTO://]G:P", required = true,
            description = "Group to send to, ADDRESS:PORT (JSON v1), or rtp://ADDRESS:PORT[?clock=HZ] for RTP "
                    + "streams (one SSRC per source, RTCP with CNAME on port + 1), or mpegts://ADDRESS:PORT for one "
                    + "transport stream (7 TS packets a datagram, one PID per source; --loss skips TS packets).")
    String group;

    @Option(names = "--interface", paramLabel = "IF", description = "Interface to send through (default: the system's choice).")
    String networkInterface;

    @Option(names = "--ttl", paramLabel = "N", description = "Multicast TTL / hop limit (default: ${DEFAULT-VALUE}; 0 stays on this host).")
    int ttl = Publisher.DEFAULT_TTL;

    @Option(names = "--sources", paramLabel = "N", description = "Number of sources (default: ${DEFAULT-VALUE}).")
    int sources = 10;

    @Option(names = "--rate", paramLabel = "UPDATES_PER_S",
            description = "Updates per second over all sources; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate = 100;

    /** One update in 1,000 s: slower than that is no stream to watch, and --count would take days to end. */
    static final double MIN_RATE = 0.001;
    /** Beyond any network; above it the spacing between updates would round to nothing anyway. */
    static final double MAX_RATE = 1e9;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N sequence numbers (sent or skipped).")
    Long count;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class, description = "Stop after this long.")
    Duration duration;

    @Option(names = "--loss", paramLabel = "FRACTION", description = "Skip this share of sequence numbers on purpose.")
    double loss;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--session", paramLabel = "ID", description = "Session id sent with every update (default: pub-SEED).")
    String session;

    @Option(names = "--json", description = "Print the final report as JSON.")
    boolean json;

    @Option(names = "--seq-start", paramLabel = "N", description = "RTP: first sequence number of every stream "
            + "(0-65535; default: random, as RFC 3550 asks).")
    Integer seqStart;

    @Option(names = "--payload-type", paramLabel = "PT", description = "RTP: payload type (default: ${DEFAULT-VALUE}).")
    int payloadType = 96;

    private static final int RTP_CLOCK_DEFAULT = 90_000;

    @Override
    public Integer call() {
        if (count != null && duration != null) {
            throw new ParameterException(spec.commandLine(), "give --count or --duration, not both");
        }
        if (count != null && count < 0) {
            throw new ParameterException(spec.commandLine(), "--count must not be negative");
        }
        if (!(rate == 0 || (rate >= MIN_RATE && rate <= MAX_RATE))) {
            throw new ParameterException(spec.commandLine(), "--rate must be 0 (as fast as possible) or "
                    + MIN_RATE + "-" + (long) MAX_RATE + " updates per second, not " + rate);
        }
        InterfaceOption.check(spec, networkInterface);
        if (sources < 1 || sources > 10_000_000) {
            throw new ParameterException(spec.commandLine(), "--sources must be in 1-10000000");
        }
        if (!(loss >= 0 && loss < 1)) {
            throw new ParameterException(spec.commandLine(), "--loss must be a fraction in [0, 1)");
        }
        GroupSpec g;
        try {
            g = GroupSpec.parse(group);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean rtp = "rtp".equals(g.protocol());
        boolean ts = "mpegts".equals(g.protocol());
        if (!g.json() && !rtp && !ts) {
            throw new ParameterException(spec.commandLine(), "publish sends json, rtp and mpegts, not "
                    + g.protocol());
        }
        if (ts && (sources < 1 || sources > 64)) {
            throw new ParameterException(spec.commandLine(), "--sources is the number of PIDs for mpegts://, 1-64");
        }
        if (seqStart != null && (!rtp || seqStart < 0 || seqStart > 65535)) {
            throw new ParameterException(spec.commandLine(), "--seq-start is for rtp://, in 0-65535");
        }
        if (payloadType < 0 || payloadType > 127 || (payloadType >= 72 && payloadType <= 95)) {
            throw new ParameterException(spec.commandLine(), "--payload-type must be in 0-71 or 96-127");
        }
        long interval = rate > 0 ? Math.max(1, Math.round(sources * 1000.0 / rate)) : 0;
        PublishStream stream = ts ? new TsStream(sources, seed, loss) : rtp
                ? new RtpStream(sources, seed, loss, seqStart == null ? -1 : seqStart, payloadType,
                        Integer.parseInt(g.options().getOrDefault("clock", Integer.toString(RTP_CLOCK_DEFAULT))),
                        rate > 0 ? rate / sources : 50)
                : new SimulatedStream(sources, seed, loss, interval, session != null ? session : "pub-" + seed);
        long sent = 0;
        byte[] buf = new byte[65_536];
        try (Publisher publisher = new Publisher(g, networkInterface, ttl);
             Publisher control = rtp && g.sockets().size() > 1
                     ? new Publisher(g.sockets().get(1), networkInterface, ttl) : null) {
            long nextControl = 0;
            long start = System.nanoTime();
            long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
            long limit = count == null ? Long.MAX_VALUE : count;
            double nanosPerUpdate = rate > 0 ? 1e9 / rate : 0;
            long i = 0;
            while (i < limit) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                if (nanosPerUpdate > 0) {
                    long due = start + (long) (i * nanosPerUpdate);
                    if (due - now > 200_000) {
                        LockSupport.parkNanos(Math.min(due - now - 100_000, 50_000_000));
                        continue;
                    }
                }
                if (control != null && now >= nextControl) {
                    // RTCP once a second: sender report and CNAME of every stream.
                    nextControl = now + 1_000_000_000L;
                    for (int s = 0; s < stream.sources(); s++) {
                        int n = stream.control(buf, s, System.currentTimeMillis());
                        control.send(buf, 0, n);
                    }
                }
                int len = stream.next(buf, System.currentTimeMillis());
                i++;
                if (len > 0 && publisher.send(buf, 0, len)) {
                    sent++;
                }
            }
            for (int s = 0; s < stream.sources(); s++) {
                int len = stream.closing(buf, s, System.currentTimeMillis());
                if (len > 0 && publisher.send(buf, 0, len)) {
                    sent++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.printf("{\"sent\":%d,\"skipped\":%d,\"sources\":%d,\"sendErrors\":%d,\"seconds\":%.3f}%n",
                        sent, stream.skipped(), sources, publisher.sendErrors(), seconds);
            } else {
                out.printf("published %d datagrams to %s via %s (ttl %d) in %.2f s; skipped %d sequence numbers on"
                                + " purpose (every one detectable)%s%n", sent, g, publisher.interfaceName(), ttl,
                        seconds, stream.skipped(),
                        publisher.sendErrors() > 0 ? "; " + publisher.sendErrors() + " send errors" : "");
            }
            if (StandardOut.failed(out, spec.commandLine().getErr())) {
                return 1;
            }
        }
        return 0;
    }
}
