package org.gapwatch.protocol.sacn;

import java.util.ArrayList;
import java.util.List;
import org.gapwatch.protocol.Protocol;
import org.gapwatch.protocol.ProtocolDecoder;
import org.gapwatch.protocol.Subscription;

/**
 * sACN (ANSI E1.31-2018) on port 5568. A subscription names a group ({@code sacn://239.255.0.1}), a universe list
 * ({@code sacn://1-8,12}: one group per universe, 239.255.(U >> 8).(U & 255)) or {@code sacn://discovery}
 * (universe 64214: which universes each source says it sends).
 */
public final class SacnProtocol implements Protocol {
    public static final String DISCOVERY = "discovery";

    @Override
    public String scheme() {
        return "sacn";
    }

    @Override
    public String description() {
        return "sACN / E1.31 (port 5568): a group, a universe list 1-8,12, or discovery";
    }

    @Override
    public int[] defaultPorts() {
        return new int[] {E131Packet.PORT};
    }

    @Override
    public List<String> expand(String addressPart) {
        if (addressPart.equalsIgnoreCase(DISCOVERY)) {
            return List.of(SacnUniverses.endpoint(E131Packet.DISCOVERY_UNIVERSE));
        }
        if (addressPart.isEmpty() || !addressPart.chars().allMatch(c -> c >= '0' && c <= '9' || c == ',' || c == '-'
                || c == ' ')) {
            return null; // an address: 239.255.0.1[:5568]
        }
        List<String> out = new ArrayList<>();
        for (int u : SacnUniverses.parseList(addressPart)) {
            out.add(SacnUniverses.endpoint(u));
        }
        return out;
    }

    /** A discovery source ({@code sacn/discovery/NAME}, text {@code universes 1-3,7}) offers {@code sacn://1-3,7}. */
    @Override
    public String offer(String src, String text) {
        if (src == null || text == null || !src.startsWith(SacnDecoder.DISCOVERY_PREFIX)
                || !text.startsWith(SacnDecoder.UNIVERSES)) {
            return null;
        }
        return "sacn://" + text.substring(SacnDecoder.UNIVERSES.length());
    }

    @Override
    public ProtocolDecoder newDecoder(Subscription subscription) {
        return new SacnDecoder();
    }
}
