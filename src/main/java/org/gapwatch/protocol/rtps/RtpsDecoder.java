package org.gapwatch.protocol.rtps;

import org.gapwatch.protocol.DecodeResult;
import org.gapwatch.protocol.ProtocolDecoder;
import org.gapwatch.protocol.SequenceSpace;
import org.gapwatch.protocol.SourceNames;
import org.gapwatch.protocol.Update;

/**
 * Decodes the RTPS messages of one subscription. A source is one user writer GUID (builtin discovery writers are
 * not sources): {@code dds/<guid>} until SEDP names its topic, then {@code dds/<topic>/<guid>} (renamed, counts
 * kept). Its 64-bit writer sequence numbers are {@link SequenceSpace#LINEAR_63}: a DATA (or the first DATA_FRAG of a
 * sample seen) is an update; a HEARTBEAT is the sender's word {@link Update#sentUpTo} (numbers up to its last not
 * received are lost now); a GAP's numbers are {@link Update#irrelevant} (not lost). Value: samples per second over
 * the last second; text: topic and type names from SEDP when seen. The payload is not decoded.
 * <p>A submessage of a known writer allocates nothing: writers are found by the GUID's numbers as the submessage
 * holds them ({@link GuidMap}), their names made once and kept in a {@link SourceNames}, whose id the updates carry
 * so that the tracker finds the source by id. Bounded: at most {@value #MAX_WRITERS} writers (more are
 * counted {@link RtpsReject#TOO_MANY_WRITERS}) and what SEDP said of at most {@value #MAX_TOPICS} writers (a new one
 * beyond forgets them all; a writer keeps the name it has, and SEDP repeats). Not thread-safe.
 */
public final class RtpsDecoder implements ProtocolDecoder, RtpsSink {
    static final int MAX_WRITERS = 4096;
    static final int MAX_TOPICS = 2 * MAX_WRITERS;
    /** Names kept: a name or two per writer (before and after SEDP), renames on top. */
    static final int MAX_NAMES = 4 * MAX_WRITERS;
    private static final long SECOND = 1_000_000_000L;

    private final RtpsReader reader = new RtpsReader();
    private final DecodeResult result = new DecodeResult(512);
    private final GuidMap<Writer> writers = new GuidMap<>(MAX_WRITERS);
    private final GuidMap<SedpPublication> topics = new GuidMap<>(MAX_TOPICS);
    private final SourceNames names = new SourceNames(MAX_NAMES);
    private final char[] nameChars = new char[SourceNames.MAX_NAME_CHARS];
    /** Where the submessages beyond what one result holds are written: nowhere. */
    private final Update overflow = new Update();
    private long now;

    private static final class Writer {
        final Guid guid;
        String name;
        /** The name's id in {@link #names}, -1 for a name too long to keep there. */
        int nameId = -1;
        String renamedFrom;
        String text;
        long lastFragmentSn = -1;
        long secondStart;
        int inSecond;
        double rate = -1;

        Writer(Guid guid) {
            this.guid = guid;
        }
    }

    @Override
    public DecodeResult decode(byte[] data, int off, int len, int port, long arrivalNanos) {
        result.reset();
        now = arrivalNanos;
        RtpsReject why = reader.read(data, off, len, this);
        if (why != null) {
            if (result.count() == 0 && why != RtpsReject.BAD_SEQUENCE) {
                result.reject(why);
            } else if (result.count() < result.capacity()) {
                result.next().protocol("rtps").reason(why);
            }
        }
        return result;
    }

    @Override
    public void data(Submessage s) {
        int entity = s.writerId();
        if (entity == Guid.SEDP_PUBLICATIONS_WRITER && s.kind() == Submessage.DATA) {
            SedpPublication p = SedpPublication.of(s);
            if (p != null && p.writer() != null) {
                topics.put(p.writer(), p);
                Writer w = writers.get(p.writer());
                if (w != null) {
                    name(w);
                }
            }
            return;
        }
        if (Guid.builtin(entity)) {
            return;
        }
        Writer w = writer(s);
        if (w == null) {
            return;
        }
        long sn = s.sequence();
        if (s.kind() == Submessage.DATA_FRAG) {
            if (sn == w.lastFragmentSn) {
                return; // another fragment of a sample already counted
            }
            w.lastFragmentSn = sn;
        }
        if (now - w.secondStart >= SECOND) {
            w.rate = w.secondStart == 0 ? -1 : w.inSecond * (double) SECOND / (now - w.secondStart);
            w.secondStart = now;
            w.inSecond = 0;
        }
        w.inSecond++;
        Update u = update(w).seq(sn);
        if (w.rate >= 0) {
            u.number(Math.round(w.rate * 10) / 10.0).unit("samples/s");
        }
        u.text(w.text);
        if (s.hasTimestamp()) {
            u.ts(s.timestampNanos() / 1_000_000);
        }
    }

    @Override
    public void heartbeat(Submessage s) {
        if (Guid.builtin(s.writerId())) {
            return;
        }
        Writer w = writer(s);
        if (w != null && s.lastSequence() >= 1) {
            update(w).sentUpTo(s.lastSequence());
        }
    }

    @Override
    public void gap(Submessage s) {
        if (Guid.builtin(s.writerId())) {
            return;
        }
        Writer w = writer(s);
        if (w == null) {
            return;
        }
        long start = s.gapStart();
        long base = s.bitmapBase();
        if (base > start) {
            update(w).irrelevant(start, base - 1);
        }
        int bits = s.numBits();
        for (int i = 0; i < bits; i++) {
            if (!s.bit(i)) {
                continue;
            }
            int j = i;
            while (j + 1 < bits && s.bit(j + 1)) {
                j++;
            }
            update(w).irrelevant(base + i, base + j);
            i = j;
        }
    }

    private Update update(Writer w) {
        if (result.count() == result.capacity()) {
            overflow.clear(); // beyond what one datagram may carry: written nowhere
            return overflow;
        }
        Update u = src(result.next().protocol("rtps"), w).space(SequenceSpace.LINEAR_63);
        if (w.renamedFrom != null) {
            u.previousSrc(w.renamedFrom);
            w.renamedFrom = null;
        }
        return u;
    }

    private Writer writer(Submessage s) {
        Writer w = writers.get(s.sourcePrefixHigh(), s.sourcePrefixLow(), s.writerId());
        if (w == null) {
            if (writers.size() >= MAX_WRITERS) {
                if (result.count() < result.capacity()) {
                    result.next().protocol("rtps").reason(RtpsReject.TOO_MANY_WRITERS);
                }
                return null;
            }
            Guid g = s.writer();
            w = new Writer(g);
            writers.put(g, w);
            name(w);
        }
        return w;
    }

    /** The writer's name as the update's source: by its id while the table still has that name under it. */
    private Update src(Update u, Writer w) {
        if (w.nameId >= 0 && names.name(w.nameId) != w.name) {
            register(w); // the table was full and forgot its names
        }
        return w.nameId >= 0 ? u.src(names, w.nameId) : u.src(w.name);
    }

    /** Puts the writer's name in the table, taking the table's String for it. */
    private void register(Writer w) {
        int len = w.name.length();
        w.nameId = -1;
        if (len <= SourceNames.MAX_NAME_CHARS) {
            w.name.getChars(0, len, nameChars, 0);
            w.nameId = names.id(nameChars, 0, len);
            w.name = names.name(w.nameId);
        }
    }

    SourceNames names() {
        return names;
    }

    /** Writers kept. */
    int writerCount() {
        return writers.size();
    }

    /** Writers SEDP described that are kept, and how many times that table was full and forgot them all. */
    int topicCount() {
        return topics.size();
    }

    long topicClears() {
        return topics.clears();
    }

    /** The writer's name and text from what SEDP said of it, if anything; a changed name is a rename. */
    private void name(Writer w) {
        SedpPublication p = topics.get(w.guid);
        String name = p == null || p.topicName() == null ? "dds/" + w.guid
                : "dds/" + p.topicName().replace('/', '_') + "/" + w.guid;
        w.text = p == null ? null : "topic " + p.topicName() + ", type " + p.typeName();
        if (w.name != null && !w.name.equals(name)) {
            w.renamedFrom = w.name;
        }
        w.name = name;
        register(w);
    }
}
