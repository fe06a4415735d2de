package com.uplift.application;

import com.uplift.testing.Api;
import com.uplift.testing.OwnDatabase;
import com.uplift.testing.StatementCounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static com.uplift.testing.StatementCounts.total;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL statements one command issues, counted by the database itself ({@link StatementCounts}, quietest of several
 * measurements): the write path's cost in round trips is a number a change can only lower on purpose.
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
        StatementCounts.enable(pool);
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

    /** The statements {@code command} issued in the quietest of {@value #MEASUREMENTS} measurements. */
    private Map<String, Long> quietest(Runnable command) {
        Map<String, Long> fewest = StatementCounts.quietest(pool, MEASUREMENTS, command);
        LOG.infof("%d statements:%n%s", total(fewest), StatementCounts.describe(fewest));
        return fewest;
    }
}
