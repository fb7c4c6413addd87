package org.gapwatch.protocol.collectd;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads collectd's binary network protocol (network plugin, protocol version 5): a datagram is a run of parts, each
 * {@code type (u16 BE), length (u16 BE, header included), body}. String parts (HOST, PLUGIN, PLUGIN_INSTANCE, TYPE,
 * TYPE_INSTANCE, MESSAGE) are NUL-terminated; number parts (TIME, TIME_HR, INTERVAL, INTERVAL_HR, SEVERITY) hold a
 * u64 BE; a VALUES part holds {@code count (u16 BE)}, count type bytes, then count 8-byte values: gauge as a
 * little-endian double, counter, derive and absolute as big-endian 64-bit integers. Each part sets one field of the
 * context; a VALUES part completes a value list from the context, a MESSAGE part a notification. A SIGNATURE part
 * (HMAC-SHA256 and user name) is counted and the parts after it are read and marked signed, not verified; an
 * ENCRYPTION part rejects the rest ({@link CollectdReject#ENCRYPTED}). Unknown part types are skipped, as collectd
 * skips them.
 *
 * <p>Like collectd's receiver: a value list without time, host, plugin or type is not delivered (counted
 * {@link #incompleteValueLists}); a MESSAGE without a known severity or time before it is skipped; reading stops at
 * the first bad part. Any bytes: no exception, one pass over the datagram. Strings longer than collectd's 128-byte
 * buffers are refused as collectd refuses them. Not thread-safe: one reader per receive thread.
 */
public final class CollectdReader {
    public static final int DEFAULT_PORT = 25826;
    public static final String DEFAULT_GROUP = "239.192.74.66";
    public static final String DEFAULT_GROUP_V6 = "ff18::efc0:4a42";
    /** The most values one part can hold: (65535 - 6) / 9. */
    public static final int MAX_VALUES = 7281;
    /** collectd's DATA_MAX_NAME_LEN: a string part's text and NUL. */
    public static final int MAX_STRING = 128;
    /** NOTIF_MAX_MSG_LEN. */
    public static final int MAX_MESSAGE = 256;

    public static final int HOST = 0x0000, TIME = 0x0001, PLUGIN = 0x0002, PLUGIN_INSTANCE = 0x0003, TYPE = 0x0004,
            TYPE_INSTANCE = 0x0005, VALUES = 0x0006, INTERVAL = 0x0007, TIME_HR = 0x0008, INTERVAL_HR = 0x0009,
            MESSAGE = 0x0100, SEVERITY = 0x0101, SIGNATURE = 0x0200, ENCRYPTION = 0x0210;

    private final Context context = new Context();
    private final ValueList valueList = new ValueList(context);
    private final Notification notification = new Notification(context);
    /** The last message and signer, returned again while their bytes repeat. */
    private final FieldString message = new FieldString();
    private final FieldString signerName = new FieldString();

    private int valueLists;
    private int notifications;
    private int incomplete;
    private int signedParts;
    private int unknownParts;
    private String signer = "";

    /**
     * Reads one datagram, handing each value list and notification to the sink in order. Returns null when the
     * datagram was read to its end, else why the rest was not (what came before was delivered).
     */
    public CollectdReject read(byte[] b, int off, int len, CollectdSink sink) {
        context.reset();
        valueLists = notifications = incomplete = signedParts = unknownParts = 0;
        signer = "";
        if (off < 0 || len < 4 || off + len > b.length || off + len < 0) {
            return CollectdReject.TOO_SHORT;
        }
        int p = off;
        int end = off + len;
        while (p < end) {
            if (end - p < 4) {
                return CollectdReject.BAD_PART_LENGTH;
            }
            int type = u16(b, p);
            int length = u16(b, p + 2);
            if (length < 4 || length > end - p) {
                return CollectdReject.BAD_PART_LENGTH;
            }
            CollectdReject r = part(b, p, type, length, sink);
            if (r != null) {
                return r;
            }
            p += length;
        }
        return valueLists + notifications + incomplete == 0 ? CollectdReject.NO_DATA : null;
    }

    private CollectdReject part(byte[] b, int p, int type, int length, CollectdSink sink) {
        switch (type) {
            case HOST, PLUGIN, PLUGIN_INSTANCE, TYPE, TYPE_INSTANCE -> {
                int n = stringLength(b, p, length, MAX_STRING);
                if (n < 0) {
                    return CollectdReject.BAD_STRING;
                }
                context.set(switch (type) {
                    case HOST -> Context.HOST;
                    case PLUGIN -> Context.PLUGIN;
                    case PLUGIN_INSTANCE -> Context.PLUGIN_INSTANCE;
                    case TYPE -> Context.TYPE;
                    default -> Context.TYPE_INSTANCE;
                }, b, p + 4, n);
            }
            case TIME, TIME_HR, INTERVAL, INTERVAL_HR, SEVERITY -> {
                if (length != 12) {
                    return CollectdReject.BAD_NUMBER;
                }
                long v = u64(b, p + 4);
                switch (type) {
                    case TIME -> context.timeHr = HighResTime.ofSeconds(v);
                    case TIME_HR -> context.timeHr = v;
                    case INTERVAL -> context.intervalHr = HighResTime.ofSeconds(v);
                    case INTERVAL_HR -> context.intervalHr = v;
                    default -> context.severity = v;
                }
            }
            case VALUES -> {
                return values(b, p, length, sink);
            }
            case MESSAGE -> {
                int n = stringLength(b, p, length, MAX_MESSAGE);
                if (n < 0) {
                    return CollectdReject.BAD_STRING;
                }
                if (Severity.of(context.severity) != Severity.UNKNOWN && context.timeHr != 0) {
                    notification.message = message.of(b, p + 4, n);
                    notifications++;
                    sink.notification(notification);
                }
            }
            case SIGNATURE -> {
                if (length < 4 + 32) {
                    return CollectdReject.BAD_SIGNATURE;
                }
                signedParts++;
                signer = signerName.of(b, p + 36, length - 36);
                context.signed = true;
            }
            case ENCRYPTION -> {
                return CollectdReject.ENCRYPTED;
            }
            default -> unknownParts++;
        }
        return null;
    }

    private CollectdReject values(byte[] b, int p, int length, CollectdSink sink) {
        if (length < 6) {
            return CollectdReject.BAD_VALUES;
        }
        int n = u16(b, p + 4);
        if (length != 6 + 9 * n) {
            return CollectdReject.BAD_VALUES;
        }
        int types = p + 6;
        int values = types + n;
        for (int i = 0; i < n; i++) {
            int t = b[types + i];
            if (t < 0 || t > 3) {
                return CollectdReject.BAD_VALUES;
            }
            valueList.types[i] = (byte) t;
            int at = values + 8 * i;
            valueList.raw[i] = t == DataSourceType.GAUGE.ordinal() ? Long.reverseBytes(u64(b, at)) : u64(b, at);
        }
        valueList.count = n;
        if (context.timeHr == 0 || context.isEmpty(Context.HOST) || context.isEmpty(Context.PLUGIN)
                || context.isEmpty(Context.TYPE)) {
            incomplete++;
            return null;
        }
        valueLists++;
        sink.valueList(valueList);
        return null;
    }

    /** The length of a string part's text without its NUL, or -1 when empty, too long or not NUL-terminated. */
    private static int stringLength(byte[] b, int p, int length, int max) {
        int n = length - 4;
        if (n < 1 || n > max || b[p + length - 1] != 0) {
            return -1;
        }
        return n - 1;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | b[p + 1] & 0xFF;
    }

    private static long u64(byte[] b, int p) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[p + i] & 0xFF);
        }
        return v;
    }

    /** Value lists delivered from the last datagram. */
    public int valueLists() {
        return valueLists;
    }

    /** Notifications delivered from the last datagram. */
    public int notifications() {
        return notifications;
    }

    /** VALUES parts of the last datagram not delivered because time, host, plugin or type was missing. */
    public int incompleteValueLists() {
        return incomplete;
    }

    /** SIGNATURE parts in the last datagram: counted "signed, not verified". */
    public int signedParts() {
        return signedParts;
    }

    /** The user name of the last signature part, "" when none. */
    public String signer() {
        return signer;
    }

    /** Parts of unknown type skipped in the last datagram. */
    public int unknownParts() {
        return unknownParts;
    }

    /** The last text of one field, returned again while the bytes repeat. */
    private static final class FieldString {
        private byte[] bytes = new byte[0];
        private String text = "";

        String of(byte[] b, int off, int len) {
            if (!Arrays.equals(bytes, 0, bytes.length, b, off, off + len)) {
                bytes = Arrays.copyOfRange(b, off, off + len);
                text = new String(bytes, StandardCharsets.UTF_8);
            }
            return text;
        }
    }
}
