package org.gapwatch.alarm;

/**
 * One episode of an alarm condition on one source, immutable: acknowledging or resolving it yields a new value with
 * the same {@code id}.
 *
 * @param id            unique within its {@link AlarmModel}, increasing in the order alarms were raised
 * @param raisedMillis  when the condition was first seen (epoch millis)
 * @param resolvedMillis when the condition ended, or -1 while it holds
 */
public record Alarm(long id, long raisedMillis, String src, AlarmKind kind, String detail, boolean acknowledged,
                    long resolvedMillis) {

    public AlarmState state() {
        return resolvedMillis < 0 ? AlarmState.ACTIVE : AlarmState.RESOLVED;
    }

    public boolean active() {
        return resolvedMillis < 0;
    }

    Alarm acknowledge() {
        return acknowledged ? this : new Alarm(id, raisedMillis, src, kind, detail, true, resolvedMillis);
    }

    Alarm resolve(long nowMillis) {
        return new Alarm(id, raisedMillis, src, kind, detail, acknowledged, nowMillis);
    }
}
