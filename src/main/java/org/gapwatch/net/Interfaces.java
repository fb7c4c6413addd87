package org.gapwatch.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Finds the network interface to join or send on, by name or address, with errors an operator can act on. */
public final class Interfaces {
    private Interfaces() {
    }

    /** Resolves a name ("eth0") or an address on the interface ("192.0.2.10"); null or blank means the default. */
    public static NetworkInterface resolve(String nameOrAddress) {
        if (nameOrAddress == null || nameOrAddress.isBlank()) {
            return systemDefault();
        }
        try {
            NetworkInterface byName = NetworkInterface.getByName(nameOrAddress);
            if (byName != null) {
                return byName;
            }
            if (looksLikeAddress(nameOrAddress)) {
                NetworkInterface byAddress = NetworkInterface.getByInetAddress(InetAddress.getByName(nameOrAddress));
                if (byAddress != null) {
                    return byAddress;
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot look up interface '" + nameOrAddress + "': " + e.getMessage());
        }
        throw new IllegalArgumentException("no network interface '" + nameOrAddress + "' (available: "
                + String.join(", ", names()) + ")");
    }

    /**
     * The interface the system would pick: on Linux the one holding the IPv4 default route, else the first
     * interface that is up and multicast-capable, else loopback.
     */
    public static NetworkInterface systemDefault() {
        try {
            Path route = Path.of("/proc/net/route");
            if (Files.isReadable(route)) {
                for (String line : Files.readAllLines(route)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 2 && "00000000".equals(f[1])) {
                        NetworkInterface ni = NetworkInterface.getByName(f[0]);
                        if (ni != null && ni.isUp()) {
                            return ni;
                        }
                    }
                }
            }
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (ni.isUp() && ni.supportsMulticast() && !ni.isLoopback()) {
                    return ni;
                }
            }
            NetworkInterface lo = loopback();
            if (lo != null) {
                return lo;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list network interfaces: " + e.getMessage());
        }
        throw new IllegalArgumentException("no usable network interface");
    }

    public static NetworkInterface loopback() throws SocketException {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (ni.isLoopback()) {
                return ni;
            }
        }
        return null;
    }

    /** Interfaces that are up and can carry multicast (loopback included: Linux delivers multicast on it). */
    public static List<String> multicastCapable() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (ni.isUp() && (ni.supportsMulticast() || ni.isLoopback())) {
                    out.add(ni.getName());
                }
            }
        } catch (SocketException e) {
            // An empty list is the honest answer when the system will not tell.
        }
        return out;
    }

    static List<String> names() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                out.add(ni.getName());
            }
        } catch (SocketException e) {
            // leave empty
        }
        return out;
    }

    static String describe(java.net.InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    private static boolean looksLikeAddress(String s) {
        return s.indexOf(':') >= 0 || s.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }
}
