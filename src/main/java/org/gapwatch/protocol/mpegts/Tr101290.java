package org.gapwatch.protocol.mpegts;

/**
 * The priority 1 indicators of ETSI TR 101 290 (5.2.1) for one stream, as event counts. Written by
 * {@link MpegTsStream}; read by anyone on the same thread (copy them for another thread).
 */
public final class Tr101290 {
    /** The indicators by their names in TR 101 290. */
    public enum Indicator {
        TS_SYNC_LOSS("TS_sync_loss"),
        SYNC_BYTE_ERROR("Sync_byte_error"),
        PAT_ERROR("PAT_error"),
        CONTINUITY_COUNT_ERROR("Continuity_count_error"),
        PMT_ERROR("PMT_error"),
        PID_ERROR("PID_error"),
        TRANSPORT_ERROR("Transport_error");

        private final String label;

        Indicator(String label) {
            this.label = label;
        }

        /** The name as TR 101 290 writes it. */
        public String label() {
            return label;
        }
    }

    private final long[] counts = new long[Indicator.values().length];

    void add(Indicator i, long n) {
        counts[i.ordinal()] += n;
    }

    public long count(Indicator i) {
        return counts[i.ordinal()];
    }

    public long tsSyncLoss() {
        return count(Indicator.TS_SYNC_LOSS);
    }

    public long syncByteError() {
        return count(Indicator.SYNC_BYTE_ERROR);
    }

    public long patError() {
        return count(Indicator.PAT_ERROR);
    }

    public long continuityCountError() {
        return count(Indicator.CONTINUITY_COUNT_ERROR);
    }

    public long pmtError() {
        return count(Indicator.PMT_ERROR);
    }

    public long pidError() {
        return count(Indicator.PID_ERROR);
    }

    public long transportError() {
        return count(Indicator.TRANSPORT_ERROR);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Indicator i : Indicator.values()) {
            s.append(s.isEmpty() ? "" : " ").append(i.label()).append('=').append(count(i));
        }
        return s.toString();
    }
}
