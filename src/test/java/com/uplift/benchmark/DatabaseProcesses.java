package com.uplift.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * PostgreSQL's CPU split by what its processes do: the backends of each client process (told apart by the TCP port of
 * their connection, which a backend's process title shows and the client's socket owns), the WAL writer, the
 * checkpointer, the background writer, autovacuum, and the processes that ended meanwhile (the postmaster's reaped
 * children: autovacuum workers mostly). A database's CPU per command says how much; this says whose statements and
 * which housekeeping it went to. Linux only (reads /proc); an empty split elsewhere.
 */
final class DatabaseProcesses {

    private static final double TICKS = 100.0;
    private static final Pattern CLIENT_PORT = Pattern.compile("\\((\\d+)\\)");

    /** CPU ticks of each live child by pid, with what it is; and the postmaster's own plus its reaped children's. */
    record Snapshot(Map<Long, Child> children, long postmasterAndReaped) {
    }

    record Child(String kind, long ticks) {
    }

    private DatabaseProcesses() {
    }

    /**
     * Reads the postmaster's children now; {@code clients} names the client processes (pid to label) whose backends
     * are told apart.
     */
    static Snapshot take(long postmaster, Map<Long, String> clients) {
        Map<Long, Child> children = new HashMap<>();
        long own = 0;
        if (postmaster < 0) {
            return new Snapshot(children, 0);
        }
        Map<Integer, String> ownerOfPort = portOwners(clients);
        Map<Long, long[]> processes = CpuTime.databaseProcesses(postmaster);
        if (processes == null) {
            return new Snapshot(Map.of(), 0);
        }
        for (Map.Entry<Long, long[]> process : processes.entrySet()) {
            long[] stat = process.getValue();
            if (process.getKey() == postmaster) {
                own = stat[1] + stat[2] + stat[3] + stat[4];
            } else {
                children.put(process.getKey(), new Child(kind(Path.of("/proc", process.getKey().toString()), ownerOfPort),
                        stat[1] + stat[2]));
            }
        }
        return new Snapshot(children, own);
    }

    /**
     * Milliseconds of CPU per command by kind between two snapshots, busiest first, e.g. "backends of the service 0.21,
     * WAL writer 0.03". A child that started meanwhile counts whole; one that ended meanwhile counts in the postmaster's
     * reaped children ("ended meanwhile"), as the operating system adds it there.
     */
    static String perCommand(Snapshot before, Snapshot after, long commands) {
        Map<String, Long> ticks = new TreeMap<>();
        long endedBefore = 0;
        for (Map.Entry<Long, Child> child : after.children().entrySet()) {
            Child earlier = before.children().get(child.getKey());
            long used = child.getValue().ticks() - (earlier == null ? 0 : earlier.ticks());
            ticks.merge(child.getValue().kind(), used, Long::sum);
        }
        for (Map.Entry<Long, Child> child : before.children().entrySet()) {
            if (!after.children().containsKey(child.getKey())) {
                endedBefore += child.getValue().ticks(); // already spent before the first snapshot: not this window's
            }
        }
        ticks.merge("ended meanwhile, and the postmaster", after.postmasterAndReaped() - before.postmasterAndReaped() - endedBefore,
                Long::sum);
        Map<String, Long> busiestFirst = ticks.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return busiestFirst.entrySet().stream()
                .map(entry -> "%s %.3f".formatted(entry.getKey(), entry.getValue() / TICKS * 1000 / Math.max(1, commands)))
                .collect(Collectors.joining(", "));
    }

    /** What a child of the postmaster is, from its process title. */
    private static String kind(Path process, Map<Integer, String> ownerOfPort) {
        String title;
        try {
            title = new String(Files.readAllBytes(process.resolve("cmdline"))).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "ended meanwhile, and the postmaster";
        }
        String what = title.startsWith("postgres: ") ? title.substring("postgres: ".length()) : title;
        for (String housekeeping : new String[]{"walwriter", "checkpointer", "background writer", "autovacuum launcher",
                "autovacuum worker", "logical replication launcher", "stats collector", "archiver"}) {
            if (what.startsWith(housekeeping)) {
                return housekeeping;
            }
        }
        Matcher port = CLIENT_PORT.matcher(what);
        if (port.find()) {
            return "backends of " + ownerOfPort.getOrDefault(Integer.parseInt(port.group(1)), "other clients");
        }
        return what.contains("[local]") ? "backends of local-socket clients" : "other: " + what.split(" ")[0];
    }

    /** The local TCP ports of the sockets each client process holds, to the client's label. */
    private static Map<Integer, String> portOwners(Map<Long, String> clients) {
        Map<Long, String> ownerOfInode = new HashMap<>();
        for (Map.Entry<Long, String> client : clients.entrySet()) {
            try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(client.getKey()), "fd"))) {
                descriptors.forEach(descriptor -> {
                    try {
                        String target = Files.readSymbolicLink(descriptor).toString();
                        if (target.startsWith("socket:[")) {
                            ownerOfInode.put(Long.parseLong(target.substring(8, target.length() - 1)), client.getValue());
                        }
                    } catch (IOException | RuntimeException e) {
                        // closed meanwhile
                    }
                });
            } catch (IOException e) {
                // the client ended: its backends count as other clients'
            }
        }
        Map<Integer, String> ownerOfPort = new HashMap<>();
        for (String table : new String[]{"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length < 10 || !fields[1].contains(":")) {
                        continue;
                    }
                    try {
                        long inode = Long.parseLong(fields[9]);
                        String owner = ownerOfInode.get(inode);
                        if (owner != null) {
                            String local = fields[1];
                            ownerOfPort.put(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16), owner);
                        }
                    } catch (NumberFormatException e) {
                        // the header line
                    }
                }
            } catch (IOException e) {
                // no such table (no IPv6)
            }
        }
        return ownerOfPort;
    }
}
