package com.uplift.readmodel;

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

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static com.uplift.testing.StatementCounts.total;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the live projections cost per command, counted by the database ({@link StatementCounts}): every command's
 * commit wakes every projection, and each one's turn reads the new events, applies them (or only moves its checkpoint
 * past them) and measures its lag. Commands run one after another and each is followed until every projection has
 * applied it, so each costs one turn of each projection (the quietest of several is kept, as a poll may add a turn):
 * a change that adds a statement to a turn fails it. The list per turn is in docs/benchmarks.md; change both together.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(LiveProjectionStatementsTest.WokenByCommits.class)
class LiveProjectionStatementsTest {

    /**
     * A database of its own, no scheduled job, and a slow poll: mostly a commit's NOTIFY wakes the projections. Not
     * never: a projection's transaction still open when a later command commits (the publisher's, while Kafka answers)
     * holds back the horizon of the others, which then read nothing until the next wake.
     */
    public static class WokenByCommits extends OwnDatabase {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("uplift.projections.poll-interval-ms", "2000", "quarkus.scheduler.start-mode", "halted");
        }
    }

    private static final Logger LOG = Logger.getLogger(LiveProjectionStatementsTest.class);
    /** Commands measured one by one; the quietest counts, so that a poll's turn in the middle cannot fail it. */
    private static final int MEASUREMENTS = 6;
    private static final String BEHIND = StatementCounts.NOT_COUNTED + """
            SELECT string_agg(p.name || ' at ' || c.position, ', ') AS behind FROM projections p
            JOIN projection_checkpoints c ON c.id = p.name || ':' || p.live_generation
            WHERE c.position < (SELECT max(global_position) FROM events)""";

    @Inject
    Pool pool;

    @Inject
    ProjectionRunner runner;

    @Test
    void aRepaymentCostsEachLiveProjectionOneShortTurn() {
        StatementCounts.enable(pool);
        String line = Api.openLine("B-LIVE-STATEMENTS", "20000");
        repayAndAwaitProjections(line); // every projection has led, registered and read its checkpoint: the steady state

        Map<String, Long> issued = StatementCounts.quietest(pool, MEASUREMENTS, () -> repayAndAwaitProjections(line));
        int projections = runner.names().size();
        LOG.infof("%d projections, %d statements for one repayment and its turns:%n%s", projections, total(issued),
                StatementCounts.describe(issued));

        // the repayment's own insert; per projection: its record (1), read (1), checkpoint move (1), lag (2); and the
        // credit-lines projection writes its row in one transaction: BEGIN, move, load, upsert, COMMIT (4 more)
        assertThat(total(issued)).as("statements of one repayment and the live projections' turns: %s", issued)
                .isLessThanOrEqualTo(1 + 5L * projections + 4);
        assertThat(issued.entrySet().stream().filter(e -> reads("projection_checkpoints", e.getKey())).mapToLong(Map.Entry::getValue).sum())
                .as("a checkpoint is carried from batch to batch and moved by a guarded update, never read").isZero();
        // the commit wakes every projection at once, at the same checkpoint: one of them reads, the others share it
        // (SharedReads); a turn woken twice may read once more
        assertThat(issued.entrySet().stream().filter(e -> readsTheLog(e.getKey())).mapToLong(Map.Entry::getValue).sum())
                .as("reads of the log for %d projections woken by one commit: %s", projections, issued)
                .isBetween(1L, 2L);
    }

    /** The runner's read of the gap-safe log ({@code EventStore.readAll}), not the backlog count or an admin read. */
    private static boolean readsTheLog(String query) {
        String q = query.toLowerCase().replaceAll("\\s+", " ");
        return q.startsWith("select") && q.contains("pg_snapshot_xmin") && q.contains("limit") && !q.contains("count(");
    }

    private void repayAndAwaitProjections(String line) {
        long turns = totalTurns();
        String today = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        Api.as("ops").body("{\"amount\":10.00,\"dueDate\":\"" + today + "\",\"paidOn\":\"" + today + "\"}")
                .post("/api/credit-lines/" + line + "/repayments").then().statusCode(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (behind() != null || totalTurns() < turns + runner.names().size()) {
            assertThat(System.nanoTime()).as("the projections apply the repayment within 60 s (behind: %s; turns %d, were %d)",
                    behind(), totalTurns(), turns).isLessThan(deadline);
            sleep(20);
        }
        sleep(200); // a turn woken twice runs once more; let it end before counting
    }

    private long totalTurns() {
        return runner.names().stream().mapToLong(runner::completedTurns).sum();
    }

    /** The projections whose checkpoint is not yet past the last event (and where they are); null when none is. */
    private String behind() {
        return pool.query(BEHIND).execute().await().indefinitely().iterator().next().getString("behind");
    }

    private static boolean reads(String table, String query) {
        String q = query.toLowerCase().replaceAll("\\s+", " ").trim();
        return q.startsWith("select") && q.contains("from " + table);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
