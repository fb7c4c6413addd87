package org.gapwatch.net;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Datagrams the kernel dropped at this process's UDP sockets because their receive buffer was full: the "drops"
 * column of /proc/net/udp and /proc/net/udp6, for the sockets this process owns on the given ports. Where there is
 * no such file the figure is unknown (-1), never 0.
 */
public final class SocketDrops {
    private static final Path UDP = Path.of("/proc/net/udp");
    private static final Path UDP6 = Path.of("/proc/net/udp6");
    private static final Path OWN_FDS = Path.of("/proc/self/fd");

    private SocketDrops() {
    }

    public static boolean available() {
        return Files.isReadable(UDP) && Files.isDirectory(OWN_FDS);
    }

    /** Sum of drops on this process's UDP sockets bound to any of {@code ports}, or -1 if unknown here. */
    public static long read(Set<Integer> ports) {
        if (!available()) {
            return -1;
        }
        try {
            Set<Long> inodes = ownSocketInodes();
            long sum = 0;
            sum += sum(UDP, ports, inodes);
            if (Files.isReadable(UDP6)) {
                sum += sum(UDP6, ports, inodes);
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long sum(Path table, Set<Integer> ports, Set<Long> inodes) throws IOException {
        return sumLines(Files.readAllLines(table), ports, inodes);
    }

    /** Parses /proc/net/udp lines: "sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops". */
    static long sumLines(List<String> lines, Set<Integer> ports, Set<Long> inodes) {
        long sum = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 13) {
                continue;
            }
            String local = f[1];
            int colon = local.lastIndexOf(':');
            int port = Integer.parseInt(local.substring(colon + 1), 16);
            long inode = Long.parseLong(f[9]);
            if (ports.contains(port) && (inodes == null || inodes.contains(inode))) {
                sum += Long.parseLong(f[12]);
            }
        }
        return sum;
    }

    private static Set<Long> ownSocketInodes() throws IOException {
        Set<Long> out = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(OWN_FDS)) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        out.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // fd closed while listing
                }
            }
        }
        return out;
    }
}
