package org.gapwatch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroupSpecTest {
    @Test
    void parsesIpv4GroupAndPort() {
        GroupSpec g = GroupSpec.parse("239.1.2.3:5000");
        assertEquals("239.1.2.3", g.group().getHostAddress());
        assertEquals(5000, g.port());
        assertNull(g.source());
        assertEquals("239.1.2.3:5000", g.toString());
    }

    @Test
    void parsesSourceSpecificIpv6() {
        GroupSpec g = GroupSpec.parse("[ff15::1]:6000@[2001:db8::7]");
        assertEquals(6000, g.port());
        assertEquals("2001:db8:0:0:0:0:0:7", g.source().getHostAddress());
        assertEquals(true, g.ipv6());
    }

    @Test
    void parsesSourceSpecificIpv4() {
        GroupSpec g = GroupSpec.parse("232.1.1.1:7000@10.0.0.5");
        assertEquals("10.0.0.5", g.source().getHostAddress());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.1:5000|is not a multicast address",
        "239.1.2.3|expected ADDRESS:PORT",
        "239.1.2.3:0|not in 1-65535",
        "239.1.2.3:70000|not in 1-65535",
        "239.1.2.3:abc|is not a number",
        "example.com:5000|is not an IP address",
        "239.1.2.3:5000@239.9.9.9|must be a unicast address",
        "[ff15::1]:5000@10.0.0.1|must be a unicast address",
        "[ff15::1]5000|expected [IPV6]:PORT"})
    void rejectsWithAReason(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GroupSpec.parse(text));
        assertEquals(true, e.getMessage().contains(reason), e.getMessage());
    }
}
