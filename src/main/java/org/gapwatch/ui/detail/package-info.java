/**
 * Detail pane of one source: {@link org.gapwatch.ui.detail.DetailPane}. Feed it {@code setEngine} and
 * {@code sourceProperty()}; optionally {@code update(SourceView)} from the pulse.
 */
package org.gapwatch.ui.detail;
