package com.uplift.api;

import com.uplift.eventstore.Checkpoint;
import com.uplift.testing.Api;
import com.uplift.testing.StatementCounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes waiters (a query with {@code minPosition} ahead of the projection) wake when the projection's
 * checkpoint moves on this instance and share one check of the checkpoint per projection, instead of each polling the
 * database every 25 ms (probe F3: 64 waiters made 815 checks/s). The checks are counted by the database
 * (pg_stat_statements, the statement that reads a projection's live checkpoint).
 */
@QuarkusTest
@Tag("integration")
class ReadYourWritesWaitersTest {

    /** uplift.read-your-writes.max-wait, as configured for the tests (the default). */
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);
    private static final String LIVE_CHECKPOINT = "SELECT c.transaction_id, c.position FROM projections p%";

    @Inject
    Pool pool;

    private String borrower;

    @BeforeEach
    void aLine() {
        StatementCounts.enable(pool);
        borrower = "B-WAITERS-" + UUID.randomUUID();
    }

    @Test
    void aWaiterAnswersAsSoonAsTheProjectionPassesItsPosition() throws Exception {
        String line = Api.openLine(borrower, "3000");
        Checkpoint head = Checkpoint.parse(as("ops").body("{\"amount\":10.00}").post("/api/credit-lines/" + line + "/drawdowns")
                .then().statusCode(200).extract().<String>path("position"));
        // the next append's place: a later transaction, a later position
        Checkpoint next = new Checkpoint(head.transactionId() + 1, head.position() + 1);
        long started = System.nanoTime();
        CompletableFuture<Response> waiter = CompletableFuture.supplyAsync(() -> list(next));
        Thread.sleep(500);
        assertThat(waiter).as("waits for a position no event has reached").isNotDone();

        as("ops").body("{\"amount\":10.00}").post("/api/credit-lines/" + line + "/drawdowns").then().statusCode(200);
        long appended = System.nanoTime();
        Response answer = waiter.get(MAX_WAIT.toSeconds() + 10, TimeUnit.SECONDS);
        long answered = System.nanoTime();

        answer.then().statusCode(200).header(ReadYourWrites.CAUGHT_UP, "true");
        assertThat(answer.jsonPath().getDouble("items[0].drawn")).isEqualTo(20.0);
        System.out.printf("waiter: answered %d ms after the append, %d ms after it began waiting%n",
                Duration.ofNanos(answered - appended).toMillis(), Duration.ofNanos(answered - started).toMillis());
        assertThat(Duration.ofNanos(answered - started)).as("answered before its deadline").isLessThan(MAX_WAIT);
    }

    @Test
    void anUnreachablePositionAnswersNotCaughtUpAtItsDeadline() {
        Api.openLine(borrower, "3000");
        long started = System.nanoTime();
        Response answer = list(new Checkpoint(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        answer.then().statusCode(200).header(ReadYourWrites.CAUGHT_UP, "false");
        assertThat(answer.jsonPath().getList("items")).hasSize(1);
        assertThat(waited).isGreaterThanOrEqualTo(MAX_WAIT.minusMillis(100)).isLessThan(MAX_WAIT.plusSeconds(5));
    }

    /** 64 waiters for a position beyond the head for their whole wait: the checks per second they cost the database. */
    @Test
    void sixtyFourWaitersShareTheirChecks() throws Exception {
        Api.openLine(borrower, "3000");
        Checkpoint beyond = new Checkpoint(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2);
        ExecutorService clients = Executors.newFixedThreadPool(64);
        try {
            long before = liveCheckpointReads();
            long started = System.nanoTime();
            List<CompletableFuture<Response>> waiters = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                waiters.add(CompletableFuture.supplyAsync(() -> list(beyond), clients));
            }
            for (CompletableFuture<Response> waiter : waiters) {
                waiter.get(MAX_WAIT.toSeconds() + 30, TimeUnit.SECONDS).then().statusCode(200).header(ReadYourWrites.CAUGHT_UP, "false");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long checks = liveCheckpointReads() - before;
            double perSecond = checks / seconds;
            System.out.printf("64 waiters: %d checks of the live checkpoint in %.1f s: %.1f checks/s%n", checks, seconds, perSecond);
            // one shared check per projection at the waiters' arrival, then the slow fallback poll (4/s), and the
            // runner's own turns' wake-ups: far from 64 waiters x 40 polls/s
            assertThat(perSecond).isLessThan(20);
        } finally {
            clients.shutdownNow();
        }
    }

    private Response list(Checkpoint position) {
        return as("officer1").get("/api/credit-lines?borrowerId=" + borrower + "&minPosition=" + position);
    }

    private long liveCheckpointReads() {
        long calls = 0;
        for (Row row : pool.preparedQuery(StatementCounts.NOT_COUNTED + """
                SELECT coalesce(sum(calls), 0)::bigint AS calls FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query LIKE $1""")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(LIVE_CHECKPOINT)).await().indefinitely()) {
            calls = row.getLong("calls");
        }
        return calls;
    }
}
