/**
 * Helpers the views share that depend on no view and on nothing else of {@code ui} (a leaf: every view may use it).
 */
package org.gapwatch.ui.common;
