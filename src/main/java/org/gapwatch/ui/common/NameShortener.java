package org.gapwatch.ui.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.text.Font;

/**
 * The names a group's tiles or the history band's rows show, each within one width: shortened in the middle (never
 * cut from the front, which drops the part that tells siblings apart), and never two alike. Where two shortened names
 * read the same, the characters where they differ are kept, and as a last resort a number tells them apart. The
 * wall's names come without the group prefix the group's header already shows. Worked out once per layout, not per
 * frame.
 */
public final class NameShortener {
    private NameShortener() {
    }

    public static String[] shorten(String[] names, Font f, double max, TextFit text) {
        String[] shown = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            shown[i] = text.fitMiddle(names[i], f, max);
        }
        for (List<Integer> same : collisions(shown, names)) {
            for (int i : same) {
                int d = firstDifference(names, i, same);
                shown[i] = text.fitAround(names[i], d, f, max);
            }
        }
        for (List<Integer> same : collisions(shown, names)) {
            for (int i : same) {
                // Start at the first character that differs: "…2/detector-1" against "…1/detector-1".
                int d = firstDifference(names, i, same);
                shown[i] = "…" + text.fitMiddle(names[i].substring(Math.max(0, d)), f,
                        max - text.width("…", f));
            }
        }
        for (List<Integer> same : collisions(shown, names)) {
            int k = 1;
            for (int i : same) {
                String mark = " #" + k++;
                shown[i] = text.fitMiddle(names[i], f, max - text.width(mark, f)) + mark;
            }
        }
        return shown;
    }

    /** Groups of indices whose shown texts are equal while their names are not. */
    private static List<List<Integer>> collisions(String[] shown, String[] names) {
        Map<String, List<Integer>> by = new HashMap<>();
        for (int i = 0; i < shown.length; i++) {
            by.computeIfAbsent(shown[i], k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> out = new ArrayList<>();
        for (List<Integer> l : by.values()) {
            if (l.size() > 1 && l.stream().map(i -> names[i]).distinct().count() > 1) {
                out.add(l);
            }
        }
        return out;
    }

    /** Where {@code names[i]} first differs from any other name in {@code same}. */
    private static int firstDifference(String[] names, int i, List<Integer> same) {
        int d = names[i].length();
        for (int j : same) {
            if (j != i && !names[j].equals(names[i])) {
                int k = 0;
                while (k < names[i].length() && k < names[j].length() && names[i].charAt(k) == names[j].charAt(k)) {
                    k++;
                }
                d = Math.min(d, k);
            }
        }
        return Math.min(d, Math.max(0, names[i].length() - 1));
    }
}
