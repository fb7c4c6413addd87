/**
 * View models built off the FX thread, once per snapshot: the order of the sources, their groups and a look-up by
 * name. The wall and the table build their own models on these; the FX thread only takes the newest.
 */
package org.gapwatch.ui.model;
