/**
 * Loss heatmap: {@link org.gapwatch.ui.heatmap.HeatmapView}. Feed it {@code setEngine} and {@code setModel} (its rows,
 * {@link org.gapwatch.ui.heatmap.HeatRowsModel}, built off the FX thread; {@code setRows} builds them in place);
 * read {@code selectedSourceProperty()}. The status-history band under the wall:
 * {@link org.gapwatch.ui.heatmap.StatusHistoryBand}, with its {@code TimeAxis}.
 */
package org.gapwatch.ui.heatmap;
