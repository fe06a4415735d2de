package com.uplift.application;

import com.uplift.testing.Api;
import com.uplift.testing.StatementCounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a command costs in the database does not grow with its line's history (issue 12, flat cost): a repayment on a
 * line of ~1,000 events issues the same statements as one on a line of ~10, and loading it when it is not cached reads
 * the events after its latest snapshot, not its stream. Counted by the database ({@code pg_stat_statements}), not timed.
 */
@QuarkusTest
@Tag("integration")
// the statement counts' quiet database (no projection polling, no scheduled job), shared: one application for both
@TestProfile(StatementsPerCommandTest.Quiet.class)
class HistoryIndependentCommandTest {

    /** Rows returned by the reads of the events table since the counters were last read (not counted themselves). */
    private static final String EVENT_ROWS_READ = StatementCounts.NOT_COUNTED + """
            SELECT coalesce(sum(rows), 0) AS n FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND query LIKE 'SELECT%FROM events%' AND query NOT LIKE '%not counted%'""";

    @Inject
    Pool pool;

    @Inject
    LineCache cache;

    @Test
    void aRepaymentOnALineOfAThousandEventsCostsTheStatementsAndRowsOfOneOnALineOfTen() {
        StatementCounts.enable(pool);
        String shortLine = lineRepaid("B-FLAT-SHORT", 4);
        String longLine = lineRepaid("B-FLAT-LONG", 500);
        assertThat(version(longLine)).as("the long line's events").isGreaterThanOrEqualTo(1_000);

        Map<String, Long> cachedShort = StatementCounts.quietest(pool, 3, () -> repay(shortLine));
        Map<String, Long> cachedLong = StatementCounts.quietest(pool, 3, () -> repay(longLine));
        assertThat(cachedLong).as("statements of a repayment on a cached line of ~1,000 events against ~10")
                .isEqualTo(cachedShort);

        Map<String, Long> loadedShort = StatementCounts.quietest(pool, 3, () -> repayNotCached(shortLine));
        Map<String, Long> loadedLong = StatementCounts.quietest(pool, 3, () -> repayNotCached(longLine));
        assertThat(loadedLong.keySet()).as("statements of a repayment on a line loaded from the store").isEqualTo(loadedShort.keySet());

        long rowsLong = eventRowsRead(() -> repayNotCached(longLine));
        // the snapshot interval (uplift.lines.snapshot-every, 100 events) bounds what a load reads, whatever the history
        assertThat(rowsLong).as("events read to load a line of %d events that is not cached", version(longLine))
                .isLessThan(100);
    }

    /** A line opened and repaid {@code repayments} times (each repayment is two events: the fact and its assessment). */
    private static String lineRepaid(String borrowerId, int repayments) {
        String line = Api.openLine(borrowerId, "20000");
        for (int i = 0; i < repayments; i++) {
            repay(line);
        }
        return line;
    }

    private void repayNotCached(String line) {
        cache.forget(line);
        repay(line);
    }

    private static void repay(String line) {
        String today = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        Api.as("ops").body("{\"amount\":10.00,\"dueDate\":\"" + today + "\",\"paidOn\":\"" + today + "\"}")
                .post("/api/credit-lines/" + line + "/repayments").then().statusCode(200);
    }

    private long eventRowsRead(Runnable work) {
        long before = pool.query(EVENT_ROWS_READ).execute().await().indefinitely().iterator().next().getLong("n");
        work.run();
        return pool.query(EVENT_ROWS_READ).execute().await().indefinitely().iterator().next().getLong("n") - before;
    }

    private long version(String line) {
        return pool.query(StatementCounts.NOT_COUNTED + "SELECT max(stream_version) AS v FROM events WHERE stream_id = 'credit-line-"
                + line + "'").execute().await().indefinitely().iterator().next().getLong("v");
    }
}
