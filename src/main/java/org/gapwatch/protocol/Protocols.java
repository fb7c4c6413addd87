package org.gapwatch.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The registry of protocols: every {@link Protocol} the {@link ServiceLoader} finds, by scheme. JSON v1 is the
 * default of a subscription without a scheme, and is always there even if the service configuration were lost.
 */
public final class Protocols {
    public static final String DEFAULT_SCHEME = "json";
    private static final Map<String, Protocol> BY_SCHEME = load();

    private Protocols() {
    }

    private static Map<String, Protocol> load() {
        Map<String, Protocol> map = new LinkedHashMap<>();
        map.put(DEFAULT_SCHEME, new JsonProtocol());
        for (Protocol p : ServiceLoader.load(Protocol.class, Protocols.class.getClassLoader())) {
            map.putIfAbsent(p.scheme(), p);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The protocol of a scheme; IllegalArgumentException naming the known ones when there is none. */
    public static Protocol get(String scheme) {
        Protocol p = BY_SCHEME.get(scheme);
        if (p == null) {
            throw new IllegalArgumentException("unknown protocol '" + scheme + "' (known: "
                    + String.join(", ", schemes()) + ")");
        }
        return p;
    }

    public static boolean known(String scheme) {
        return BY_SCHEME.containsKey(scheme);
    }

    /** The known schemes, JSON first. */
    public static List<String> schemes() {
        return new ArrayList<>(BY_SCHEME.keySet());
    }

    /** A decoder for a subscription. */
    public static ProtocolDecoder decoder(Subscription s) {
        return get(s.scheme()).newDecoder(s);
    }

    /** A decoder for a subscription that may read what it needs through {@code resources}. */
    public static ProtocolDecoder decoder(Subscription s, Resources resources) {
        return get(s.scheme()).newDecoder(s, resources);
    }
}
