package org.gapwatch.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmCsvTest {
    private static final String HEADER = "id,first,last,count,source,kind,state,acknowledged,cleared,shelved until,"
            + "chattering,detail,guidance\r\n";

    @Test
    void writesRfc4180WithQuotingAndDefusedFormulas() {
        long t = 1_800_000_000_123L; // 2027-01-15T08:00:00.123Z
        List<Alarm> alarms = List.of(
                new Alarm(1, "plant/a", AlarmKind.STALE, t, t, 1, true, false, -1, -1, false, false,
                        "no update for 9.0 s (stale after 3.0 s)", ""),
                new Alarm(2, "plant/\"b\",x", AlarmKind.STATUS, t + 1000, t + 5000, 4, false, true, t + 61_000, -1,
                        false, true, "fault: line 1\nline 2", "call ops, ext. 1"),
                new Alarm(3, "=cmd|' /C calc'!A0", AlarmKind.CONFLICT, t + 2000, t + 2000, 1, true, false, -1,
                        t + 900_000, false, false, "claimed by a and b", ""));
        String expected = HEADER
                + "1,2027-01-15T08:00:00.123Z,2027-01-15T08:00:00.123Z,1,plant/a,stale,\"active, unacknowledged\",no,,,"
                + "no,no update for 9.0 s (stale after 3.0 s),\r\n"
                + "2,2027-01-15T08:00:01.123Z,2027-01-15T08:00:05.123Z,4,\"plant/\"\"b\"\",x\",status,normal,yes,"
                + "2027-01-15T08:01:01.123Z,,yes,\"fault: line 1\nline 2\",\"call ops, ext. 1\"\r\n"
                + "3,2027-01-15T08:00:02.123Z,2027-01-15T08:00:02.123Z,1,'=cmd|' /C calc'!A0,conflict,shelved,no,,"
                + "2027-01-15T08:15:00.123Z,no,claimed by a and b,\r\n";
        assertEquals(expected, AlarmCsv.toCsv(alarms, ZoneOffset.UTC));
    }

    @Test
    void timesFollowTheGivenZone() {
        long t = 1_800_000_000_123L;
        Alarm a = new Alarm(1, "s", AlarmKind.LOSS, t, t, 1, true, false, -1, -1, false, false, "d", "");
        assertEquals(HEADER + "1,2027-01-15T09:00:00.123+01:00,2027-01-15T09:00:00.123+01:00,1,s,loss,"
                        + "\"active, unacknowledged\",no,,,no,d,\r\n",
                AlarmCsv.toCsv(List.of(a), ZoneOffset.ofHours(1)));
    }
}
