package org.gapwatch.protocol.collectd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** collectd's binary parts, byte by byte; every reject reason; hostile input. */
class CollectdReaderTest {
    private static final long T = 1_700_000_000L << 30 | 1L << 29; // 1,700,000,000.5 s

    /** What a sink saw, copied out of the views. */
    static class Seen implements CollectdSink {
        final List<String> keys = new ArrayList<>();
        final List<double[]> values = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        final List<Long> intervals = new ArrayList<>();
        final List<Boolean> signed = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        @Override
        public void valueList(ValueList v) {
            keys.add(v.key());
            values.add(v.copyValues());
            times.add(v.timeHr());
            intervals.add(v.intervalHr());
            signed.add(v.signed());
        }

        @Override
        public void notification(Notification n) {
            notes.add(n.severity() + " " + n.key() + " " + n.timeHr() + ": " + n.message());
        }
    }

    @Test
    void aLoadValueListByteByByte() {
        // What collectd 5 sends for the load plugin: host, time, interval, plugin, type, three gauges.
        byte[] d = HexFormat.of().parseHex(""
                + "0000" + "0008" + "68737400"                      // HOST "hst"
                + "0008" + "000c" + "1954fc4020000000"              // TIME_HR
                + "0009" + "000c" + "0000000040000000"              // INTERVAL_HR = 1 s
                + "0002" + "0009" + "6c6f616400"                    // PLUGIN "load"
                + "0004" + "0009" + "6c6f616400"                    // TYPE "load"
                + "0006" + "0021" + "0003" + "010101"               // VALUES: 3 gauges
                + "0000000000000840"                                // 3.0 little-endian
                + "000000000000f03f"                                // 1.0
                + "0000000000000000");                              // 0.0
        CollectdReader r = new CollectdReader();
        Seen s = new Seen();
        assertNull(r.read(d, 0, d.length, s));
        assertEquals(List.of("hst/load/load"), s.keys);
        assertArrayEquals(new double[]{3.0, 1.0, 0.0}, s.values.get(0));
        assertEquals(0x1954fc4020000000L, s.times.get(0));
        assertEquals(1_700_000_000_500_000_000L, HighResTime.toNanos(s.times.get(0)));
        assertEquals(HighResTime.SECOND, s.intervals.get(0));
        assertEquals(1, r.valueLists());
        assertEquals(0, r.notifications() + r.signedParts() + r.unknownParts() + r.incompleteValueLists());
        assertEquals(T, 0x1954fc4020000000L);
    }

    @Test
    void integersAreBigEndianAndCountersUnsigned() {
        byte[] d = new Parts().string(CollectdReader.HOST, "h").number(CollectdReader.TIME_HR, T)
                .string(CollectdReader.PLUGIN, "interface").string(CollectdReader.PLUGIN_INSTANCE, "eth0")
                .string(CollectdReader.TYPE, "if_octets")
                .values(new int[]{0, 2, 3}, new long[]{-1L, -5L, 0x0102030405060708L}).bytes();
        CollectdReader r = new CollectdReader();
        List<String> types = new ArrayList<>();
        List<Long> ints = new ArrayList<>();
        Seen s = new Seen() {
            @Override
            public void valueList(ValueList v) {
                super.valueList(v);
                for (int i = 0; i < v.count(); i++) {
                    types.add(v.type(i).name());
                    ints.add(v.integer(i));
                }
            }
        };
        assertNull(r.read(d, 0, d.length, s));
        assertEquals(List.of("h/interface-eth0/if_octets"), s.keys);
        assertEquals(List.of("COUNTER", "DERIVE", "ABSOLUTE"), types);
        assertEquals(List.of(-1L, -5L, 0x0102030405060708L), ints);
        assertArrayEquals(new double[]{18446744073709551615.0, -5.0, 72623859790382856.0}, s.values.get(0));
    }

    @Test
    void partsCarryOverFromOneValueListToTheNext() {
        // collectd writes only the parts that change: cpu 0 user, cpu 0 system, cpu 1 user.
        byte[] d = new Parts().string(CollectdReader.HOST, "h").number(CollectdReader.TIME_HR, T)
                .number(CollectdReader.INTERVAL_HR, 10L << 30).string(CollectdReader.PLUGIN, "cpu")
                .string(CollectdReader.PLUGIN_INSTANCE, "0").string(CollectdReader.TYPE, "cpu")
                .string(CollectdReader.TYPE_INSTANCE, "user").values(new int[]{2}, new long[]{100})
                .string(CollectdReader.TYPE_INSTANCE, "system").values(new int[]{2}, new long[]{7})
                .string(CollectdReader.PLUGIN_INSTANCE, "1").string(CollectdReader.TYPE_INSTANCE, "user")
                .number(CollectdReader.TIME, 1_700_000_001L).values(new int[]{2}, new long[]{9}).bytes();
        CollectdReader r = new CollectdReader();
        Seen s = new Seen();
        assertNull(r.read(d, 0, d.length, s));
        assertEquals(List.of("h/cpu-0/cpu-user", "h/cpu-0/cpu-system", "h/cpu-1/cpu-user"), s.keys);
        assertEquals(List.of(T, T, 1_700_000_001L << 30), s.times);
        assertEquals(List.of(10L << 30, 10L << 30, 10L << 30), s.intervals);
        assertEquals(3, r.valueLists());
    }

    @Test
    void aNotificationHasItsSeverityMessageAndIdentity() {
        byte[] d = new Parts().string(CollectdReader.HOST, "h").number(CollectdReader.TIME_HR, T)
                .string(CollectdReader.PLUGIN, "df").string(CollectdReader.TYPE, "percent_bytes")
                .number(CollectdReader.SEVERITY, 2).string(CollectdReader.MESSAGE, "disk 91% full")
                .number(CollectdReader.SEVERITY, 3).string(CollectdReader.MESSAGE, "unknown severity: skipped")
                .number(CollectdReader.SEVERITY, 1).string(CollectdReader.MESSAGE, "failed").bytes();
        CollectdReader r = new CollectdReader();
        Seen s = new Seen();
        assertNull(r.read(d, 0, d.length, s));
        assertEquals(List.of("WARNING h/df/percent_bytes " + T + ": disk 91% full",
                "FAILURE h/df/percent_bytes " + T + ": failed"), s.notes);
        assertEquals(2, r.notifications());
        assertEquals(0, r.valueLists());
    }

    @Test
    void partsAfterASignatureAreSignedNotVerified() {
        byte[] hmac = new byte[32];
        Parts p = new Parts().header(CollectdReader.SIGNATURE, 4 + 32 + 5);
        for (byte b : hmac) {
            p.raw(b);
        }
        p.raw('a', 'l', 'i', 'c', 'e');
        byte[] d = p.string(CollectdReader.HOST, "h").number(CollectdReader.TIME_HR, T)
                .string(CollectdReader.PLUGIN, "load").string(CollectdReader.TYPE, "load").gauges(0.5).bytes();
        CollectdReader r = new CollectdReader();
        Seen s = new Seen();
        assertNull(r.read(d, 0, d.length, s));
        assertEquals(List.of(true), s.signed);
        assertEquals(1, r.signedParts());
        assertEquals("alice", r.signer());
        byte[] unsigned = new Parts().string(CollectdReader.HOST, "h").number(CollectdReader.TIME_HR, T)
                .string(CollectdReader.PLUGIN, "load").string(CollectdReader.TYPE, "load").gauges(0.5).bytes();
        Seen s2 = new Seen();
        assertNull(r.read(unsigned, 0, unsigned.length, s2));
        assertEquals(List.of(false), s2.signed);
        assertEquals(0, r.signedParts());
    }

    @Test
    void anEncryptedDatagramIsRejectedAsEncrypted() {
        // ENCRYPTION part: username length, username, IV (16), then SHA-1 and ciphertext.
        Parts p = new Parts().header(CollectdReader.ENCRYPTION, 4 + 2 + 3 + 16 + 20 + 8).raw(0, 3, 'b', 'o', 'b');
        for (int i = 0; i < 44; i++) {
            p.raw(i * 37);
        }
        byte[] d = p.bytes();
        Seen s = new Seen();
        assertEquals(CollectdReject.ENCRYPTED, new CollectdReader().read(d, 0, d.length, s));
        assertEquals("collectd/encrypted", CollectdReject.ENCRYPTED.code());
        assertTrue(s.keys.isEmpty());
    }

    @Test
    void valuesWithoutTimeHostPluginOrTypeAreNotDelivered() {
        byte[] d = new Parts().string(CollectdReader.HOST, "h").string(CollectdReader.PLUGIN, "load")
                .string(CollectdReader.TYPE, "load").gauges(1).bytes(); // no time
        CollectdReader r = new CollectdReader();
        Seen s = new Seen();
        assertNull(r.read(d, 0, d.length, s));
        assertEquals(1, r.incompleteValueLists());
        assertTrue(s.keys.isEmpty());
    }

    @Test
    void unknownPartsAreSkipped() {
        byte[] d = new Parts().header(0x7777, 7).raw(1, 2, 3).string(CollectdReader.HOST, "h")
                .number(CollectdReader.TIME_HR, T).string(CollectdReader.PLUGIN, "p")
                .string(CollectdReader.TYPE, "t").gauges(2).bytes();
        CollectdReader r = new CollectdReader();
        Seen s = new Seen();
        assertNull(r.read(d, 0, d.length, s));
        assertEquals(1, r.unknownParts());
        assertEquals(List.of("h/p/t"), s.keys);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "collectd/too-short       | 000000",
        "collectd/bad-part-length | 00000003",                           // below 4
        "collectd/bad-part-length | 0000000968737400",                   // beyond the datagram
        "collectd/bad-part-length | 00000008687374000000",               // 2 bytes left: no header
        "collectd/bad-string      | 0000000868737478",                   // not NUL-terminated
        "collectd/bad-string      | 00000004",                           // empty
        "collectd/bad-number      | 0008000b00000000000000",             // TIME_HR of 11 bytes
        "collectd/bad-number      | 0101000d0000000000000000ff",         // SEVERITY of 13 bytes
        "collectd/bad-values      | 0006000f0002010000000000000000",     // count 2 in 15 bytes (needs 24)
        "collectd/bad-values      | 0006000f000105000000000000000000",   // type 5
        "collectd/bad-values      | 00060005aa",                         // shorter than the count
        "collectd/bad-signature   | 02000010000000000000000000000000",   // 12-byte HMAC
        "collectd/encrypted       | 0210000400",
        "collectd/no-data         | 0000000868737400",                   // a host and nothing else
    })
    void eachRejectReason(String code, String hex) {
        byte[] d = HexFormat.of().parseHex(hex.replace(" ", ""));
        CollectdReject r = new CollectdReader().read(d, 0, d.length, new Seen());
        assertEquals(code, r == null ? null : r.code(), hex);
    }

    @Test
    void aBadPartStopsTheReadAndWhatCameBeforeStands() {
        byte[] good = new Parts().string(CollectdReader.HOST, "h").number(CollectdReader.TIME_HR, T)
                .string(CollectdReader.PLUGIN, "p").string(CollectdReader.TYPE, "t").gauges(2).bytes();
        byte[] d = new Parts().raw(toInts(good)).header(CollectdReader.PLUGIN, 200).bytes();
        CollectdReader r = new CollectdReader();
        Seen s = new Seen();
        assertEquals(CollectdReject.BAD_PART_LENGTH, r.read(d, 0, d.length, s));
        assertEquals(List.of("h/p/t"), s.keys);
    }

    @Test
    void stringsLongerThanCollectdsBuffersAreRefused() {
        byte[] ok = new Parts().string(CollectdReader.HOST, "x".repeat(127)).bytes();
        byte[] tooLong = new Parts().string(CollectdReader.HOST, "x".repeat(128)).bytes();
        assertEquals(CollectdReject.NO_DATA, new CollectdReader().read(ok, 0, ok.length, new Seen()));
        assertEquals(CollectdReject.BAD_STRING, new CollectdReader().read(tooLong, 0, tooLong.length, new Seen()));
    }

    @Test
    void highResolutionTimeConvertsExactly() {
        assertEquals(1_000_000_000L, HighResTime.toNanos(HighResTime.SECOND));
        assertEquals(500_000_000L, HighResTime.toNanos(1L << 29));
        assertEquals(1L, HighResTime.toNanos(1L)); // 0.93 ns rounds to 1
        assertEquals(0L, HighResTime.toNanos(0L));
        assertEquals(Long.MAX_VALUE, HighResTime.toNanos(-1L));
        assertEquals(1L << 30, HighResTime.ofSeconds(1));
        assertEquals(Long.MAX_VALUE, HighResTime.ofSeconds(1L << 33));
        assertEquals(HighResTime.SECOND, HighResTime.ofNanos(1_000_000_000L));
        assertEquals(1_700_000_000_250_000_000L, HighResTime.toNanos(HighResTime.ofNanos(1_700_000_000_250_000_000L)));
    }

    @Test
    void randomBytesAndMutationsNeverThrow() {
        SplittableRandom rnd = new SplittableRandom(10);
        CollectdReader r = new CollectdReader();
        int[] delivered = {0};
        CollectdSink sink = new CollectdSink() {
            @Override
            public void valueList(ValueList v) {
                delivered[0] += v.key().length() > 0 ? 1 : 0;
                v.copyValues();
            }

            @Override
            public void notification(Notification n) {
                delivered[0] += n.message().length() >= 0 ? 1 : 0;
            }
        };
        byte[] valid = new Parts().string(CollectdReader.HOST, "h").number(CollectdReader.TIME_HR, T)
                .string(CollectdReader.PLUGIN, "p").string(CollectdReader.TYPE, "t").gauges(1, 2, 3)
                .number(CollectdReader.SEVERITY, 4).string(CollectdReader.MESSAGE, "m").bytes();
        for (int i = 0; i < 50_000; i++) {
            byte[] d;
            if (i % 2 == 0) {
                d = new byte[rnd.nextInt(0, 300)];
                rnd.nextBytes(d);
            } else {
                d = valid.clone();
                for (int k = rnd.nextInt(1, 4); k > 0; k--) {
                    d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(256);
                }
            }
            r.read(d, 0, rnd.nextInt(0, d.length + 1), sink);
        }
        assertFalse(delivered[0] == 0, "some mutations still carry value lists");
        assertEquals(CollectdReject.TOO_SHORT, r.read(valid, valid.length - 2, 4, sink), "beyond the array");
    }

    private static int[] toInts(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xFF;
        }
        return out;
    }
}
