package com.uplift.readmodel;

import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventStore;
import io.smallrye.mutiny.Multi;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.LockModeType;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What operators do with projections: see their state, rebuild one, and deal with a stopped one. */
@ApplicationScoped
public class ProjectionAdmin {

    private static final Logger LOG = Logger.getLogger(ProjectionAdmin.class);

    private static final String STATUS = """
            SELECT p.name, p.state, p.live_generation, p.building_generation, p.error, p.failed_position,
                   c.transaction_id, c.position, c.events_applied, c.last_recorded_at,
                   b.transaction_id AS b_transaction_id, b.position AS b_position
            FROM projections p
            JOIN projection_checkpoints c ON c.projection = p.name AND c.generation = p.live_generation
            LEFT JOIN projection_checkpoints b ON b.projection = p.name AND b.generation = p.building_generation
            ORDER BY p.name""";

    private static final String LIVE_CHECKPOINT = """
            SELECT c.transaction_id, c.position FROM projections p
            JOIN projection_checkpoints c ON c.projection = p.name AND c.generation = p.live_generation
            WHERE p.name = $1""";

    private final ProjectionRunner runner;
    private final EventStore store;
    private final Pool pool;
    private final Clock clock;

    public ProjectionAdmin(ProjectionRunner runner, EventStore store, Pool pool, Clock clock) {
        this.runner = runner;
        this.store = store;
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * @param lagEvents  global positions between the head of the log and the live checkpoint (gaps count too)
     * @param lagSeconds age of the oldest event the live generation has not read yet (0 when caught up)
     * @param eventsPerSecond over the last minute, where the projection runs on this instance (else null)
     */
    public record Status(String name, String state, int liveGeneration, Integer buildingGeneration, String position,
                         String buildingPosition, long eventsApplied, long lagEvents, long lagSeconds,
                         Double eventsPerSecond, boolean runsHere, String error, String failedPosition) {
    }

    public Uni<List<Status>> status() {
        return pool.query(STATUS).execute()
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(row -> store.backlogAfter(row.getLong("position"))
                        .map(backlog -> status(row, backlog)))
                .collect().asList();
    }

    private Status status(Row row, EventStore.Backlog backlog) {
        String name = row.getString("name");
        long position = row.getLong("position");
        String building = row.getLong("b_transaction_id") == null ? null
                : new Checkpoint(row.getLong("b_transaction_id"), row.getLong("b_position")).toString();
        return new Status(name, row.getString("state"), row.getInteger("live_generation"),
                row.getInteger("building_generation"), new Checkpoint(row.getLong("transaction_id"), position).toString(),
                building, row.getLong("events_applied"), backlog.eventsAfter(position),
                backlog.secondsBehind(clock.instant()), runner.throughput(name), runner.leadsHere(name),
                row.getString("error"), row.getString("failed_position"));
    }

    /** Starts building a new generation from position 0; the live one keeps serving until it has caught up. */
    public Uni<Integer> rebuild(String name) {
        return Panache.withTransaction(() -> ProjectionRow.<ProjectionRow>findById(name).chain(row -> {
            if (row == null) {
                return Uni.createFrom().failure(new IllegalStateException("projection " + name + " has not started yet"));
            }
            if (row.buildingGeneration != null || "FAILED".equals(row.state)) {
                return Uni.createFrom().failure(new IllegalStateException(row.buildingGeneration != null
                        ? "projection " + name + " is already rebuilding generation " + row.buildingGeneration
                        : "projection " + name + " is stopped; restart it first"));
            }
            int next = row.liveGeneration + 1;
            // One UPDATE claims the rebuild, so a concurrent stop or rebuild is never overwritten by a stale row.
            return ProjectionRow.update("buildingGeneration = ?1, updatedAt = ?2 where name = ?3 and buildingGeneration is null "
                            + "and state = 'RUNNING'", next, clock.instant(), name)
                    .chain(claimed -> claimed == 0
                            ? Uni.createFrom().<Integer>failure(new IllegalStateException("projection " + name + " changed meanwhile; try again"))
                            : runner.projection(name).drop(next) // leftovers of an abandoned build, if any
                                .chain(() -> ProjectionCheckpointRow.delete("id", ProjectionCheckpointRow.key(name, next)))
                                .chain(() -> ProjectionRunner.startCheckpoint(name, next))
                                .replaceWith(next));
        })).invoke(generation -> {
            LOG.infof("projection %s: rebuilding as generation %d", name, generation);
            runner.wakeAll();
        });
    }

    /**
     * Restarts a stopped projection. With {@code skipFailedEvent}, the event that stopped it is passed over on purpose,
     * in the generation it stopped (and only if that generation is still just before it): the reason is logged and
     * kept in the projection's record, never silent.
     */
    public Uni<Void> restart(String name, boolean skipFailedEvent, String reason, String actor) {
        return Panache.withTransaction(() -> ProjectionRow.<ProjectionRow>findById(name).chain(row -> {
            if (row == null || !"FAILED".equals(row.state)) {
                return Uni.createFrom().failure(new IllegalStateException("projection " + name + " is not stopped"));
            }
            String error = row.error;
            Uni<Void> skip = Uni.createFrom().voidItem();
            if (skipFailedEvent) {
                int generation = row.failedGeneration != null ? row.failedGeneration : row.liveGeneration;
                skip = skipPast(name, generation, Checkpoint.parse(row.failedPosition));
                LOG.warnf("projection %s: %s skipped the event at %s of generation %d (%s): %s", name, actor,
                        row.failedPosition, generation, row.error, reason);
                error = "skipped by " + actor + " at " + row.failedPosition + ": " + reason + " (was: " + row.error + ")";
            }
            String newError = skipFailedEvent ? (error.length() > 2000 ? error.substring(0, 2000) : error) : null;
            return skip.chain(() -> ProjectionRow.update("state = 'RUNNING', error = ?1, failedPosition = null, "
                    + "failedGeneration = null, updatedAt = ?2 where name = ?3 and state = 'FAILED'", newError, clock.instant(), name))
                    .replaceWithVoid();
        })).invoke(runner::wakeAll);
    }

    /** Moves one generation's checkpoint onto the failed event, so that reading resumes after it. */
    private Uni<Void> skipPast(String name, int generation, Checkpoint poison) {
        return ProjectionCheckpointRow.<ProjectionCheckpointRow>findById(ProjectionCheckpointRow.key(name, generation),
                        LockModeType.PESSIMISTIC_WRITE)
                .invoke(checkpoint -> {
                    if (checkpoint != null && new Checkpoint(checkpoint.transactionId, checkpoint.position).compareTo(poison) < 0) {
                        checkpoint.transactionId = poison.transactionId();
                        checkpoint.position = poison.position();
                        checkpoint.eventsApplied++;
                    }
                }).replaceWithVoid();
    }

    /** Waits, up to {@code max}, until a projection's live generation has read past a position; true if it has. */
    public Uni<Boolean> awaitPosition(String name, Checkpoint position, Duration max) {
        Instant deadline = clock.instant().plus(max);
        return reached(name, position).chain(reached -> reached || clock.instant().isAfter(deadline)
                ? Uni.createFrom().item(reached)
                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(25))
                    .chain(() -> awaitPosition(name, position, Duration.between(clock.instant(), deadline))));
    }

    private Uni<Boolean> reached(String name, Checkpoint position) {
        return pool.preparedQuery(LIVE_CHECKPOINT).execute(Tuple.of(name)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                return false;
            }
            Row row = rows.iterator().next();
            return new Checkpoint(row.getLong("transaction_id"), row.getLong("position")).isAtOrAfter(position);
        });
    }
}
