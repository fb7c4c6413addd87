package org.gapwatch.ui.wall;

import java.time.ZoneId;
import org.gapwatch.judge.LossFigures;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.SourceState;
import org.gapwatch.track.SourceView;
import org.gapwatch.ui.Format;

/**
 * What an abnormal tile says, in words and numbers read off the judgement and the source's view (nothing judged
 * again here): the state and how much ("LOST 412", "STALE", "ALARM"), and since when ("since 17:50:04 · 12 s ago").
 * A normal source says nothing: normal is quiet.
 *
 * @param word   the state and its amount, "" for a normal source
 * @param since  the time and age, or the publisher's own text, "" when there is nothing to say
 * @param sinceMillis the moment {@code since} is about, or -1
 */
record TileStatus(String word, String since, long sinceMillis) {
    static final TileStatus QUIET = new TileStatus("", "", -1);

    static TileStatus of(SourceView v, SourceState h, Judgement j, long now, ZoneId zone) {
        return switch (h) {
            case OK, ENDED -> QUIET;
            case LOSING, BADLY_LOSING -> {
                long lost = LossFigures.netLost(v, j.config().thresholdsFor(v.src()).window());
                // In the open episode: since the episode began; else since the newest gap was seen.
                boolean inEpisode = j.currentEpisode() != null && j.episodeSources().contains(v.src());
                long at = inEpisode ? j.currentEpisode().startMillis()
                        : v.lastGap() != null ? v.lastGap().detectedMillis() : -1;
                yield new TileStatus("LOST " + lost, at < 0 ? "" : (inEpisode ? "since " : "last ")
                        + clock(at, zone) + " · " + Format.age(now - at) + " ago", at);
            }
            case STALE -> new TileStatus("STALE", v.lastArrivalMillis() <= 0 ? "no update yet"
                    : "since " + clock(v.lastArrivalMillis(), zone) + " · " + Format.age(v.ageMillis(now)) + " ago",
                    v.lastArrivalMillis());
            case CONFLICT -> new TileStatus("CONFLICT", "2 senders: " + v.otherSender(), -1);
            case INVALID_INPUT -> new TileStatus("INVALID", "invalid input in the last minute", -1);
            case ALARM, FAULT, WARN -> new TileStatus(h.word(), v.text() == null ? "" : v.text(), -1);
        };
    }

    private static String clock(long millis, ZoneId zone) {
        return Format.clock(millis, zone);
    }

    /** {@link #since} shortened by steps that keep its figures: "17:50:04 · 12 s ago", then "12 s ago". */
    String[] sinceVariants() {
        if (sinceMillis < 0 || !since.contains(" · ")) {
            return new String[] {since};
        }
        String noWord = since.substring(since.indexOf(' ') + 1);
        return new String[] {since, noWord, noWord.substring(noWord.indexOf(" · ") + 3)};
    }
}
