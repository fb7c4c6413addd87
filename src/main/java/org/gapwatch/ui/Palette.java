package org.gapwatch.ui;

import javafx.scene.paint.Color;
import org.gapwatch.judge.SourceState;

/**
 * Colours drawn on canvases (which CSS cannot reach), after ISA-101: normal is grey and quiet, colour is spent on
 * abnormal states only, one colour per meaning, and loss has a colour used for nothing else. The five abnormal
 * colours (warn, alarm, loss, stale, conflict) stay apart from each other and from the normal grey under simulated
 * deuteranopia, protanopia and tritanopia (PaletteTest); every one is paired with a glyph and a word on screen as
 * well, so no state is told by colour alone.
 *
 * <p>Abnormal colours are filled behind dark {@link #ink} (a status chip), not used as thin text, so the same bright
 * colours work on the dark and on the light theme. Stale, the highest-severity look (data that cannot be believed),
 * is the strongest contrast to the tile: white on the dark theme, black on the light one.
 *
 * @param normal    bars, glyphs and words of normal states (grey)
 * @param ink       text drawn on a warn, alarm, loss or conflict chip
 * @param staleInk  text drawn on a stale chip
 * @param received  a second of the strip in which updates arrived (a quiet grey)
 * @param late      a second of the strip in which some came late (a lighter grey, not a loss)
 * @param nothing   the strip's base line: nothing expected
 */
public record Palette(Color background, Color tile, Color text, Color dimText, Color header, Color headerText,
                      Color normal, Color ink, Color staleInk,
                      Color warn, Color alarm, Color loss, Color stale, Color conflict,
                      Color received, Color late, Color nothing, Color selection, Color hatch) {

    public static final Palette DARK = new Palette(
            Color.web("#15171a"), Color.web("#2a2f35"), Color.web("#eceff2"), Color.web("#a9b0b8"),
            Color.web("#202328"), Color.web("#c3c9cf"),
            Color.web("#8a9199"), Color.web("#101214"), Color.web("#101214"),
            Color.web("#ffd21f"), Color.web("#ff3b30"), Color.web("#e040fb"), Color.web("#ffffff"),
            Color.web("#00d5ff"),
            Color.web("#5c636b"), Color.web("#9aa1a9"), Color.web("#3a4047"), Color.web("#7fb2ff"),
            Color.web("#6a7179"));

    public static final Palette LIGHT = new Palette(
            Color.web("#e4e7ea"), Color.web("#ffffff"), Color.web("#0d0f12"), Color.web("#4a5058"),
            Color.web("#d3d7dc"), Color.web("#22262b"),
            Color.web("#6b727a"), Color.web("#0d0f12"), Color.web("#ffffff"),
            Color.web("#ffd21f"), Color.web("#ff3b30"), Color.web("#e040fb"), Color.web("#1a1a1a"),
            Color.web("#00d5ff"),
            Color.web("#b4bac1"), Color.web("#7d848c"), Color.web("#d3d7dc"), Color.web("#1f5fbf"),
            Color.web("#9aa1a9"));

    public static Palette of(String theme) {
        return "light".equals(theme) ? LIGHT : DARK;
    }

    /** The colour of a state: grey for the normal ones, the state's own colour for the abnormal ones. */
    public Color of(SourceState h) {
        return switch (h) {
            case OK, ENDED -> normal;
            // Invalid input is a warning about the input, told apart by its glyph and word.
            case WARN, INVALID_INPUT -> warn;
            case ALARM, FAULT -> alarm;
            case LOSING, BADLY_LOSING -> loss;
            case STALE -> stale;
            case CONFLICT -> conflict;
        };
    }

    /** The text colour on a chip of {@link #of(SourceState)}. */
    public Color inkOn(SourceState h) {
        return h == SourceState.STALE ? staleInk : ink;
    }

    /** Whether a state is drawn in colour at all (ISA-101: normal is quiet). */
    public static boolean abnormal(SourceState h) {
        return h != SourceState.OK && h != SourceState.ENDED;
    }
}
