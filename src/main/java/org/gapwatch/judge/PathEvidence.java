package org.gapwatch.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where along the path the probes elsewhere put an episode's loss: each answering probe's loss and receipts of the
 * episode's sources since it was first seen answering during the episode. A probe that lost while another received
 * without loss puts the loss between them. A probe whose own sockets dropped datagrams in that time is no witness
 * (its loss may be its own), and neither is one that received nothing of those sources.
 *
 * @param between    "lost at probe B but not at probe A: the loss is between A and B", or null
 * @param beforeHere "not lost at probe A: the loss is between A and here" (nothing lost at any probe), or null
 * @param upstream   "lost at every probe that answered (A, B): the loss is before them", or null
 */
record PathEvidence(String between, String beforeHere, String upstream) {
    private static final PathEvidence NONE = new PathEvidence(null, null, null);

    static PathEvidence of(Set<String> sources, Map<String, RemoteView.Probe> baseline, RemoteView now) {
        if (now.isEmpty() || sources.isEmpty()) {
            return NONE;
        }
        List<String> losing = new ArrayList<>();
        List<String> clean = new ArrayList<>();
        List<String> ownDrops = new ArrayList<>();
        for (RemoteView.Probe p : now.probes()) {
            RemoteView.Probe before = baseline.get(p.url());
            if (!p.answering() || before == null) {
                continue;
            }
            long lost = 0;
            long received = 0;
            for (String src : sources) {
                RemoteView.Reading r = p.sources().get(src);
                if (r != null) {
                    RemoteView.Reading b = before.sources().get(src);
                    lost += rise(r.lost(), b == null ? 0 : b.lost());
                    received += rise(r.received(), b == null ? 0 : b.received());
                }
            }
            long drops = p.socketDrops() < 0 || before.socketDrops() < 0 ? 0
                    : rise(p.socketDrops(), before.socketDrops());
            if (drops > 0) {
                ownDrops.add(p.name());
            } else if (lost > 0) {
                losing.add(p.name());
            } else if (received > 0) {
                clean.add(p.name());
            }
        }
        String dropsNote = ownDrops.isEmpty() ? "" : " (" + probes(ownDrops) + " dropped datagrams at "
                + (ownDrops.size() == 1 ? "its" : "their") + " own sockets)";
        if (!losing.isEmpty() && !clean.isEmpty()) {
            return new PathEvidence("lost at " + probes(losing) + " but not at " + probes(clean)
                    + ": the loss is between " + String.join(", ", clean) + " and " + String.join(", ", losing)
                    + dropsNote, null, null);
        }
        if (!clean.isEmpty()) {
            return new PathEvidence(null, "not lost at " + probes(clean) + ": the loss is between "
                    + String.join(", ", clean) + " and here" + dropsNote, null);
        }
        if (!losing.isEmpty()) {
            return new PathEvidence(null, null, "lost at every probe that answered (" + String.join(", ", losing)
                    + "): the loss is before " + (losing.size() == 1 ? "it" : "them") + dropsNote);
        }
        return NONE;
    }

    /** The rise of a counter; all of it when the counter went back (the probe restarted). */
    private static long rise(long now, long before) {
        return now >= before ? now - before : now;
    }

    private static String probes(List<String> names) {
        return (names.size() == 1 ? "probe " : "probes ") + String.join(", ", names);
    }
}
