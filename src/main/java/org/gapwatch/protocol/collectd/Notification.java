package org.gapwatch.protocol.collectd;

/**
 * One notification (a MESSAGE part after a SEVERITY part), as {@link CollectdSink#notification} sees it: a view
 * over the reader's state, valid during that call. Its identity fields are those of the parts before it, as for a
 * value list; plugin and type may be empty.
 */
public final class Notification extends Identity {
    String message;

    Notification(Context c) {
        super(c);
    }

    public Severity severity() {
        return Severity.of(c.severity);
    }

    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return severity() + " " + key() + ": " + message;
    }
}
