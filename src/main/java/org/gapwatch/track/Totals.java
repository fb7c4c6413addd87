package org.gapwatch.track;

/**
 * Counters over all sources.
 *
 * @param datagrams       datagrams handed to the tracker, valid or not
 * @param received        updates counted as received (in order or late)
 * @param invalidDatagrams datagrams rejected as a whole
 * @param invalidUpdates  updates rejected inside otherwise valid datagrams
 * @param socketDrops     datagrams the kernel dropped at this machine's sockets, or -1 where that is unknown
 */
public record Totals(long datagrams, long received, long lost, long late, long duplicates, long restarts,
                     long invalidDatagrams, long invalidUpdates, long rejectedSources, int sources,
                     long socketDrops) {

    public long invalid() {
        return invalidDatagrams + invalidUpdates;
    }

    public boolean socketDropsKnown() {
        return socketDrops >= 0;
    }
}
