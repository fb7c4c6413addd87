package org.gapwatch.protocol.sacn;

import java.util.Arrays;

/**
 * Universe numbers and their multicast groups (E1.31-2018 9.3.1): universe U is sent to 239.255.(U >> 8).(U & 255)
 * on port 5568; universe discovery (64214) to 239.255.250.214. Universe lists as {@code sacn://} takes them:
 * {@code 1-8,12}. No I/O: addresses are returned as text and as the 32-bit IPv4 number.
 */
public final class SacnUniverses {
    /** The most universes one list may name (a guard against {@code 1-63999} by mistake is not wanted: allowed). */
    public static final int MAX_LIST = E131Packet.MAX_UNIVERSE;

    private SacnUniverses() {
    }

    /** The IPv4 group of a universe 1-63999 or 64214, as a 32-bit number. */
    public static int groupAddress(int universe) {
        check(universe);
        return 239 << 24 | 255 << 16 | (universe >> 8) << 8 | universe & 0xFF;
    }

    /** The IPv4 group of a universe in dotted form, e.g. 239.255.0.1 for universe 1. */
    public static String group(int universe) {
        check(universe);
        return "239.255." + (universe >> 8) + "." + (universe & 0xFF);
    }

    /** {@code group:5568}. */
    public static String endpoint(int universe) {
        return group(universe) + ":" + E131Packet.PORT;
    }

    /** The universe a 239.255.x.y group carries, or -1 when it is no sACN group. */
    public static int universeOf(int ipv4) {
        if ((ipv4 >>> 16) != (239 << 8 | 255)) {
            return -1;
        }
        int u = ipv4 & 0xFFFF;
        return (u >= 1 && u <= E131Packet.MAX_UNIVERSE) || u == E131Packet.DISCOVERY_UNIVERSE ? u : -1;
    }

    private static void check(int universe) {
        if ((universe < 1 || universe > E131Packet.MAX_UNIVERSE) && universe != E131Packet.DISCOVERY_UNIVERSE) {
            throw new IllegalArgumentException("universe " + universe + " is not in 1-63999 (or 64214)");
        }
    }

    /**
     * Parses a universe list: comma-separated universes and ranges {@code a-b} (a &lt;= b), each in 1-63999,
     * white space around items allowed. Returns the universes sorted, each once. Throws IllegalArgumentException
     * with one line naming the bad item.
     */
    public static int[] parseList(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty universe list");
        }
        java.util.BitSet set = new java.util.BitSet(E131Packet.MAX_UNIVERSE + 1);
        for (String raw : text.split(",", -1)) {
            String item = raw.strip();
            int dash = item.indexOf('-');
            int from;
            int to;
            if (dash < 0) {
                from = to = universe(item, item);
            } else {
                from = universe(item.substring(0, dash).strip(), item);
                to = universe(item.substring(dash + 1).strip(), item);
                if (from > to) {
                    throw new IllegalArgumentException("universe range " + item + " runs backwards");
                }
            }
            set.set(from, to + 1);
        }
        return set.stream().toArray();
    }

    private static int universe(String s, String item) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')
                || (s.length() > 1 && s.charAt(0) == '0')) {
            throw new IllegalArgumentException("universe list item '" + item + "' is not a universe or a range a-b");
        }
        int u = Integer.parseInt(s);
        if (u < 1 || u > E131Packet.MAX_UNIVERSE) {
            throw new IllegalArgumentException("universe " + u + " in '" + item + "' is not in 1-63999");
        }
        return u;
    }

    /** The list in its shortest form, e.g. {@code 1-8,12}. */
    public static String format(int[] universes) {
        int[] u = universes.clone();
        Arrays.sort(u);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < u.length; ) {
            int j = i;
            while (j + 1 < u.length && u[j + 1] <= u[j] + 1) {
                j++;
            }
            if (s.length() > 0) {
                s.append(',');
            }
            s.append(u[i]);
            if (u[j] != u[i]) {
                s.append('-').append(u[j]);
            }
            i = j + 1;
        }
        return s.toString();
    }
}
