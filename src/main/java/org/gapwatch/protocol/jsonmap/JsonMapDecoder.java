package org.gapwatch.protocol.jsonmap;

import org.gapwatch.protocol.DecodeResult;
import org.gapwatch.protocol.ProtocolDecoder;
import org.gapwatch.protocol.SequenceSpace;
import org.gapwatch.protocol.Update;
import org.gapwatch.protocol.cadence.CadenceCheck;

/**
 * Decodes one subscription's datagrams through its {@link Mapping}: each mapped object is one update, as v1's. With
 * a {@code seq} pointer its number is in {@link SequenceSpace#LINEAR_63} (the rules of v1); without, loss is by
 * cadence ({@link SequenceSpace#CADENCE}, {@link CadenceCheck} per source: its {@code ts}, else the arrival,
 * against its {@code interval}; with no interval nothing is judged).
 */
public final class JsonMapDecoder implements ProtocolDecoder {
    private final Mapping mapping;
    private final JsonMapExtractor extractor;
    private final CadenceCheck cadence = new CadenceCheck();
    private final DecodeResult result = new DecodeResult(org.gapwatch.protocol.DatagramDecoder.MAX_UPDATES);

    public JsonMapDecoder(Mapping mapping) {
        this.mapping = mapping;
        this.extractor = new JsonMapExtractor(mapping);
    }

    @Override
    public DecodeResult decode(byte[] data, int off, int len, int port, long arrivalNanos) {
        result.reset();
        JsonMapExtractor.Result r = extractor.extract(data, off, len);
        if (r.rejected() != null || r.rejectedByMapping() != null) {
            result.reject(r.rejected() != null ? r.rejected() : r.rejectedByMapping());
            return result;
        }
        for (MappedUpdate m : r.updates()) {
            if (result.count() == result.capacity()) {
                break;
            }
            Update u = result.next().protocol("jsonmap").src(m.src());
            if (m.reason() != null) {
                u.reason(m.reason());
                continue;
            }
            if (mapping.hasSeq()) {
                u.seq(m.seq());
            } else {
                long time = m.ts() != Long.MIN_VALUE ? m.ts() * 1_000_000 : arrivalNanos;
                int outcome = cadence.check(m.src(), time, m.interval() * 1_000_000);
                if (outcome == CadenceCheck.REFUSED) {
                    u.reason(JsonMapReject.TOO_MANY_SOURCES);
                    continue;
                }
                u.space(SequenceSpace.CADENCE).seq(cadence.slot());
            }
            switch (m.kind()) {
                case NUMBER -> u.number(m.number()); // beyond 2^53 the nearest double
                case STRING -> u.string(m.string());
                case BOOLEAN -> u.bool(m.bool());
                case NULL -> u.nullValue();
                case ABSENT -> {
                }
            }
            u.unit(m.unit()).status(m.status() == null ? m.statusText()
                    : m.status().name().toLowerCase(java.util.Locale.ROOT));
            if (m.ts() != Long.MIN_VALUE) {
                u.ts(m.ts());
            }
            if (m.interval() > 0) {
                u.interval(m.interval());
            }
        }
        return result;
    }
}
