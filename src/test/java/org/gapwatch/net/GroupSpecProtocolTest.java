package org.gapwatch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PROTO:// part of a subscription: json by default, the protocol's ports, options, errors in one line. */
class GroupSpecProtocolTest {
    @Test
    void noPrefixIsJsonAndPrintsAsBefore() {
        GroupSpec g = GroupSpec.parse("239.1.1.1:5000");
        assertEquals("json", g.protocol());
        assertEquals("239.1.1.1:5000", g.toString());
        assertEquals(g, GroupSpec.parse("json://239.1.1.1:5000"));
        assertEquals(g, GroupSpec.parse("JSON://239.1.1.1:5000"));
        assertEquals(List.of(g), g.sockets());
    }

    @Test
    void rtpJoinsItsPortAndTheRtcpPortAbove() {
        GroupSpec g = GroupSpec.parse("rtp://239.1.1.1:5004");
        assertEquals("rtp", g.protocol());
        assertArrayEquals(new int[] {5004, 5005}, g.ports());
        assertEquals(List.of(new InetSocketAddress("239.1.1.1", 5004), new InetSocketAddress("239.1.1.1", 5005)),
                g.destinations());
        assertEquals("rtp://239.1.1.1:5004", g.toString());
        assertEquals("239.1.1.1:5004", g.subscription().label());
    }

    @Test
    void ipv6SourceSpecificAndOptionsRoundTrip() {
        GroupSpec g = GroupSpec.parse("rtp://[ff15::10]:5004@[2001:db8::1]?clock=90000");
        assertTrue(g.ipv6());
        assertEquals(Map.of("clock", "90000"), g.options());
        // Addresses print in Java's full form, as GroupSpec always did.
        assertEquals("rtp://[ff15:0:0:0:0:0:0:10]:5004@[2001:db8:0:0:0:0:0:1]?clock=90000", g.toString());
        assertEquals(g, GroupSpec.parse(g.toString()));
        assertEquals("[ff15:0:0:0:0:0:0:10]:5004", g.subscription().label());
    }

    @Test
    void aProtocolWithDefaultPortsMayLeaveThePortOut() {
        GroupSpec g = GroupSpec.parse("x-test://224.0.1.129");
        assertEquals(0, g.port());
        assertArrayEquals(new int[] {319, 320}, g.ports());
        assertEquals("x-test://224.0.1.129", g.toString());
        assertEquals(List.of(319, 320), g.sockets().stream().map(GroupSpec::port).toList());
        GroupSpec ssm = GroupSpec.parse("x-test://224.0.1.129@10.0.0.1");
        assertEquals("10.0.0.1", ssm.source().getHostAddress());
        assertEquals(0, ssm.port());
        assertEquals(319, GroupSpec.parse("x-test://224.0.1.129:319").port());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        nope://239.1.1.1:5000            | unknown protocol 'nope' (known: json,
        rtp://239.1.1.1:5004?clock=fast  | clock 'fast' is not a rate in Hz
        rtp://239.1.1.1:5004?clock=0     | clock '0' is not a rate in Hz
        rtp://239.1.1.1:5004?rate=1      | rtp has no option 'rate' (options: clock)
        239.1.1.1:5000?clock=9000        | json has no option 'clock'
        rtp://239.1.1.1                  | expected ADDRESS:PORT
        rtp://10.1.1.1:5004              | is not a multicast address
        """)
    void badSpecsSayWhatIsWrong(String spec, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GroupSpec.parse(spec));
        assertTrue(e.getMessage().startsWith("bad group '" + spec + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
