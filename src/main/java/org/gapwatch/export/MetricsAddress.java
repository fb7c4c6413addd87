package org.gapwatch.export;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where the metrics server listens: {@code ADDRESS:PORT}, IPv6 in brackets ({@code [::1]:9477}). A literal address
 * only (no DNS look-up, and no "any" by default: {@code 0.0.0.0:PORT} must be asked for), port 1 to 65535, or 0 for
 * a free one (tests).
 */
public final class MetricsAddress {
    private MetricsAddress() {
    }

    public static InetSocketAddress parse(String text) {
        String s = text == null ? "" : text.trim();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw bad(text, "expected [IPV6]:PORT");
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || s.indexOf(':') != colon) {
                throw bad(text, "expected ADDRESS:PORT, e.g. 127.0.0.1:9477");
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65_535) {
            throw bad(text, "port must be 0 to 65535");
        }
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(host);
        } catch (IllegalArgumentException e) {
            throw bad(text, "'" + host + "' is not an IP address");
        }
        return new InetSocketAddress(address, Integer.parseInt(port));
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("bad metrics address '" + text + "': " + why);
    }
}
