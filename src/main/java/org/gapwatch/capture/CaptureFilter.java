package org.gapwatch.capture;

import java.util.List;
import org.gapwatch.net.GroupSpec;

/**
 * Which UDP datagrams of a capture to keep: to the given groups (source-specific ones only from their source), to
 * the given ports on any address, or by default every datagram to a multicast address.
 */
public final class CaptureFilter {
    private final byte[][] groups;
    private final int[] groupPorts;
    private final byte[][] groupSources;
    private final int[] ports;
    private final List<GroupSpec> specs;

    private CaptureFilter(List<GroupSpec> specList, List<Integer> portList) {
        specs = specList;
        // One entry per socket: an RTP subscription also keeps its RTCP port, PTP both of its ports.
        List<GroupSpec> groupList = specList.stream().flatMap(g -> g.sockets().stream()).toList();
        groups = new byte[groupList.size()][];
        groupPorts = new int[groupList.size()];
        groupSources = new byte[groupList.size()][];
        for (int i = 0; i < groupList.size(); i++) {
            GroupSpec g = groupList.get(i);
            groups[i] = g.group().getAddress();
            groupPorts[i] = g.port();
            groupSources[i] = g.source() == null ? null : g.source().getAddress();
        }
        ports = portList.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The subscriptions this filter keeps, as given (their protocols decode what they keep). */
    public List<GroupSpec> groups() {
        return specs;
    }

    /** Every datagram to a multicast address (IPv4 224/4, IPv6 ff00::/8). */
    public static CaptureFilter multicast() {
        return new CaptureFilter(List.of(), List.of());
    }

    /** Datagrams to any of the groups or to any of the ports; with both lists empty, {@link #multicast()}. */
    public static CaptureFilter of(List<GroupSpec> groups, List<Integer> ports) {
        for (int p : ports) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("port " + p + " is not in 1-65535");
            }
        }
        return new CaptureFilter(List.copyOf(groups), List.copyOf(ports));
    }

    /** Addresses are {@code len} bytes (4 or 16) at {@code srcOff} and {@code dstOff} of {@code b}. */
    boolean matches(byte[] b, int srcOff, int dstOff, int len, int dstPort) {
        if (groups.length == 0 && ports.length == 0) {
            return len == 4 ? (b[dstOff] & 0xF0) == 0xE0 : b[dstOff] == (byte) 0xFF;
        }
        for (int p : ports) {
            if (p == dstPort) {
                return true;
            }
        }
        for (int i = 0; i < groups.length; i++) {
            if (groupPorts[i] == dstPort && equal(groups[i], b, dstOff, len)
                    && (groupSources[i] == null || equal(groupSources[i], b, srcOff, len))) {
                return true;
            }
        }
        return false;
    }

    private static boolean equal(byte[] address, byte[] b, int off, int len) {
        if (address.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (address[i] != b[off + i]) {
                return false;
            }
        }
        return true;
    }
}
