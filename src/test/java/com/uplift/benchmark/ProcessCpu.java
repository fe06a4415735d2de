package com.uplift.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of processes to the nanosecond, from the scheduler's own accounting ({@code /proc/<pid>/task/<tid>/schedstat},
 * Linux), so that one command's CPU can be read in each process it touches: the process accounting in
 * {@code /proc/<pid>/stat} counts in ticks of 10 ms, longer than a command. Threads that end between two readings
 * take their time with them, so read a difference over a short span (a command), and a total over a long one from
 * {@link CpuTime} or the process's own accounting.
 */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** Nanoseconds on a CPU of every live thread of {@code pid}; 0 when it has ended. */
    static long nanos(long pid) {
        long total = 0;
        for (Map.Entry<String, Long> thread : threads(pid).entrySet()) {
            total += thread.getValue();
        }
        return total;
    }

    /** Nanoseconds on a CPU of every live thread of these processes. */
    static long nanos(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            total += nanos(pid);
        }
        return total;
    }

    /** {@code pid} and its child processes as they are now (a PostgreSQL postmaster and its backends). */
    static List<Long> withChildren(long pid) {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(process -> process.children().forEach(child -> pids.add(child.pid())));
        return pids;
    }

    /** Nanoseconds on a CPU per thread name (as the kernel keeps it, 15 characters) of the live threads of {@code pid}. */
    static Map<String, Long> byThreadName(long pid) {
        Map<String, Long> byName = new HashMap<>();
        threads(pid).forEach((tid, nanos) -> byName.merge(name(pid, tid), nanos, Long::sum));
        return byName;
    }

    /** Nanoseconds on a CPU per thread id. */
    private static Map<String, Long> threads(long pid) {
        Map<String, Long> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String schedstat = Files.readString(task.resolve("schedstat"));
                    threads.put(task.getFileName().toString(), Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))));
                } catch (IOException | RuntimeException ended) {
                    // the thread ended between the listing and the read: its time is gone with it
                }
            }
        } catch (IOException | RuntimeException ended) {
            return Map.of();
        }
        return threads;
    }

    private static String name(long pid, String tid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "task", tid, "comm")).trim();
        } catch (IOException ended) {
            return "?";
        }
    }
}
