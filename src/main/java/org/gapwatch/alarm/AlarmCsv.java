package org.gapwatch.alarm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/**
 * The alarm log as CSV (RFC 4180): a header line, CRLF line ends, fields quoted when they hold a comma, quote, CR
 * or LF, quotes doubled. Source names and details come from the network, so a text field that a spreadsheet would
 * take for a formula (starting with = + - @ tab or CR) gets a leading apostrophe.
 */
public final class AlarmCsv {
    public static final String HEADER = "id,first,last,count,source,kind,state,acknowledged,cleared,shelved until,"
            + "chattering,detail,guidance";
    private static final String CRLF = "\r\n";

    private AlarmCsv() {
    }

    public static String toCsv(Collection<Alarm> alarms, ZoneId zone) {
        StringBuilder sb = new StringBuilder();
        write(alarms, zone, sb);
        return sb.toString();
    }

    public static void write(Collection<Alarm> alarms, ZoneId zone, Appendable out) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(zone);
        try {
            out.append(HEADER).append(CRLF);
            for (Alarm a : alarms) {
                out.append(Long.toString(a.id())).append(',')
                        .append(time.format(Instant.ofEpochMilli(a.firstMillis()))).append(',')
                        .append(time.format(Instant.ofEpochMilli(a.lastMillis()))).append(',')
                        .append(Integer.toString(a.count())).append(',')
                        .append(text(a.src())).append(',')
                        .append(a.kind().label()).append(',')
                        .append(text(a.state().label())).append(',')
                        .append(a.acknowledged() ? "yes" : "no").append(',')
                        .append(a.clearedMillis() < 0 ? "" : time.format(Instant.ofEpochMilli(a.clearedMillis())))
                        .append(',')
                        .append(a.shelvedUntil() < 0 ? "" : time.format(Instant.ofEpochMilli(a.shelvedUntil())))
                        .append(',')
                        .append(a.chattering() ? "yes" : "no").append(',')
                        .append(text(a.detail())).append(',')
                        .append(text(a.guidance())).append(CRLF);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One text field, defused and quoted as needed. */
    static String text(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        char c = s.charAt(0);
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
            s = "'" + s;
        }
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char ch = s.charAt(i);
            quote = ch == ',' || ch == '"' || ch == '\r' || ch == '\n';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
