package org.gapwatch.protocol.jsonmap;

import java.util.Set;
import org.gapwatch.protocol.Protocol;
import org.gapwatch.protocol.ProtocolDecoder;
import org.gapwatch.protocol.Resources;
import org.gapwatch.protocol.Subscription;

/**
 * Any JSON stream through a mapping file: {@code jsonmap://239.1.2.3:7000?map=sensor-gateway}. The mapping is read
 * through the {@link Resources} the layer that does I/O gives (the protocol reads no file), validated when the
 * subscription is checked; a missing or bad one is one line and the subscription does not start.
 */
public final class JsonMapProtocol implements Protocol {
    public static final String MAP = "map";
    /** The {@link Resources} kind of a mapping file. */
    public static final String MAPPING = "mapping";

    @Override
    public String scheme() {
        return "jsonmap";
    }

    @Override
    public String description() {
        return "any JSON over UDP through a mapping file (?map=NAME); loss by seq or by cadence";
    }

    @Override
    public Set<String> options() {
        return Set.of(MAP);
    }

    @Override
    public void checkOption(String key, String value) {
        if (MAP.equals(key) && value.isBlank()) {
            throw new IllegalArgumentException("map= needs the name or path of a mapping file");
        }
    }

    @Override
    public void check(Subscription subscription, Resources resources) {
        mapping(subscription, resources);
    }

    @Override
    public ProtocolDecoder newDecoder(Subscription subscription) {
        return newDecoder(subscription, Resources.NONE);
    }

    @Override
    public ProtocolDecoder newDecoder(Subscription subscription, Resources resources) {
        return new JsonMapDecoder(mapping(subscription, resources));
    }

    private static Mapping mapping(Subscription s, Resources resources) {
        String name = s.options().get(MAP);
        if (name == null) {
            throw new IllegalArgumentException("jsonmap://" + s.label() + " needs ?map=NAME (a mapping file)");
        }
        byte[] bytes = resources.read(MAPPING, name);
        try {
            return MappingLoader.load(name, bytes);
        } catch (MappingException e) {
            throw new IllegalArgumentException("mapping " + e.getMessage());
        }
    }
}
