package org.gapwatch.ui;

import javafx.scene.paint.Color;

/**
 * Colours drawn on canvases (which CSS cannot reach), from the Okabe-Ito colour-blind-safe set. Every colour is
 * paired with a glyph and a word on screen, so no state is told by colour alone.
 */
public record Palette(Color background, Color tile, Color tileBorder, Color text, Color dimText, Color header,
                      Color ok, Color warn, Color alarm, Color losing, Color stale, Color conflict, Color info,
                      Color received, Color lost, Color late, Color nothing, Color selection, Color hatch) {

    public static final Palette DARK = new Palette(
            Color.web("#101214"), Color.web("#1d2126"), Color.web("#3a4048"), Color.web("#f4f6f8"),
            Color.web("#b9c0c8"), Color.web("#e6e9ec"),
            Color.web("#19b28a"), Color.web("#E69F00"), Color.web("#ff6a1a"), Color.web("#dd8cbf"),
            Color.web("#8d949c"), Color.web("#F0E442"), Color.web("#56B4E9"),
            Color.web("#3d8fd1"), Color.web("#ff6a1a"), Color.web("#F0E442"), Color.web("#2e343b"),
            Color.web("#ffffff"), Color.web("#5b6169"));

    public static final Palette LIGHT = new Palette(
            Color.web("#e9ecef"), Color.web("#ffffff"), Color.web("#aab1b9"), Color.web("#0d0f12"),
            Color.web("#3e454d"), Color.web("#15181c"),
            Color.web("#007a5e"), Color.web("#b36b00"), Color.web("#c24a00"), Color.web("#a8437f"),
            Color.web("#6b727a"), Color.web("#8a7f00"), Color.web("#0072B2"),
            Color.web("#0072B2"), Color.web("#D55E00"), Color.web("#c9b800"), Color.web("#d5dadf"),
            Color.web("#000000"), Color.web("#9aa1a9"));

    public static Palette of(String theme) {
        return "light".equals(theme) ? LIGHT : DARK;
    }

    public Color of(org.gapwatch.judge.SourceState h) {
        return switch (h) {
            case OK -> ok;
            case WARN -> warn;
            case ALARM, FAULT, BADLY_LOSING -> alarm;
            case LOSING -> losing;
            case STALE -> stale;
            case CONFLICT -> conflict;
            case INVALID_INPUT -> info;
            case ENDED -> dimText;
        };
    }
}
