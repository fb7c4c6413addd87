package org.gapwatch.ui.detail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.gapwatch.judge.RemoteView;

/**
 * One line of the "seen by probes" table, as shown: what one probe elsewhere says of the source. A probe that did
 * not answer shows dashes and why, never zeros; one that answered without the source says so.
 */
public record VantageRow(String probe, String received, String lost, String lastSeen) {
    static VantageRow of(RemoteView.Row r, ZoneId zone) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(zone);
        if (!r.answering()) {
            return new VantageRow(r.probe(), "—", "—", "no answer: " + r.problem()
                    + (r.answeredMillis() < 0 ? "" : " (last at " + f.format(Instant.ofEpochMilli(r.answeredMillis()))
                    + ")"));
        }
        RemoteView.Reading v = r.reading();
        if (v == null) {
            return new VantageRow(r.probe(), "—", "—", "not received there");
        }
        String seen = v.lastSeenMillis() < 0 ? "—" : f.format(Instant.ofEpochMilli(v.lastSeenMillis()));
        return new VantageRow(r.probe(), Long.toString(v.received()), Long.toString(v.lost()),
                v.stale() ? seen + " (stale)" : seen);
    }
}
