package org.gapwatch.capture;

import static org.gapwatch.capture.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Randomly damaged captures: every one is read to its end, or refused with a one-line message; nothing else. */
class DamagedCaptureTest {
    @TempDir
    Path dir;

    static byte[] sample(boolean pcapng, Random random) {
        InetSocketAddress src = at("10.0.0.1", 1000);
        InetSocketAddress dst = at("239.255.0.1", 2000);
        InetSocketAddress src6 = at("fd00::1", 1000);
        InetSocketAddress dst6 = at("ff15::1", 2000);
        byte[] payload = Fixtures.update("x/y", 1);
        if (pcapng) {
            Fixtures.Pcapng f = new Fixtures.Pcapng(random.nextBoolean()).idb(1, 0, 9).idb(276, 0, -1).idb(0, 0, 0x85);
            for (int i = 0; i < 20; i++) {
                f.epb(i % 3, i, i % 3 == 0 ? Fixtures.ethernet(Fixtures.ipv4(src, dst, payload), 0x8100)
                        : i % 3 == 1 ? Fixtures.sll2(Fixtures.ipv6(src6, dst6, payload))
                        : Fixtures.loopback(Fixtures.ipv4Fragments(src, dst, new byte[100], i, 64)[i % 2], 2, true));
            }
            return f.spb(Fixtures.ethernet(Fixtures.ipv6WithHopByHop(src6, dst6, payload))).bytes();
        }
        Fixtures.Pcap f = new Fixtures.Pcap(random.nextBoolean(), random.nextBoolean(), 1);
        for (int i = 0; i < 20; i++) {
            byte[][] frags = Fixtures.ipv4Fragments(src, dst, new byte[200], i / 2, 128);
            f.record(i, Fixtures.ethernet(i % 2 == 0 ? Fixtures.ipv6Fragments(src6, dst6, payload, i, 16)[0]
                    : frags[i % frags.length], 0x88A8, 0x8100));
        }
        return f.bytes();
    }

    @Test
    void randomDamageIsCountedOrRefusedNeverThrownOrHung() {
        Random random = new Random(20261127);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int round = 0; round < 2000; round++) {
                byte[] b = sample(round % 2 == 0, random);
                switch (random.nextInt(4)) {
                    case 0 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
                    case 1 -> {
                        for (int k = random.nextInt(8) + 1; k > 0; k--) {
                            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                        }
                    }
                    case 2 -> {
                        // A length field made absurd.
                        int at = 24 + 4 * random.nextInt((b.length - 24) / 4);
                        b[at] = (byte) 0xF0;
                        b[at + 1] = (byte) 0xFF;
                        b[at + 2] = (byte) 0xFF;
                        b[at + 3] = (byte) 0xFF;
                    }
                    default -> {
                        byte[] junk = new byte[random.nextInt(64)];
                        random.nextBytes(junk);
                        int at = random.nextInt(b.length);
                        byte[] out = new byte[b.length + junk.length];
                        System.arraycopy(b, 0, out, 0, at);
                        System.arraycopy(junk, 0, out, at, junk.length);
                        System.arraycopy(b, at, out, at + junk.length, b.length - at);
                        b = out;
                    }
                }
                Path p = dir.resolve("d" + (round % 10) + ".cap");
                Files.write(p, b);
                try (CaptureReader r = CaptureReader.open(p, CaptureFilter.multicast())) {
                    long n = 0;
                    while (r.next() != null) {
                        n++;
                    }
                    assertTrue(n <= 41, "round " + round + ": " + n + " datagrams");
                } catch (CaptureFormatException e) {
                    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
                } catch (IOException e) {
                    throw new AssertionError("round " + round + ": " + e, e);
                }
            }
        });
    }
}
