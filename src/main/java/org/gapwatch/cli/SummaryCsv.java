package org.gapwatch.cli;

import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerSnapshot;

/** The per-source report as CSV (RFC 4180): a header row, then one row per source, the columns of the JSON form. */
final class SummaryCsv {
    static final String HEADER = "src,sender,received,lost,late,duplicates,restarts,value,status,stale";

    private SummaryCsv() {
    }

    static String csv(TrackerSnapshot snapshot, long nowMillis) {
        StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
        org.gapwatch.judge.Judgement judged = new org.gapwatch.judge.Judge().judge(snapshot, nowMillis);
        for (int i = 0; i < snapshot.sourceCount(); i++) {
            SourceView v = snapshot.source(i);
            field(sb, v.src()).append(',');
            field(sb, v.sender()).append(',');
            sb.append(v.received()).append(',').append(v.lost()).append(',').append(v.late()).append(',')
                    .append(v.duplicates()).append(',').append(v.restarts()).append(',');
            field(sb, switch (v.valueKind()) {
                case ABSENT, NULL -> "";
                default -> v.value();
            }).append(',');
            field(sb, v.statusText()).append(',');
            sb.append(judged.state(i) == org.gapwatch.judge.SourceState.STALE).append("\r\n");
        }
        return sb.toString();
    }

    private static StringBuilder field(StringBuilder sb, String s) {
        if (s == null) {
            return sb;
        }
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !isNumber(s));
        if (!quote) {
            return sb.append(s);
        }
        sb.append('"');
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !isNumber(s)) {
            sb.append('\''); // keep spreadsheets from running a formula a datagram sent
        }
        return sb.append(s.replace("\"", "\"\"")).append('"');
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
