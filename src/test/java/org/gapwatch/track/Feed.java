package org.gapwatch.track;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.gapwatch.protocol.DatagramDecoder;
import org.gapwatch.protocol.DecodeResult;

/** Feeds JSON text into a tracker as datagrams, with a clock the test controls. */
final class Feed {
    static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);
    final Tracker tracker;
    final DatagramDecoder decoder = new DatagramDecoder();
    long now = 1_700_000_000_000L;

    Feed(Tracker tracker) {
        this.tracker = tracker;
    }

    Feed() {
        this(new Tracker(TrackerConfig.defaults()));
    }

    Feed json(String text) {
        return json(text, SENDER);
    }

    Feed json(String text, InetSocketAddress sender) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        DecodeResult r = decoder.decode(b, 0, b.length);
        tracker.datagram(r, b, 0, b.length, sender, now);
        return this;
    }

    /** One update per sequence number for source {@code src}, 100 ms apart. */
    Feed seqs(String src, long... seqs) {
        for (long s : seqs) {
            json("{\"src\":\"" + src + "\",\"seq\":" + s + "}");
            now += 100;
        }
        return this;
    }

    SourceView view(String src) {
        TrackerSnapshot snap = tracker.snapshot(now);
        for (SourceView v : snap.sources()) {
            if (v.src().equals(src)) {
                return v;
            }
        }
        return null;
    }
}
