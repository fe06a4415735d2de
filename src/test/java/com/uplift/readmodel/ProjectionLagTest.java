package com.uplift.readmodel;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.uplift.eventstore.AlongsideAppend;
import com.uplift.eventstore.AppendResult;
import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventMetadata;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.ExpectedVersion;
import com.uplift.eventstore.NewEvent;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.uplift.readmodel.ReadModelProbe.WAIT;
import static com.uplift.readmodel.ReadModelProbe.lag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projections' lag counts the events a projection has not read, in the order it reads them. Concurrent appends
 * take their transaction ids and their positions in different orders, so a projection that has read everything can
 * stand at a checkpoint whose position is below the head's: head minus checkpoint position then never reaches 0.
 */
@QuarkusTest
@Tag("integration")
class ProjectionLagTest {

    private static final int CONCURRENT_APPENDS = 32;

    @Inject
    EventStore store;

    @Inject
    ProjectionRunner runner;

    @Inject
    ProjectionAdmin admin;

    @Inject
    MeterRegistry registry;

    @Inject
    AgroalDataSource jdbc;

    @Test
    void concurrentAppendsThatCommitOutOfPositionOrderLeaveNoLagOnceEverythingIsApplied() throws SQLException {
        // The state in which head minus checkpoint position stayed above 0 with everything applied, made on purpose:
        // one append takes its transaction id first and draws its positions only after another append has committed.
        // The other is then later in reading order (a higher transaction id) and lower in position.
        CompletableFuture<Void> idTaken = new CompletableFuture<>();
        CompletableFuture<Void> otherCommitted = new CompletableFuture<>();
        AlongsideAppend takesItsIdFirst = new AlongsideAppend() {
            @Override
            public Uni<Void> before(SqlConnection connection) {
                return connection.query("SELECT pg_current_xact_id()").execute()
                        .invoke(() -> idTaken.complete(null))
                        .chain(() -> Uni.createFrom().completionStage(otherCommitted))
                        .replaceWithVoid();
            }
        };
        CompletableFuture<AppendResult> early = store.append("test-lag-" + UUID.randomUUID(), ExpectedVersion.NO_STREAM,
                List.of(event(), event()), takesItsIdFirst).subscribeAsCompletionStage();
        idTaken.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        AppendResult late = store.append("test-lag-" + UUID.randomUUID(), ExpectedVersion.NO_STREAM, List.of(event(), event()))
                .await().atMost(WAIT);
        otherCommitted.complete(null);
        AppendResult first = early.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();

        Checkpoint last = Collections.max(List.of(first.checkpoint(), late.checkpoint()));
        assertThat(last).as("the append that committed first is last in reading order").isEqualTo(late.checkpoint());
        assertThat(last.position()).as("an append later in reading order holds a lower position")
                .isLessThan(first.checkpoint().position());

        for (String projection : runner.names()) {
            assertThat(admin.awaitPosition(projection, last, WAIT).await().atMost(WAIT)).as(projection).isTrue();
            new ReadModelProbe(jdbc, runner).awaitAFullTurn(projection); // lag is measured at the end of a turn
            // what the old measure reported: the head's position above the checkpoint's
            assertThat(count("SELECT max(global_position) FROM events")).isGreaterThan(livePosition(projection));
            assertThat(lagGauge(projection)).as(projection).isZero();
            assertThat(lag(projection)).as(projection).isZero();
        }
    }

    @Test
    void eventsCommittedBeyondWhatTheRunnerMayReadYetAreCountedAsLag() throws SQLException {
        try (Connection holder = jdbc.getConnection()) {
            // An open transaction with an id holds the horizon: whatever commits after it cannot be read before it ends.
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("SELECT pg_current_xact_id()");
            }
            try {
                int appended = concurrentAppends().size() * 2;
                for (String projection : runner.names()) {
                    new ReadModelProbe(jdbc, runner).awaitAFullTurn(projection);
                    // a projection that cannot move measures once a second, not at every turn its wakes bring
                    await().atMost(WAIT).untilAsserted(() -> assertThat(lagGauge(projection)).as(projection).isEqualTo(appended));
                    assertThat(lag(projection)).as(projection).isEqualTo(appended);
                }
            } finally {
                holder.rollback();
            }
        }
        for (String projection : runner.names()) {
            new ReadModelProbe(jdbc, runner).awaitAFullTurn(projection);
            await().atMost(WAIT).untilAsserted(() -> assertThat(lagGauge(projection)).as(projection).isZero());
        }
    }

    /**
     * {@value #CONCURRENT_APPENDS} transactions, all in flight at once, each appending two events to each of two streams
     * of their own (one result per stream). A transaction that writes two streams draws its second stream's positions
     * after its first statement, with its transaction id already taken, so another transaction's commit can fall in
     * between: later in reading order, lower in position. (A one-stream append is a single statement and leaves that
     * window too narrow to hit reliably.)
     */
    private List<AppendResult> concurrentAppends() {
        List<Uni<List<AppendResult>>> appends = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_APPENDS; i++) {
            appends.add(store.appendAll(List.of(
                    new EventStore.StreamAppend("test-lag-" + UUID.randomUUID(), ExpectedVersion.NO_STREAM, List.of(event(), event())),
                    new EventStore.StreamAppend("test-lag-" + UUID.randomUUID(), ExpectedVersion.NO_STREAM, List.of(event(), event())))));
        }
        return Uni.join().all(appends).andFailFast().await().atMost(WAIT).stream().flatMap(List::stream).toList();
    }

    private static NewEvent event() {
        return new NewEvent(UUID.randomUUID(), "Noted", 1, JsonNodeFactory.instance.objectNode().put("amount", "1.00"),
                EventMetadata.system("lag-test"));
    }

    private double lagGauge(String projection) {
        return registry.get("uplift.projection.lag.events").tag("projection", projection).gauge().value();
    }

    private long livePosition(String projection) throws SQLException {
        return count("""
                SELECT c.position FROM projections p
                JOIN projection_checkpoints c ON c.projection = p.name AND c.generation = p.live_generation
                WHERE p.name = '%s'""".formatted(projection));
    }

    private long count(String sql) throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
