package org.gapwatch.net;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Linux thread's nice value: read from {@code /proc/self/task/TID/stat}, set with {@code setpriority(2)}
 * (PRIO_PROCESS with a thread id sets that thread only: on Linux each thread has its own nice value). An
 * unprivileged process may only raise a nice value (lower the thread's priority), never lower it again. Everything
 * here says "not available" instead of failing where /proc or the C library is not there.
 */
final class ThreadNice {
    private static final int PRIO_PROCESS = 0;
    /** Field 19 of /proc/.../stat is the nice value: the 17th after the command's closing parenthesis. */
    private static final int NICE_AFTER_COMM = 16;
    private static final MethodHandle SETPRIORITY = setpriority();

    private ThreadNice() {
    }

    private static MethodHandle setpriority() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("setpriority").map(a -> linker.downcallHandle(a,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT))).orElse(null);
        } catch (Throwable t) { // no native access granted, or no such linker here: nothing to lower
            return null;
        }
    }

    /** Whether nice values can be read and set here. */
    static boolean available() {
        return SETPRIORITY != null && Files.isDirectory(Path.of("/proc/self/task"));
    }

    /** The calling thread's id (Linux tid), or -1. */
    static int currentTid() {
        try {
            // "/proc/thread-self" links to "PID/task/TID".
            return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (Exception e) {
            return -1;
        }
    }

    /** The nice value of thread {@code tid} of this process, or {@link Integer#MIN_VALUE} if it cannot be read. */
    static int nice(int tid) {
        try {
            String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
            // The command may hold spaces and parentheses: the fields start after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Integer.parseInt(f[NICE_AFTER_COMM]);
        } catch (Exception e) {
            return Integer.MIN_VALUE;
        }
    }

    /** Sets thread {@code tid}'s nice value; false if the system refused (or cannot). */
    static boolean set(int tid, int nice) {
        if (SETPRIORITY == null) {
            return false;
        }
        try {
            return (int) SETPRIORITY.invokeExact(PRIO_PROCESS, tid, nice) == 0;
        } catch (Throwable t) {
            return false;
        }
    }
}
