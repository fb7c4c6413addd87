package org.gapwatch.protocol;

/**
 * The outcome of decoding one datagram: either a whole-datagram rejection reason, or the updates it held (each
 * valid or with its own reason). Owned by the decoder and overwritten by its next call.
 */
public final class DecodeResult {
    private final Update[] updates = new Update[DatagramDecoder.MAX_UPDATES];
    private int count;
    private RejectReason datagramReason;

    DecodeResult() {
        for (int i = 0; i < updates.length; i++) {
            updates[i] = new Update();
        }
    }

    void reset() {
        count = 0;
        datagramReason = null;
    }

    Update next() {
        Update u = updates[count++];
        u.clear();
        return u;
    }

    void reject(RejectReason reason) {
        datagramReason = reason;
        count = 0;
    }

    /** Null when the datagram as a whole was well-formed. */
    public RejectReason datagramReason() {
        return datagramReason;
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
