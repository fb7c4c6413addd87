package org.gapwatch.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmCsvTest {
    @Test
    void writesRfc4180WithQuotingAndDefusedFormulas() {
        long t = 1_800_000_000_123L; // 2027-01-15T08:00:00.123Z
        List<Alarm> alarms = List.of(
                new Alarm(1, t, "plant/a", AlarmKind.STALE, "no update for 9.0 s (stale after 3.0 s)", false, -1),
                new Alarm(2, t + 1000, "plant/\"b\",x", AlarmKind.STATUS, "fault: line 1\nline 2", true, t + 61_000),
                new Alarm(3, t + 2000, "=cmd|' /C calc'!A0", AlarmKind.CONFLICT, "claimed by a and b", false, -1));
        String expected = "id,raised,source,kind,state,acknowledged,resolved,detail\r\n"
                + "1,2027-01-15T08:00:00.123Z,plant/a,stale,active,no,,no update for 9.0 s (stale after 3.0 s)\r\n"
                + "2,2027-01-15T08:00:01.123Z,\"plant/\"\"b\"\",x\",status,resolved,yes,2027-01-15T08:01:01.123Z,"
                + "\"fault: line 1\nline 2\"\r\n"
                + "3,2027-01-15T08:00:02.123Z,'=cmd|' /C calc'!A0,conflict,active,no,,claimed by a and b\r\n";
        assertEquals(expected, AlarmCsv.toCsv(alarms, ZoneOffset.UTC));
    }

    @Test
    void timesFollowTheGivenZone() {
        Alarm a = new Alarm(1, 1_800_000_000_123L, "s", AlarmKind.LOSS, "d", false, -1);
        assertEquals("id,raised,source,kind,state,acknowledged,resolved,detail\r\n"
                        + "1,2027-01-15T09:00:00.123+01:00,s,loss,active,no,,d\r\n",
                AlarmCsv.toCsv(List.of(a), ZoneOffset.ofHours(1)));
    }
}
