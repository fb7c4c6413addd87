package org.gapwatch.bench;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * {@link TrackerViewsBench} for two builds in one JVM, one simulated second of each in turn, so that both see the
 * same load of a shared machine: each build's classes (a target/classes directory) with this bench's in a class
 * loader of their own. Usage: TrackerViewsAB CLASSES_A CLASSES_B [SOURCES] [UPDATES_PER_SOURCE] [WARM_S] [MEASURED_S]
 */
public final class TrackerViewsAB {
    public static void main(String[] args) throws Throwable {
        int sources = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int perSource = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int warm = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        int measured = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        URL bench = TrackerViewsBench.class.getProtectionDomain().getCodeSource().getLocation();
        Object[] runs = new Object[2];
        java.lang.reflect.Method[] second = new java.lang.reflect.Method[2];
        for (int k = 0; k < 2; k++) {
            ClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[k]).toUri().toURL(), bench},
                    ClassLoader.getPlatformClassLoader());
            Class<?> c = loader.loadClass(TrackerViewsBench.class.getName());
            runs[k] = c.getConstructor(int.class, int.class).newInstance(sources, perSource);
            second[k] = c.getMethod("second");
        }
        long[][] total = new long[2][4];
        for (int s = 0; s < warm + measured; s++) {
            for (int k = 0; k < 2; k++) {
                int which = s % 2 == 0 ? k : 1 - k; // alternate which goes first
                long[] one = (long[]) second[which].invoke(runs[which]);
                for (int f = 0; s >= warm && f < 4; f++) {
                    total[which][f] += one[f];
                }
            }
        }
        System.out.printf("sources=%d updates/s each=%d, %d simulated s of each after %d, in turn; load %s%n",
                sources, perSource, measured, warm, TrackerViewsBench.loadAverage());
        for (int k = 0; k < 2; k++) {
            System.out.println("  " + (k == 0 ? "A " : "B ") + args[k] + ": "
                    + TrackerViewsBench.figures(total[k], measured));
        }
    }
}
