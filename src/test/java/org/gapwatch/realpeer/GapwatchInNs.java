package org.gapwatch.realpeer;

import java.util.List;
import java.util.function.Predicate;
import org.gapwatch.engine.Engine;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.MulticastReceiver;
import org.gapwatch.net.ReceiverConfig;
import org.gapwatch.track.LaneView;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;

/**
 * Gapwatch's own receiver inside a namespace: the real {@link MulticastReceiver} and {@link Engine}, its sockets
 * opened (and joined on the namespace's lo) from a thread that entered the namespace. What a test then reads is
 * what {@code gapwatch listen} would count.
 */
final class GapwatchInNs implements AutoCloseable {
    private final Engine engine = new Engine(TrackerConfig.defaults());
    private final MulticastReceiver receiver;
    /** The subscriptions, for {@code analyze} of a capture with the same groups. */
    final List<GroupSpec> groups;

    private GapwatchInNs(Netns ns, List<GroupSpec> groups, String device) throws Exception {
        this.groups = groups;
        engine.setResources(org.gapwatch.files.MappingFiles::read); // jsonmap's mappings, as the commands give
        receiver = ns.open(() -> new MulticastReceiver(engine, new ReceiverConfig(groups, device)));
        receiver.start();
    }

    /** Joins the groups (any protocol's spec, {@code rtp://G:P}) inside the namespace and starts receiving. */
    static GapwatchInNs start(Netns ns, String... specs) throws Exception {
        return new GapwatchInNs(ns, java.util.Arrays.stream(specs).map(GroupSpec::parse).toList(), "lo");
    }

    /** As {@link #start(Netns, String...)}, joined on another device of the namespace (a veth end). */
    static GapwatchInNs startOn(Netns ns, String device, String... specs) throws Exception {
        return new GapwatchInNs(ns, java.util.Arrays.stream(specs).map(GroupSpec::parse).toList(), device);
    }

    TrackerSnapshot snapshot() {
        return engine.snapshot();
    }

    /** Datagrams the engine has accounted (every datagram the sockets got, valid or not). */
    long datagrams() {
        return snapshot().totals().datagrams();
    }

    /** The first source the predicate takes in the newest snapshot, or null. */
    SourceView source(Predicate<SourceView> which) {
        return snapshot().sources().stream().filter(which).findFirst().orElse(null);
    }

    List<SourceView> sources(String protocol) {
        return snapshot().sources().stream().filter(v -> protocol.equals(v.protocol())).toList();
    }

    /** The lanes of a source, read on the writer thread. */
    List<LaneView> lanes(String src) {
        return engine.query(t -> t.history(src, System.currentTimeMillis()).lanes()).join();
    }

    /** Waits until the engine has accounted {@code n} datagrams and published them. */
    void awaitDatagrams(long n) {
        Netns.awaitTrue(() -> datagrams() >= n, n + " datagrams accounted by Gapwatch (has " + datagrams() + ")");
    }

    @Override
    public void close() {
        receiver.close();
    }
}
