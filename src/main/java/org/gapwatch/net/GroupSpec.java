package org.gapwatch.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.gapwatch.protocol.Protocol;
import org.gapwatch.protocol.Protocols;
import org.gapwatch.protocol.Subscription;
import java.util.regex.Pattern;

/**
 * A subscription: {@code [PROTO://]ADDRESS:PORT[@SOURCE][?KEY=VALUE&...]}, PROTO one of the known protocols
 * ({@link Protocols}; {@code json} when there is no prefix), a source-specific group with {@code @SOURCE}. IPv6
 * addresses go in brackets: {@code rtp://[ff15::1]:5004@[2001:db8::1]}. A protocol with default ports (PTP) may
 * leave the port out: port 0 here. Only literal addresses are accepted, never host names, so that parsing does no
 * DNS look-up.
 */
public record GroupSpec(String protocol, InetAddress group, int port, InetAddress source, Map<String, String> options) {

    public GroupSpec {
        options = Map.copyOf(options);
    }

    /** A JSON v1 subscription, as before protocols had names. */
    public GroupSpec(InetAddress group, int port, InetAddress source) {
        this(Protocols.DEFAULT_SCHEME, group, port, source, Map.of());
    }

    /**
     * Every subscription one spec stands for: one, or several when its protocol expands the address part
     * ({@link Protocol#expand}: {@code sacn://1-8} is eight, one group per universe, each with its own decoder).
     */
    public static List<GroupSpec> parseAll(String text) {
        Expansion e = expansion(text);
        if (e == null) {
            return List.of(parseOne(text));
        }
        List<GroupSpec> out = new ArrayList<>(e.groups.size());
        for (String g : e.groups) {
            out.add(parseOne(e.spec(g)));
        }
        return out;
    }

    /** One subscription; a spec that stands for several ({@link #parseAll}) is refused with one line. */
    public static GroupSpec parse(String text) {
        Expansion e = expansion(text);
        if (e == null) {
            return parseOne(text);
        }
        if (e.groups.size() != 1) {
            throw new IllegalArgumentException("bad group '" + text + "': it names " + e.groups.size()
                    + " groups; give one here");
        }
        return parseOne(e.spec(e.groups.get(0)));
    }

    /** A spec whose protocol expands its address part into these groups. */
    private record Expansion(String scheme, String query, List<String> groups) {
        String spec(String group) {
            return scheme + "://" + group + query;
        }
    }

    /** The expansion of a spec, or null when its address part is an ordinary address. */
    private static Expansion expansion(String text) {
        String s = text.trim();
        int sep = s.indexOf("://");
        String scheme = sep < 0 ? "" : s.substring(0, sep).toLowerCase(Locale.ROOT);
        if (!Protocols.known(scheme)) {
            return null; // no scheme (JSON), or an unknown one: parseOne says so
        }
        String rest = s.substring(sep + 3);
        int q = rest.indexOf('?');
        try {
            List<String> groups = Protocols.get(scheme).expand(q < 0 ? rest : rest.substring(0, q));
            return groups == null ? null : new Expansion(scheme, q < 0 ? "" : rest.substring(q), groups);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad group '" + text + "': " + e.getMessage());
        }
    }

    private static GroupSpec parseOne(String text) {
        String s = text.trim();
        String scheme = Protocols.DEFAULT_SCHEME;
        int sep = s.indexOf("://");
        if (sep >= 0) {
            scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
            s = s.substring(sep + 3);
        }
        Protocol p;
        try {
            p = Protocols.get(scheme);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad group '" + text + "': " + e.getMessage());
        }
        Map<String, String> options = new TreeMap<>();
        int q = s.indexOf('?');
        if (q >= 0) {
            for (String kv : s.substring(q + 1).split("&", -1)) {
                int eq = kv.indexOf('=');
                String key = eq < 0 ? kv : kv.substring(0, eq);
                String value = eq < 0 ? "" : kv.substring(eq + 1);
                if (!p.options().contains(key)) {
                    throw new IllegalArgumentException("bad group '" + text + "': " + scheme + " has no option '"
                            + key + "'" + (p.options().isEmpty() ? "" : " (options: "
                            + String.join(", ", p.options().stream().sorted().toList()) + ")"));
                }
                try {
                    p.checkOption(key, value);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad group '" + text + "': " + e.getMessage());
                }
                options.put(key, value);
            }
            s = s.substring(0, q);
        }
        boolean noPort = p.defaultPorts().length > 0 && !hasPort(s);
        GroupSpec a = parseAddress(text, noPort ? withPort(s, p.defaultPorts()[0]) : s);
        return new GroupSpec(scheme, a.group, noPort ? 0 : a.port, a.source, options);
    }

    /** True if the address part (before any {@code @SOURCE}) names a port. */
    private static boolean hasPort(String s) {
        int at = s.lastIndexOf('@');
        String a = at >= 0 ? s.substring(0, at) : s;
        return a.startsWith("[") ? a.indexOf("]:") > 0 : a.indexOf(':') >= 0;
    }

    private static String withPort(String s, int port) {
        int at = s.lastIndexOf('@');
        return at >= 0 ? s.substring(0, at) + ":" + port + s.substring(at) : s + ":" + port;
    }

    /** {@code ADDRESS:PORT[@SOURCE]}; {@code text} is the whole spec, for messages. */
    private static GroupSpec parseAddress(String text, String s) {
        String sourcePart = null;
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            sourcePart = s.substring(at + 1);
            s = s.substring(0, at);
        }
        String host;
        String portPart;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("bad group '" + text + "': expected [IPV6]:PORT");
            }
            host = s.substring(1, close);
            portPart = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0 || s.indexOf(':') != colon) {
                throw new IllegalArgumentException("bad group '" + text + "': expected ADDRESS:PORT[@SOURCE]");
            }
            host = s.substring(0, colon);
            portPart = s.substring(colon + 1);
        }
        InetAddress group = literal(host, s.startsWith("["), text);
        if (!group.isMulticastAddress()) {
            throw new IllegalArgumentException("bad group '" + text + "': " + host + " is not a multicast address");
        }
        if (!PORT.matcher(portPart).matches()) {
            throw new IllegalArgumentException("bad group '" + text + "': port '" + portPart + "' is not a number");
        }
        int port = Integer.parseInt(portPart);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad group '" + text + "': port " + port + " is not in 1-65535");
        }
        InetAddress source = null;
        if (sourcePart != null) {
            boolean bracketed = sourcePart.startsWith("[") && sourcePart.endsWith("]");
            String sp = bracketed ? sourcePart.substring(1, sourcePart.length() - 1) : sourcePart;
            source = literal(sp, bracketed, text);
            if (source.isMulticastAddress() || (source instanceof Inet4Address) != (group instanceof Inet4Address)) {
                throw new IllegalArgumentException("bad group '" + text + "': source " + sp
                        + " must be a unicast address of the group's family");
            }
        }
        return new GroupSpec(group, port, source);
    }

    /**
     * An address as written: IPv4 as four decimals 0-255 (no shorthand such as {@code 239.1}, which InetAddress
     * would read as 239.0.0.1, and no leading zeros, which some tools read as octal), IPv6 only in brackets.
     */
    private static InetAddress literal(String host, boolean bracketed, String text) {
        if (bracketed ? host.indexOf(':') < 0 : !IPV4.matcher(host).matches()) {
            String why = host.indexOf(':') >= 0 ? "an IPv6 address goes in brackets"
                    : bracketed ? "only an IPv6 address goes in brackets" : "expected four decimals such as 239.255.0.1";
            throw new IllegalArgumentException("bad group '" + text + "': '" + host + "' is not an IP address ("
                    + why + ")");
        }
        InetAddress a;
        try {
            // With a literal, getByName does not touch DNS.
            a = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad group '" + text + "': '" + host + "' is not an IP address");
        }
        if (bracketed && !(a instanceof Inet6Address)) {
            throw new IllegalArgumentException("bad group '" + text + "': '" + host + "' is an IPv4 address: write "
                    + a.getHostAddress() + " without brackets");
        }
        return a;
    }

    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
            + "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    public boolean ipv6() {
        return group instanceof Inet6Address;
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(group, port);
    }

    /** The ports to join: the protocol's for this port (RTP: port and port + 1), or its default ports. */
    public int[] ports() {
        Protocol p = Protocols.get(protocol);
        return port == 0 ? p.defaultPorts() : p.ports(port);
    }

    /** One spec per socket to open, of this protocol: this spec itself when it has one port. */
    public List<GroupSpec> sockets() {
        List<GroupSpec> out = new ArrayList<>();
        for (int p : ports()) {
            out.add(p == port ? this : new GroupSpec(protocol, group, p, source, options));
        }
        return out;
    }

    /** The group on each of its ports: where datagrams of this subscription arrive. */
    public List<InetSocketAddress> destinations() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (int p : ports()) {
            out.add(new InetSocketAddress(group, p));
        }
        return out;
    }

    /**
     * Checks that the subscription can start, reading what it needs through {@code resources} (jsonmap: its
     * mapping file, validated): IllegalArgumentException with one line, naming the spec, when it cannot.
     */
    public GroupSpec check(org.gapwatch.protocol.Resources resources) {
        try {
            Protocols.get(protocol).check(subscription(), resources);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad group '" + this + "': " + e.getMessage());
        }
        return this;
    }

    /** What the protocol's decoder is made for. */
    public Subscription subscription() {
        return new Subscription(protocol, address(group), port, options);
    }

    public boolean json() {
        return Protocols.DEFAULT_SCHEME.equals(protocol);
    }

    private String address(InetAddress a) {
        return ipv6() ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
    }

    /** The spec as parsed, normalised; JSON without its prefix, as specs were written before protocols had names. */
    @Override
    public String toString() {
        String g = address(group);
        String src = source == null ? "" : "@" + address(source);
        StringBuilder sb = new StringBuilder();
        if (!json()) {
            sb.append(protocol).append("://");
        }
        sb.append(g);
        if (port != 0) {
            sb.append(':').append(port);
        }
        sb.append(src);
        char sepChar = '?';
        for (Map.Entry<String, String> e : new TreeMap<>(options).entrySet()) {
            sb.append(sepChar).append(e.getKey()).append('=').append(e.getValue());
            sepChar = '&';
        }
        return sb.toString();
    }
}
