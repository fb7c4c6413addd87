package org.gapwatch.protocol.collectd;

/** A notification's severity (collectd's NOTIF_FAILURE 1, NOTIF_WARNING 2, NOTIF_OKAY 4). */
public enum Severity {
    FAILURE, WARNING, OKAY, UNKNOWN;

    public static Severity of(long code) {
        return code == 1 ? FAILURE : code == 2 ? WARNING : code == 4 ? OKAY : UNKNOWN;
    }
}
