package com.uplift.application;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.RecordedEvent;
import com.uplift.testing.Api;
import com.uplift.testing.OtherWriter;
import com.uplift.testing.OwnDatabase;
import com.uplift.testing.PackagedInstance;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without If-Match, a command that loses the race for its line's next version to another writer (another instance;
 * inside one instance commands on a line queue instead of racing) is decided again on fresh state: the state it had
 * loaded, cached or not, never commits. On a database of its own: one test plants an event as another writer would,
 * and the other runs a second instance of the service on the same database.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(ConflictRetryTest.OwnStore.class)
class ConflictRetryTest {

    public static class OwnStore extends OwnDatabase {
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    MeterRegistry meters;
    @Inject
    Pool pool;
    @Inject
    EventStore store;
    @Inject
    EventTypeRegistry types;
    @Inject
    CreditLineService lines;

    /**
     * Deterministic: the other writer's event is inserted in a transaction the test holds open, so the service reads
     * the old head (its cached state is stale), and its insert of the same version waits on the unique index until
     * the test commits; then it loses, and must decide again on the state that includes the other writer's drawdown.
     */
    @Test
    void aCommandThatLosesTheRaceToAnotherWriterIsDecidedAgainOnFreshStateAndItsStaleStateNeverCommits() throws Exception {
        String id = Api.openLine("B-RACE-1", "5000");
        String line = "/api/credit-lines/" + id;
        Api.as("ops").body("{\"amount\":100.00}").post(line + "/drawdowns").then().statusCode(200);
        CreditLineSnapshot cached = lines.load(id).await().atMost(WAIT);
        assertThat(cached.state().drawn()).isEqualByComparingTo("100.00");
        double retriedBefore = retried();

        SqlConnection connection = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction otherWriter = connection.begin().await().atMost(WAIT);
            plantDrawdown(connection, id, cached.version() + 1, new BigDecimal("300.00"), new BigDecimal("400.00"));

            CompletableFuture<Response> command = CompletableFuture.supplyAsync(
                    () -> Api.as("ops").body("{\"amount\":100.00}").post(line + "/drawdowns"));
            await("the service's append waits on the other writer's uncommitted version " + (cached.version() + 1))
                    .atMost(WAIT).until(() -> appendsWaitingOnALock() > 0);
            otherWriter.commit().await().atMost(WAIT);

            Response answer = command.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
            // decided on the state with the other writer's 300.00: 100 + 300 + 100, not the stale 100 + 100
            assertThat(new BigDecimal(answer.jsonPath().getString("drawn"))).isEqualByComparingTo("500.00");
        } finally {
            connection.close().await().atMost(WAIT);
        }
        assertThat(retried() - retriedBefore).as("conflicts retried").isGreaterThanOrEqualTo(1.0);

        List<RecordedEvent> events = store.readStream(CreditLineStream.of(id), 1).await().atMost(WAIT);
        assertThat(events).extracting(RecordedEvent::streamVersion)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
        List<String> drawnAfter = events.stream().map(e -> types.deserialize(e))
                .filter(CreditLineEvent.DrawdownRecorded.class::isInstance)
                .map(e -> ((CreditLineEvent.DrawdownRecorded) e).drawnAfter().setScale(2).toPlainString()).toList();
        assertThat(drawnAfter).containsExactly("100.00", "400.00", "500.00");
        // the next command starts from what the retry left (cached), and agrees with a fold of every event
        assertThat(lines.load(id).await().atMost(WAIT).state()).isEqualTo(lines.loadUpTo(id, Long.MAX_VALUE).await().atMost(WAIT).state());
    }

    /**
     * A command on a cached line is decided on the cached state without reading the events after it; a refusal appends
     * nothing, so no append checks that state. Here another writer's repayment made room the cached state does not
     * show: the refusal reads the events after it and decides again on the line as it is.
     */
    @Test
    void aCommandRefusedOnAStaleCachedStateIsDecidedAgainOnTheLineAsStored() {
        String id = Api.openLine("B-RACE-STALE-REFUSAL", "5000");
        String line = "/api/credit-lines/" + id;
        Api.as("ops").body("{\"amount\":3000.00}").post(line + "/drawdowns").then().statusCode(200);
        CreditLineSnapshot cached = lines.load(id).await().atMost(WAIT);
        assertThat(cached.state().drawn()).isEqualByComparingTo("3000.00");

        SqlConnection connection = pool.getConnection().await().atMost(WAIT);
        try {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            plant(connection, id, cached.version() + 1, new CreditLineEvent.RepaymentRecorded(new BigDecimal("2900.00"),
                    today, today, 0, BigDecimal.ZERO, new BigDecimal("100.00"), Instant.now()));
        } finally {
            connection.close().await().atMost(WAIT);
        }

        // on the cached state (3,000 of 5,000 drawn) this is refused; on the stored line (100 drawn) it is not
        Response answer = Api.as("ops").body("{\"amount\":2500.00}").post(line + "/drawdowns");
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        assertThat(new BigDecimal(answer.jsonPath().getString("drawn"))).isEqualByComparingTo("2600.00");
    }

    /** Two running instances on one database, both writing one line as fast as they can: every command lands once. */
    @Test
    void twoInstancesWritingOneLineConcurrentlyRecordEveryCommandWithoutAGap() throws Exception {
        String id = Api.openLine("B-RACE-2", "50000");
        String line = "/api/credit-lines/" + id;
        int perInstance = 32;
        try (PackagedInstance other = PackagedInstance.start("conflict-retry-other", PackagedInstance.sharingThisDatabase(), Duration.ofSeconds(180))) {
            // Warm both instances up on another line first: a cold instance answers its first commands so slowly that on
            // an idle machine the other finished before it started, and nothing raced.
            String warmUp = "/api/credit-lines/" + Api.openLine("B-RACE-2-WARM", "50000");
            for (int i = 0; i < 20; i++) {
                Api.as("ops").body("{\"amount\":1.00}").post(warmUp + "/drawdowns").then().statusCode(200);
                other.as("ops").contentType("application/json").body("{\"amount\":1.00}").post(warmUp + "/drawdowns").then().statusCode(200);
            }
            double retriedHere = retried();
            double retriedThereBefore = retriedOn(other);
            long head = lines.load(id).await().atMost(WAIT).version();
            ExecutorService clients = Executors.newFixedThreadPool(2 * 16);
            SqlConnection connection = pool.getConnection().await().atMost(WAIT);
            try {
                // A third writer holds version head + 1 in an open transaction until both instances' first appends wait
                // on it (inside one instance commands on a line queue, so two waiting appends are one per instance);
                // then both lose that version and must decide again. Without this the race is left to the scheduler:
                // on a quiet machine one instance could finish its 32 commands before the other's first arrived.
                Transaction thirdWriter = connection.begin().await().atMost(WAIT);
                plantDrawdown(connection, id, head + 1, new BigDecimal("10.00"), new BigDecimal("10.00"));
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<Response>> answers = new ArrayList<>();
                for (int i = 0; i < perInstance; i++) {
                    answers.add(CompletableFuture.supplyAsync(gated(go,
                            () -> Api.as("ops").body("{\"amount\":10.00}").post(line + "/drawdowns")), clients));
                    answers.add(CompletableFuture.supplyAsync(gated(go,
                            () -> other.as("ops").contentType("application/json").body("{\"amount\":10.00}").post(line + "/drawdowns")), clients));
                }
                go.countDown();
                await("both instances' appends wait on the third writer's uncommitted version " + (head + 1))
                        .atMost(WAIT).until(() -> appendsWaitingOnALock() >= 2);
                thirdWriter.commit().await().atMost(WAIT);
                List<Integer> statuses = new ArrayList<>();
                for (CompletableFuture<Response> answer : answers) {
                    Response response = answer.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                    statuses.add(response.statusCode());
                    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
                }
                assertThat(statuses).hasSize(2 * perInstance).containsOnly(200);
            } finally {
                clients.shutdownNow();
                connection.close().await().atMost(WAIT);
            }
            CreditLineSnapshot now = lines.loadUpTo(id, Long.MAX_VALUE).await().atMost(WAIT);
            // every command of both instances, plus the third writer's drawdown
            assertThat(now.state().drawn()).isEqualByComparingTo(new BigDecimal("10.00").multiply(BigDecimal.valueOf(2L * perInstance + 1)));
            List<RecordedEvent> events = store.readStream(CreditLineStream.of(id), 1).await().atMost(WAIT);
            assertThat(events).extracting(RecordedEvent::streamVersion)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
            // each instance lost the line at least once (to the third writer) and decided again
            assertThat(retried() - retriedHere).as("conflicts retried on this instance").isGreaterThanOrEqualTo(1.0);
            assertThat(retriedOn(other) - retriedThereBefore).as("conflicts retried on the other instance").isGreaterThanOrEqualTo(1.0);
        }
    }

    private static double retriedOn(PackagedInstance instance) {
        return instance.metric("uplift_commands_conflicts_retried_total").values().stream()
                .mapToDouble(Double::doubleValue).sum();
    }

    private static <T> Supplier<T> gated(CountDownLatch go, Supplier<T> request) {
        return () -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return request.get();
        };
    }


    /** Inserts a drawdown at a version, hash-chained like the store's, in the caller's (open) transaction. */
    private void plantDrawdown(SqlConnection connection, String id, long version, BigDecimal amount, BigDecimal drawnAfter) {
        plant(connection, id, version, new CreditLineEvent.DrawdownRecorded(amount, drawnAfter, Instant.now()));
    }

    /** Appends an event behind the service's back, as another instance would. */
    private void plant(SqlConnection connection, String id, long version, CreditLineEvent planted) {
        OtherWriter.plant(store, types, connection, CreditLineStream.of(id), version, planted);
    }

    private long appendsWaitingOnALock() {
        return OtherWriter.appendsWaitingOnALock(pool);
    }

    private double retried() {
        return meters.get("uplift.commands.conflicts.retried").counter().count();
    }
}
