package org.gapwatch.ui.heatmap;

/**
 * One row of the heatmap: a source, or a group header that sums its sources.
 *
 * @param key   what identifies the row across rebuilds: the source's src, or "group:" and the group name
 * @param src   the source's src; null for a group row
 * @param ids   source ids whose counts the row sums (one for a source row)
 */
public record HeatRow(String key, String label, String src, String group, int[] ids, boolean groupRow, boolean collapsed) {
    static HeatRow source(String src, String group, int id) {
        String label = src.length() > group.length() && src.startsWith(group + "/")
                ? "   " + src.substring(group.length() + 1) : src;
        return new HeatRow(src, label, src, group, new int[] {id}, false, false);
    }

    static HeatRow group(String group, int[] ids, boolean collapsed) {
        return new HeatRow("group:" + group, (collapsed ? "▸ " : "▾ ") + group + "  (" + ids.length + ")", null,
                group, ids, true, collapsed);
    }
}
