package com.uplift.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's threads during a step, summed by kind of thread (verification lanes, event loops, garbage
 * collection, the JIT, the rest), read from Linux's accounting of each thread (/proc/self/task: Java threads and the
 * JVM's own alike, by the name the JVM gives the operating system's thread, cut to 15 characters). Sampled every
 * 50 ms while the step runs: a lane pool's threads end with the step and take their CPU time with them, so each
 * thread's last reading is kept (at most 50 ms of a thread's last moments is missed). Empty where /proc is missing.
 */
final class ThreadGroupsCpu extends Thread {

    /** Linux's clock ticks per second for /proc/.../stat (USER_HZ, 100 on every common kernel). */
    private static final double TICKS = 100.0;

    private final Function<String, String> kind;
    private final Map<String, Long> atStart = new HashMap<>();
    private final Map<String, Long> last = new HashMap<>();
    private final Map<String, String> kinds = new HashMap<>();

    ThreadGroupsCpu(Function<String, String> kind) {
        this.kind = kind;
        setDaemon(true);
        setName("benchmark-thread-cpu");
        read((task, name, ticks) -> atStart.put(task, ticks));
    }

    @Override
    public void run() {
        while (!isInterrupted()) {
            sample();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        read((task, name, ticks) -> {
            last.put(task, ticks);
            kinds.putIfAbsent(task, kind.apply(name));
        });
    }

    /** Stops sampling and returns the CPU seconds of each kind of thread since this was made, largest first. */
    synchronized Map<String, Double> stopAndSum() {
        interrupt();
        sample();
        Map<String, Double> sums = new HashMap<>();
        last.forEach((task, ticks) -> sums.merge(kinds.get(task), (ticks - atStart.getOrDefault(task, 0L)) / TICKS, Double::sum));
        Map<String, Double> sorted = new LinkedHashMap<>();
        sums.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private interface TaskReading {
        void accept(String task, String name, long ticks);
    }

    /** Every thread of this process: its id, its name and its user + system ticks. */
    private static void read(TaskReading reading) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // after "(comm) ": state(0) ppid(1) ... utime(11) stime(12)
                    reading.accept(task.getFileName().toString(), name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException | RuntimeException ended) {
                    // the thread ended meanwhile: its last reading stays
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to report
        }
    }
}
