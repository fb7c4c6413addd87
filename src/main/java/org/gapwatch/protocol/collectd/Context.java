package org.gapwatch.protocol.collectd;

/** The identity, time and interval that the parts of one datagram set in turn (collectd's value_list_t). */
final class Context {
    String host = "";
    String plugin = "";
    String pluginInstance = "";
    String type = "";
    String typeInstance = "";
    long timeHr;
    long intervalHr;
    long severity;
    boolean signed;
    private String key;

    void reset() {
        host = plugin = pluginInstance = type = typeInstance = "";
        timeHr = intervalHr = severity = 0;
        signed = false;
        key = null;
    }

    void identityChanged() {
        key = null;
    }

    String key() {
        if (key == null) {
            StringBuilder s = new StringBuilder(host.length() + plugin.length() + type.length() + 16);
            s.append(host).append('/').append(plugin);
            if (!pluginInstance.isEmpty()) {
                s.append('-').append(pluginInstance);
            }
            s.append('/').append(type);
            if (!typeInstance.isEmpty()) {
                s.append('-').append(typeInstance);
            }
            key = s.toString();
        }
        return key;
    }
}
