/** The desktop monitor's saved settings and their atomic JSON file; pure Java, no JavaFX. */
package org.gapwatch.settings;
