/** The built-in demonstration publisher's scenario; pure Java, no JavaFX. */
package org.gapwatch.demo;
