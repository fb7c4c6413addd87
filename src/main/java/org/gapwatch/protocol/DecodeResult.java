package org.gapwatch.protocol;

/**
 * The outcome of decoding one datagram: either a whole-datagram rejection reason, or the updates it held (each
 * valid or with its own reason; none is valid too, e.g. an RTCP packet that only teaches a name). Owned by the
 * decoder and overwritten by its next call: the sink a decoder writes into, without allocating.
 */
public final class DecodeResult {
    private final Update[] updates;
    private int count;
    private Reason rejection;

    DecodeResult() {
        this(DatagramDecoder.MAX_UPDATES);
    }

    /** A result that holds up to {@code capacity} updates per datagram. */
    public DecodeResult(int capacity) {
        updates = new Update[capacity];
        for (int i = 0; i < updates.length; i++) {
            updates[i] = new Update();
        }
    }

    /** Starts a datagram: no updates, no rejection. */
    public void reset() {
        count = 0;
        rejection = null;
    }

    /** The next holder, cleared; IndexOutOfBoundsException beyond the capacity. */
    public Update next() {
        Update u = updates[count++];
        u.clear();
        return u;
    }

    /** Number of updates this result can hold. */
    public int capacity() {
        return updates.length;
    }

    /**
     * Adds copies of the updates of {@code inner} (an inner protocol's decoder: MPEG-TS inside RTP), as many as
     * there is room for; an inner whole-datagram rejection becomes this datagram's.
     */
    public void appendAll(DecodeResult inner) {
        if (inner.rejection() != null) {
            reject(inner.rejection());
            return;
        }
        for (int i = 0; i < inner.count() && count < updates.length; i++) {
            next().copyFrom(inner.get(i));
        }
    }

    /** Rejects the datagram as a whole: no update of it counts. */
    public void reject(Reason reason) {
        rejection = reason;
        count = 0;
    }

    /** The JSON reason the datagram as a whole was rejected for; null when well-formed or of another protocol. */
    public RejectReason datagramReason() {
        return rejection instanceof RejectReason r ? r : null;
    }

    /** Why the datagram as a whole was rejected, in any protocol; null when it was well-formed. */
    public Reason rejection() {
        return rejection;
    }

    public int count() {
        return count;
    }

    public Update get(int i) {
        if (i >= count) {
            throw new IndexOutOfBoundsException(i);
        }
        return updates[i];
    }
}
