package org.gapwatch.testutil;

import org.gapwatch.protocol.SequenceSpace;
import org.gapwatch.protocol.Update;

/**
 * The one builder of test updates: tests that are not about a wire format make their updates here instead of
 * spelling JSON (or RTP bytes) by hand. Each call gives a fresh holder; chain the setters of {@link Update}.
 */
public final class Updates {
    private Updates() {
    }

    /** A JSON v1 update: lane 0, 63-bit numbers. */
    public static Update update(String src, long seq) {
        return new Update().src(src).seq(seq);
    }

    /** An update of an RTP source: 16-bit numbers, RFC 3550 A.1. */
    public static Update rtp(String src, int seq) {
        return new Update().src(src).seq(seq).protocol("rtp").space(SequenceSpace.RTP_16);
    }

    /** An update in lane {@code lane} of a source whose lanes count in {@code space} (PTP, MPEG-TS). */
    public static Update lane(String protocol, String src, int lane, SequenceSpace space, long seq) {
        return new Update().src(src).seq(seq).protocol(protocol).lane(lane).space(space);
    }
}
