/**
 * Loss heatmap: {@link org.gapwatch.ui.heatmap.HeatmapView}. Feed it {@code setEngine} and {@code setRows}; read
 * {@code selectedSourceProperty()}.
 */
package org.gapwatch.ui.heatmap;
