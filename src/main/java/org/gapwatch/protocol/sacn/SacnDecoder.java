package org.gapwatch.protocol.sacn;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.gapwatch.protocol.DecodeResult;
import org.gapwatch.protocol.ProtocolDecoder;
import org.gapwatch.protocol.SequenceSpace;
import org.gapwatch.protocol.Update;

/**
 * Decodes the E1.31 packets of one subscription (one universe's group, or discovery). A source is one CID on one
 * universe: {@code sacn/<universe>/<source name>} (renamed, counts kept, when the name changes). Each data packet
 * is one update: its 8-bit sequence number in {@link SequenceSpace#SACN_8}; value: the slots that are not zero
 * (of 512) and, as its vector, the slot levels themselves ({@link Update#levels}; only START code 0 is level
 * data: a packet with another START code keeps the last levels and count); text: priority, preview,
 * synchronisation universe, whether it wins the universe or shares the top priority with another (a conflict, as
 * sACNView shows it) and the levels of the first slots. Stream_Terminated
 * makes the update {@link Update#ended}: the source is shown ENDED, not stale; its next packet starts the lane
 * again. Staleness: the standard's network data loss timeout, 2.5 s. Discovery packets (universe 64214) make one
 * source per CID, {@code sacn/discovery/<source name>}: value the number of universes it lists, text the list.
 * Sync packets are checked and counted, not sources.
 */
public final class SacnDecoder implements ProtocolDecoder {
    static final int MAX_SOURCES = 4096;
    static final String DISCOVERY_PREFIX = "sacn/discovery/";
    static final String UNIVERSES = "universes ";
    /** The levels the text shows: the first slots, as decimals. */
    static final int LEVELS_SHOWN = 16;
    private static final long DISCOVERY_INTERVAL_MILLIS = 10_000; // E131_UNIVERSE_DISCOVERY_INTERVAL

    private final E131Packet packet = new E131Packet();
    private final UniverseArbiter arbiter = new UniverseArbiter();

    /** For tests that count the arbiter's work per packet. */
    UniverseArbiter arbiter() {
        return arbiter;
    }
    private final DecodeResult result = new DecodeResult(1);
    private final Map<Key, Source> sources = new HashMap<>();

    private record Key(long cidHigh, long cidLow, int universe) {
    }

    private static final class Source {
        String name;
        String sourceName;
        boolean ended;
        /** Non-zero slots of its last START code 0 packet, or -1 before one. */
        int nonZero = -1;
        String renamedFrom;
        final TreeSet<Integer> listed = new TreeSet<>();
    }

    @Override
    public DecodeResult decode(byte[] data, int off, int len, int port, long arrivalNanos) {
        result.reset();
        SacnReject why = packet.wrap(data, off, len);
        if (why != null) {
            result.reject(why);
            return result;
        }
        switch (packet.kind()) {
            case DATA -> data(arrivalNanos);
            case DISCOVERY -> discovery();
            case SYNC -> {
                // A sync packet only says "apply now" for its universe: nothing to account per source.
            }
        }
        return result;
    }

    private Source source(int universe, String prefix) {
        Key k = new Key(packet.cidHigh(), packet.cidLow(), universe);
        Source s = sources.get(k);
        String name = packet.sourceName();
        if (s == null) {
            if (sources.size() >= MAX_SOURCES) {
                result.reject(SacnReject.TOO_MANY_SOURCES);
                return null;
            }
            s = new Source();
            sources.put(k, s);
        }
        if (!name.equals(s.sourceName)) {
            String previous = s.name;
            s.sourceName = name;
            s.name = prefix + (name.isEmpty() ? packet.cidText() : name.replace('/', '_'));
            s.renamedFrom = previous; // the update below carries the rename

        }
        return s;
    }

    private void data(long arrivalNanos) {
        int universe = packet.universe();
        Source s = source(universe, "sacn/" + universe + "/");
        if (s == null) {
            return;
        }
        arbiter.offer(packet, arrivalNanos);
        boolean terminated = packet.streamTerminated();
        Update u = result.next().protocol("sacn").src(s.name).seq(packet.sequence()).space(SequenceSpace.SACN_8)
                .ttl(UniverseArbiter.NETWORK_DATA_LOSS_TIMEOUT_NANOS / 1_000_000).ended(terminated);
        rename(u, s);
        if (s.ended && !terminated) {
            u.resetLane(true); // a source that ended and sends again starts a new stream
        }
        s.ended = terminated;
        if (packet.startCode() == 0) {
            // Only START code 0 is level data (E1.31-2018 6.2.7, DMX512-A): the levels go with the update, as
            // a reference to the datagram (the tracker copies what it keeps), numbered by DMX address from 1.
            s.nonZero = packet.nonZeroSlots();
            u.number(s.nonZero).unit("slots").levels(packet.array(), packet.slotOffset(), packet.slotCount(), 1);
        } else if (s.nonZero >= 0) {
            // Other START codes (0xDD per-address priority, 0x17 text...) are not levels: the last levels stay.
            u.number(s.nonZero).unit("slots").sameValue(true);
        }
        u.text(text(universe, arrivalNanos));
    }

    private String text(int universe, long now) {
        StringBuilder sb = new StringBuilder();
        sb.append("priority ").append(packet.priority());
        if (packet.preview()) {
            sb.append(", preview");
        }
        if (packet.streamTerminated()) {
            sb.append(", stream terminated");
        }
        if (packet.syncAddress() != 0) {
            sb.append(", sync ").append(packet.syncAddress());
        }
        // Counts, not a list of the top sources: the same work with 1,000 sources on the universe as with one.
        int atTop = arbiter.topCount(universe, now);
        if (atTop > 1) {
            sb.append(", conflict: ").append(atTop).append(" sources at priority ")
                    .append(arbiter.topPriority(universe, now));
        } else if (atTop == 1) {
            if (arbiter.wins(universe, packet.cidHigh(), packet.cidLow(), now)) {
                sb.append(", wins");
            } else {
                sb.append(", lost to ").append(arbiter.winnerName(universe, now));
            }
        }
        if (packet.startCode() != 0) {
            sb.append(", START code 0x").append(Integer.toHexString(packet.startCode()));
        } else {
            sb.append(", levels");
            int n = Math.min(LEVELS_SHOWN, packet.slotCount());
            for (int i = 0; i < n; i++) {
                sb.append(' ').append(packet.slot(i));
            }
            if (packet.slotCount() > n) {
                sb.append(" …");
            }
        }
        return sb.toString();
    }

    private void discovery() {
        Source s = source(E131Packet.DISCOVERY_UNIVERSE, DISCOVERY_PREFIX);
        if (s == null) {
            return;
        }
        if (packet.page() == 0) {
            s.listed.clear();
        }
        for (int i = 0; i < packet.universeCount(); i++) {
            s.listed.add(packet.listedUniverse(i));
        }
        int[] list = s.listed.stream().mapToInt(Integer::intValue).toArray();
        Update u = result.next().protocol("sacn").src(s.name).space(SequenceSpace.NONE)
                .interval(DISCOVERY_INTERVAL_MILLIS).number(list.length).unit("universes")
                .text(list.length == 0 ? "no universes" : UNIVERSES + SacnUniverses.format(list));
        rename(u, s);
    }

    private static void rename(Update u, Source s) {
        if (s.renamedFrom != null) {
            u.previousSrc(s.renamedFrom);
            s.renamedFrom = null;
        }
    }
}
