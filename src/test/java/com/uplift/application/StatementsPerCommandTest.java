package com.uplift.application;

import com.uplift.testing.Api;
import com.uplift.testing.OwnDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL statements one command issues, counted by the database itself ({@code pg_stat_statements}, loaded by the
 * test server): the write path's cost in round trips is a number a change can only lower on purpose. Each command is
 * measured several times and the quietest measurement kept, so that a stray background statement cannot fail it,
 * while a statement every command issues is in every measurement.
 * <p>
 * The list per command is in docs/benchmarks.md; change both together.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(StatementsPerCommandTest.Quiet.class)
class StatementsPerCommandTest {

    /** A database of its own with no projection polling and no scheduled job: the command is all that runs. */
    public static class Quiet extends OwnDatabase {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("uplift.projections.enabled", "false", "quarkus.scheduler.start-mode", "halted");
        }
    }

    private static final Logger LOG = Logger.getLogger(StatementsPerCommandTest.class);
    private static final int MEASUREMENTS = 5;
    private static final String STATISTICS = """
            SELECT query, calls FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND query NOT LIKE '%pg_stat_statements%'""";

    @Inject
    Pool pool;

    @Test
    void aKeyedRepaymentOnACachedLineIssuesFiveStatements() {
        String line = cachedLine("B-STATEMENTS-KEYED");
        int[] n = {0};

        Map<String, Long> statements = quietest(() -> repay(line, "counted-" + n[0]++));

        assertThat(total(statements)).as("statements of one keyed repayment: %s", statements).isEqualTo(5);
    }

    @Test
    void aRepaymentWithoutKeyOnACachedLineIssuesOneStatement() {
        String line = cachedLine("B-STATEMENTS-UNKEYED");

        Map<String, Long> statements = quietest(() -> repay(line, null));

        assertThat(total(statements)).as("statements of one repayment without a key: %s", statements).isEqualTo(1);
    }

    /** A line that had a command in this instance, so it is cached, as a line in use is. */
    private String cachedLine(String borrowerId) {
        pool.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").execute().await().indefinitely();
        String line = Api.openLine(borrowerId, "20000");
        repay(line, null);
        return line;
    }

    private static void repay(String line, String key) {
        String today = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        var request = Api.as("ops");
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        request.body("{\"amount\":10.00,\"dueDate\":\"" + today + "\",\"paidOn\":\"" + today + "\"}")
                .post("/api/credit-lines/" + line + "/repayments").then().statusCode(200);
    }

    /** The statements {@code command} issued in the measurement that counted fewest, by text, with their calls. */
    private Map<String, Long> quietest(Runnable command) {
        Map<String, Long> fewest = null;
        for (int i = 0; i < MEASUREMENTS; i++) {
            Map<String, Long> before = statistics();
            command.run();
            Map<String, Long> after = statistics();
            Map<String, Long> issued = new TreeMap<>();
            after.forEach((query, calls) -> {
                long delta = calls - before.getOrDefault(query, 0L);
                if (delta > 0) {
                    issued.put(query, delta);
                }
            });
            if (fewest == null || total(issued) < total(fewest)) {
                fewest = issued;
            }
        }
        LOG.infof("%d statements:%n%s", total(fewest), fewest.entrySet().stream()
                .map(e -> e.getValue() + " x " + e.getKey().replaceAll("\\s+", " ")).collect(Collectors.joining("\n")));
        return fewest;
    }

    private Map<String, Long> statistics() {
        Map<String, Long> calls = new TreeMap<>();
        for (Row row : pool.query(STATISTICS).execute().await().indefinitely()) {
            calls.merge(row.getString("query"), row.getLong("calls"), Long::sum);
        }
        return calls;
    }

    private static long total(Map<String, Long> statements) {
        return statements.values().stream().mapToLong(Long::longValue).sum();
    }
}
