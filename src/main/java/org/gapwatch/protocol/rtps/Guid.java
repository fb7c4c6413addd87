package org.gapwatch.protocol.rtps;

/**
 * An RTPS GUID: the 12-byte GUID prefix (its first 8 bytes big-endian in {@code prefixHigh}, the last 4 in
 * {@code prefixLow}) and the 4-byte entity id (3-byte key and kind, big-endian). A writer's GUID names a source.
 */
public record Guid(long prefixHigh, int prefixLow, int entityId) {
    /** The builtin SEDP publications writer (DCPSPublication). */
    public static final int SEDP_PUBLICATIONS_WRITER = 0x000003c2;
    /** The builtin SEDP subscriptions writer (DCPSSubscription). */
    public static final int SEDP_SUBSCRIPTIONS_WRITER = 0x000004c2;
    /** The builtin SPDP participant writer. */
    public static final int SPDP_PARTICIPANT_WRITER = 0x000100c2;

    /** True for the builtin entities (kind with 0xc0 set), whose traffic is discovery, not data. */
    public boolean builtin() {
        return builtin(entityId);
    }

    /** True for a builtin entity id (kind with 0xc0 set). */
    public static boolean builtin(int entityId) {
        return (entityId & 0xc0) == 0xc0;
    }

    @Override
    public String toString() {
        return String.format("%016x%08x:%08x", prefixHigh, prefixLow, entityId);
    }
}
