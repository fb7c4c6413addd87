package org.gapwatch.alarm;

/**
 * One alarm point (a source and a kind) as it stands: one row, however often it alarmed. Immutable; the model
 * replaces it on every change, keeping the {@code id}.
 *
 * @param id            unique within its {@link AlarmModel}, in the order points first alarmed
 * @param firstMillis   its first activation (epoch millis)
 * @param lastMillis    its latest activation
 * @param count         activations so far
 * @param active        the condition holds now
 * @param clearedMillis when the condition last cleared, or -1 while active
 * @param shelvedUntil  shelved until this time, or -1
 * @param chattering    activated {@link AlarmModel#CHATTER_COUNT} times within {@link AlarmModel#CHATTER_MILLIS}
 * @param detail        what the latest activation was about
 * @param guidance      what to do, from the settings' rules for the source; may be empty
 */
public record Alarm(long id, String src, AlarmKind kind, long firstMillis, long lastMillis, int count,
                    boolean active, boolean acknowledged, long clearedMillis, long shelvedUntil,
                    boolean suppressed, boolean chattering, String detail, String guidance) {

    public AlarmState state() {
        if (shelvedUntil >= 0) {
            return AlarmState.SHELVED;
        }
        if (active && suppressed) {
            return AlarmState.SUPPRESSED;
        }
        if (active) {
            return acknowledged ? AlarmState.ACTIVE_ACKNOWLEDGED : AlarmState.ACTIVE_UNACKNOWLEDGED;
        }
        return acknowledged ? AlarmState.NORMAL : AlarmState.CLEARED_UNACKNOWLEDGED;
    }

    /** Waiting for an operator: not acknowledged, and neither shelved nor suppressed. */
    public boolean needsAcknowledging() {
        return !acknowledged && shelvedUntil < 0 && !(active && suppressed);
    }

    /** Kept for callers of the one-row-per-occurrence model: when it was first raised. */
    public long raisedMillis() {
        return firstMillis;
    }

    Alarm with(boolean active, boolean acknowledged, long clearedMillis, long shelvedUntil, boolean suppressed,
               boolean chattering) {
        return new Alarm(id, src, kind, firstMillis, lastMillis, count, active, acknowledged, clearedMillis,
                shelvedUntil, suppressed, chattering, detail, guidance);
    }

    Alarm activated(long now, String detail, String guidance, boolean suppressed) {
        return new Alarm(id, src, kind, firstMillis, now, count + 1, true, false, -1, shelvedUntil, suppressed,
                chattering, detail, guidance);
    }

    Alarm acknowledge() {
        return acknowledged ? this : with(active, true, clearedMillis, shelvedUntil, suppressed, chattering);
    }
}
