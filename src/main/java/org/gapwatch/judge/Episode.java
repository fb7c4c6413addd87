package org.gapwatch.judge;

import java.util.List;

/**
 * A loss episode: from the first loss seen until loss stayed away for the quiet time. Immutable.
 *
 * @param startMillis first loss seen (the judgement's time)
 * @param endMillis   last loss seen, or -1 while the episode is still open
 * @param sources     the sources that lost during it, in the order they first lost
 * @param lost        updates lost during it, over all its sources
 * @param socketDrops datagrams this machine's sockets dropped during it, or -1 where that is unknown
 * @param evidence    the facts the cause rests on, in words
 */
public record Episode(long id, long startMillis, long endMillis, Cause cause, String evidence, List<String> sources,
                      long lost, long socketDrops) {
    public Episode {
        // An open episode's list is a view that judgements share (EpisodeSources): immutable already.
        sources = EpisodeSources.isView(sources) ? sources : List.copyOf(sources);
    }

    public boolean open() {
        return endMillis < 0;
    }

    /** One line for a status bar or a notification: "the network: 12 senders and 3 groups lost in the same seconds...". */
    public String summary() {
        return cause.label() + ": " + evidence;
    }
}
