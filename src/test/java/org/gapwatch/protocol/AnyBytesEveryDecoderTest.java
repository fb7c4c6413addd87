package org.gapwatch.protocol;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gapwatch.net.ProtocolSamples;
import org.gapwatch.testutil.HostileCorpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Any bytes to the decoders of collectd, sACN, RTPS and jsonmap: the hostile corpus, random bytes, and every
 * truncation and many one-byte corruptions of valid datagrams. No exception; each datagram is rejected with a
 * reason of its protocol, or gives updates each valid or with a reason.
 */
class AnyBytesEveryDecoderTest {
    private static List<byte[]> inputs() {
        List<byte[]> out = new ArrayList<>();
        HostileCorpus.cases().forEach(c -> out.add(c.payload()));
        Random random = new Random(10);
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[random.nextInt(700)];
            random.nextBytes(b);
            out.add(b);
        }
        ProtocolSamples samples = new ProtocolSamples();
        List<byte[]> valid = new ArrayList<>();
        valid.add(java.util.Arrays.copyOf(samples.buffer(), samples.collectd("h", 1_700_000_000_000_000_000L, 1, 2)));
        valid.add(java.util.Arrays.copyOf(samples.buffer(), samples.sacn("desk", 1, 7, 3)));
        valid.add(java.util.Arrays.copyOf(samples.buffer(), samples.rtpsData(5, 1)));
        valid.add(java.util.Arrays.copyOf(samples.buffer(), samples.rtpsHeartbeat(9, 1)));
        valid.add(new org.gapwatch.demo.SensorGatewayStream("g", new String[] {"a"}, new String[] {"b"})
                .next(1_700_000_000_000L, 1, i -> 0));
        for (byte[] v : valid) {
            for (int n = 0; n <= v.length; n++) {
                out.add(java.util.Arrays.copyOf(v, n));
            }
            for (int i = 0; i < 200; i++) {
                byte[] c = v.clone();
                c[random.nextInt(c.length)] = (byte) random.nextInt(256);
                out.add(c);
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"collectd", "sacn", "rtps", "dds", "jsonmap"})
    void anyBytesAreRejectedOrDecodedNeverThrown(String scheme) {
        Subscription s = new Subscription(scheme, "239.255.0.1", 7401,
                "jsonmap".equals(scheme) ? Map.of("map", "sensor-gateway") : Map.of());
        ProtocolDecoder d = Protocols.decoder(s, org.gapwatch.files.MappingFiles::read);
        long arrival = 1_700_000_000_000_000_000L;
        int decoded = 0;
        for (byte[] b : inputs()) {
            DecodeResult r = d.decode(b, 0, b.length, 7401, arrival += 1_000_000);
            assertNotNull(r);
            if (r.rejection() != null) {
                assertTrue(r.rejection().code().startsWith(scheme.equals("dds") ? "rtps/" : scheme + "/")
                        || r.rejection().protocol().equals("json"), r.rejection().code());
                continue;
            }
            for (int i = 0; i < r.count(); i++) {
                Update u = r.get(i);
                assertTrue(u.valid() ? u.src() != null : u.reason().code() != null, u.toString());
                decoded++;
            }
        }
        assertTrue(decoded > 0, "some inputs were valid datagrams of " + scheme);
    }
}
