package com.uplift.testing;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The SQL statements some work issued, as the database counts them ({@code pg_stat_statements}, which the test server
 * loads). Each piece of work is measured several times and the quietest measurement kept, so that a stray background
 * statement cannot fail a test, while a statement the work always issues is in every measurement.
 */
public final class StatementCounts {

    /** Put in front of a test's own queries (probes, waits): they are not counted. */
    public static final String NOT_COUNTED = "/* not counted */ ";

    private static final String STATISTICS = NOT_COUNTED + """
            SELECT query, calls FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND query NOT LIKE '%pg_stat_statements%' AND query NOT LIKE '%not counted%'""";

    private StatementCounts() {
    }

    /** Counting on: the extension in the test's database. */
    public static void enable(Pool pool) {
        pool.query(NOT_COUNTED + "CREATE EXTENSION IF NOT EXISTS pg_stat_statements").execute().await().indefinitely();
    }

    /**
     * Counting afresh, for a benchmark's window: the extension, and every count so far reset. False where the server
     * does not load pg_stat_statements (an external PostgreSQL): the statements then go unreported.
     */
    public static boolean restart(Pool pool) {
        try {
            enable(pool);
            pool.query(NOT_COUNTED + "SELECT pg_stat_statements_reset()").execute().await().indefinitely();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The statements {@code work} issued in the measurement that counted fewest, by text, with their calls. */
    public static Map<String, Long> quietest(Pool pool, int measurements, Runnable work) {
        Map<String, Long> fewest = null;
        for (int i = 0; i < measurements; i++) {
            Map<String, Long> before = statistics(pool);
            work.run();
            Map<String, Long> issued = new TreeMap<>();
            statistics(pool).forEach((query, calls) -> {
                long delta = calls - before.getOrDefault(query, 0L);
                if (delta > 0) {
                    issued.put(query, delta);
                }
            });
            if (fewest == null || total(issued) < total(fewest)) {
                fewest = issued;
            }
        }
        return fewest;
    }

    public static long total(Map<String, Long> statements) {
        return statements.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line per statement: its calls and its text on one line. */
    public static String describe(Map<String, Long> statements) {
        return statements.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey().replaceAll("\\s+", " "))
                .collect(Collectors.joining("\n"));
    }

    private static Map<String, Long> statistics(Pool pool) {
        Map<String, Long> calls = new TreeMap<>();
        for (Row row : pool.query(STATISTICS).execute().await().indefinitely()) {
            calls.merge(row.getString("query"), row.getLong("calls"), Long::sum);
        }
        return calls;
    }
}
