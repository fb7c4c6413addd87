package org.gapwatch.protocol.collectd;

/**
 * One notification (a MESSAGE part after a SEVERITY part), as {@link CollectdSink#notification} sees it: a view
 * over the reader's state, valid during that call. Its identity fields are those of the parts before it, as for a
 * value list; plugin and type may be empty.
 */
public final class Notification {
    final Context c;
    String message;

    Notification(Context c) {
        this.c = c;
    }

    public Severity severity() {
        return Severity.of(c.severity);
    }

    public String message() {
        return message;
    }

    public String host() {
        return c.host;
    }

    public String plugin() {
        return c.plugin;
    }

    public String pluginInstance() {
        return c.pluginInstance;
    }

    public String type() {
        return c.type;
    }

    public String typeInstance() {
        return c.typeInstance;
    }

    /** The value list key it is about ({@code host/plugin[-i]/type[-i]}, empty parts left out). */
    public String key() {
        return c.key();
    }

    public long timeHr() {
        return c.timeHr;
    }

    public boolean signed() {
        return c.signed;
    }

    @Override
    public String toString() {
        return severity() + " " + key() + ": " + message;
    }
}
