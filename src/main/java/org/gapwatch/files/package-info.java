/** Opening files the user names (captures, settings) with one clear line when that cannot be done; pure Java. */
package org.gapwatch.files;
