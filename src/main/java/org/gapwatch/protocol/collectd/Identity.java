package org.gapwatch.protocol.collectd;

/**
 * What a value list and a notification share: the identity, time and signature state the parts before them set,
 * as views over the reader's context (valid during the sink's call).
 */
public abstract sealed class Identity permits ValueList, Notification {
    final Context c;

    Identity(Context c) {
        this.c = c;
    }

    public String host() {
        return c.field(Context.HOST);
    }

    public String plugin() {
        return c.field(Context.PLUGIN);
    }

    /** The plugin instance, "" when none. */
    public String pluginInstance() {
        return c.field(Context.PLUGIN_INSTANCE);
    }

    public String type() {
        return c.field(Context.TYPE);
    }

    /** The type instance, "" when none. */
    public String typeInstance() {
        return c.field(Context.TYPE_INSTANCE);
    }

    /** {@code host/plugin[-plugin_instance]/type[-type_instance]}. */
    public String key() {
        return c.key();
    }

    /** The key's characters, {@code [0, keyLength())}, in the reader's array: no String made. */
    char[] keyChars() {
        return c.keyChars();
    }

    int keyLength() {
        return c.keyLength();
    }

    /** TIME_HR (or TIME in seconds, converted) in units of 2^-30 s since the epoch. */
    public long timeHr() {
        return c.timeHr;
    }

    /** True when a SIGNATURE part came before it in the datagram (not verified: Gapwatch holds no keys). */
    public boolean signed() {
        return c.signed;
    }
}
