/** Command line: picocli commands on the same launcher as the desktop UI. */
package org.gapwatch.cli;
