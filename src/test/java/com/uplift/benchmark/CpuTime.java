package com.uplift.benchmark;

import io.vertx.mutiny.sqlclient.Pool;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds spent by this JVM (the service and the test) and by the embedded PostgreSQL (its postmaster, its live
 * processes and the ones that have ended), read from the operating system. On a machine shared with other builds the
 * wall time of a step says how big a share it got; its CPU time says what it cost, which is what a change moves.
 */
final class CpuTime {

    /** Linux's clock ticks per second for /proc/&lt;pid&gt;/stat (USER_HZ, 100 on every common kernel). */
    private static final double TICKS = 100.0;

    private final long postmaster;

    private CpuTime(long postmaster) {
        this.postmaster = postmaster;
    }

    /** The database's postmaster process id; -1 when it could not be found. */
    long postmaster() {
        return postmaster;
    }

    /** Finds the database's processes through its data directory; -1 (PostgreSQL not measured) when it cannot. */
    static CpuTime of(Pool pool) {
        try {
            String dataDirectory = pool.query("SHOW data_directory").execute().await().indefinitely()
                    .iterator().next().getString(0);
            List<String> pidFile = Files.readAllLines(Path.of(dataDirectory, "postmaster.pid"));
            return new CpuTime(Long.parseLong(pidFile.getFirst().trim()));
        } catch (RuntimeException | IOException e) {
            return new CpuTime(-1);
        }
    }

    /** A reading of both clocks, in seconds. */
    record Reading(double jvm, double database) {
        Reading since(Reading before) {
            return new Reading(jvm - before.jvm, database - before.database);
        }

        String perEvent(long events) {
            return String.format("CPU: JVM %.1f s, PostgreSQL %s (%.1f + %s us per event)", jvm,
                    database < 0 ? "?" : String.format("%.1f s", database), jvm * 1e6 / events,
                    database < 0 ? "?" : String.format("%.1f", database * 1e6 / events));
        }
    }

    Reading now() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return new Reading(jvm, postmaster < 0 ? -1 : databaseSeconds());
    }

    /** The postmaster's own time and its reaped children's, plus every live child's. */
    private double databaseSeconds() {
        Map<Long, long[]> processes = databaseProcesses(postmaster);
        if (processes == null) {
            return -1;
        }
        long ticks = 0;
        for (Map.Entry<Long, long[]> process : processes.entrySet()) {
            long[] stat = process.getValue();
            ticks += process.getKey() == postmaster ? stat[1] + stat[2] + stat[3] + stat[4] : stat[1] + stat[2];
        }
        return ticks / TICKS;
    }

    /**
     * The postmaster and its live children as they are now, by pid: each one's {@link #stat}. Null when /proc cannot
     * be listed.
     */
    static Map<Long, long[]> databaseProcesses(long postmaster) {
        Map<Long, long[]> found = new HashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long[] stat = stat(process);
                long pid = Long.parseLong(name);
                if (stat != null && (pid == postmaster || stat[0] == postmaster)) {
                    found.put(pid, stat);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return found;
    }

    /** ppid, utime, stime, cutime, cstime of one process; null when it ended meanwhile. */
    private static long[] stat(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "(comm) ": state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
            return new long[]{Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]), Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
