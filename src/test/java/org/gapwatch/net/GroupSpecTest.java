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
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "10.0.0.1:5000|is not a multicast address",
        "239.1.2.3|expected ADDRESS:PORT",
        "239.1.2.3:0|not in 1-65535",
        "239.1.2.3:70000|not in 1-65535",
        "239.1.2.3:abc|is not a number",
        "example.com:5000|is not an IP address",
        "239.1.2.3:5000@239.9.9.9|must be a unicast address",
        "[ff15::1]:5000@10.0.0.1|must be a unicast address",
        "[ff15::1]5000|expected [IPV6]:PORT",
        "239.1:5040|'239.1' is not an IP address (expected four decimals such as 239.255.0.1)",
        "239.1.2:5040|'239.1.2' is not an IP address (expected four decimals",
        "4009820417:5040|'4009820417' is not an IP address (expected four decimals",
        "239.001.2.3:5040|'239.001.2.3' is not an IP address (expected four decimals",
        "239.1.2.256:5040|'239.1.2.256' is not an IP address",
        "239.1.2.3:+5040|port '+5040' is not a number",
        "239.1.2.3:-5040|port '-5040' is not a number",
        "239.1.2.3: 5040|port ' 5040' is not a number",
        "239.1.2.3:005040|port '005040' is not a number",
        "[239.1.2.3]:5040|'239.1.2.3' is not an IP address (only an IPv6 address goes in brackets)",
        "[::ffff:239.1.2.3]:5040|'::ffff:239.1.2.3' is an IPv4 address: write 239.1.2.3 without brackets",
        "[ff15::1]:5000@2001:db8::7|'2001:db8::7' is not an IP address (an IPv6 address goes in brackets)",
        "232.1.1.1:7000@10.1|'10.1' is not an IP address (expected four decimals"})
    void rejectsWithAReason(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GroupSpec.parse(text));
        assertEquals(true, e.getMessage().contains(reason), e.getMessage());
    }
}
