package org.gapwatch.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A group to join: {@code ADDRESS:PORT}, or source-specific {@code ADDRESS:PORT@SOURCE}. IPv6 addresses go in
 * brackets: {@code [ff15::1]:5000@[2001:db8::1]}. Only literal addresses are accepted, never host names, so that
 * parsing does no DNS look-up.
 */
public record GroupSpec(InetAddress group, int port, InetAddress source) {

    public static GroupSpec parse(String text) {
        String s = text.trim();
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

    @Override
    public String toString() {
        String g = ipv6() ? "[" + group.getHostAddress() + "]" : group.getHostAddress();
        String src = source == null ? "" : "@" + (ipv6() ? "[" + source.getHostAddress() + "]" : source.getHostAddress());
        return g + ":" + port + src;
    }
}
