package com.uplift.readmodel;

import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What operators do with projections: see their state, rebuild one, and deal with a stopped one; and what readers
 * wait on to read their own writes. The work is done by {@link ProjectionGenerations}; this wakes the runner after it.
 */
@ApplicationScoped
public class ProjectionAdmin {

    private static final String STATUS = """
            SELECT p.name, p.state, p.live_generation, p.building_generation, p.error, p.failed_position,
                   c.transaction_id, c.position, c.events_applied, c.last_recorded_at,
                   b.transaction_id AS b_transaction_id, b.position AS b_position
            FROM projections p
            JOIN projection_checkpoints c ON c.projection = p.name AND c.generation = p.live_generation
            LEFT JOIN projection_checkpoints b ON b.projection = p.name AND b.generation = p.building_generation
            ORDER BY p.name""";

    private final ProjectionRunner runner;
    private final ProjectionGenerations generations;
    private final ProjectionLeadership leadership;
    private final ProjectionMetrics metrics;
    private final EventStore store;
    private final Pool pool;
    private final Clock clock;
    private final PositionWaiters waiters;

    public ProjectionAdmin(ProjectionRunner runner, ProjectionGenerations generations, ProjectionLeadership leadership,
                           ProjectionMetrics metrics, EventStore store, Pool pool, Clock clock, PositionWaiters waiters) {
        this.runner = runner;
        this.generations = generations;
        this.leadership = leadership;
        this.metrics = metrics;
        this.store = store;
        this.pool = pool;
        this.clock = clock;
        this.waiters = waiters;
    }

    /**
     * @param lagEvents  committed events after the live checkpoint, in the order the runner reads them (0 when caught up)
     * @param lagSeconds age of the oldest event the live generation has not read yet (0 when caught up)
     * @param eventsPerSecond read in the last complete minute, where the projection runs on this instance (else null)
     */
    @Schema(name = "ProjectionStatus")
    public record Status(String name, String state, int liveGeneration, Integer buildingGeneration, String position,
                         String buildingPosition, long eventsApplied, long lagEvents, long lagSeconds,
                         Double eventsPerSecond, boolean runsHere, String error, String failedPosition) {
    }

    public Uni<List<Status>> status() {
        return pool.query(STATUS).execute()
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(row -> store.backlogAfter(new Checkpoint(row.getLong("transaction_id"), row.getLong("position")))
                        .map(backlog -> status(row, backlog)))
                .collect().asList();
    }

    private Status status(Row row, EventStore.Backlog backlog) {
        String name = row.getString("name");
        boolean runsHere = leadership.leadsHere(name);
        long position = row.getLong("position");
        String building = row.getLong("b_transaction_id") == null ? null
                : new Checkpoint(row.getLong("b_transaction_id"), row.getLong("b_position")).toString();
        return new Status(name, row.getString("state"), row.getInteger("live_generation"),
                row.getInteger("building_generation"), new Checkpoint(row.getLong("transaction_id"), position).toString(),
                building, row.getLong("events_applied"), backlog.events(),
                backlog.secondsBehind(clock.instant()), runsHere ? metrics.eventsPerSecond(name) : null, runsHere,
                row.getString("error"), row.getString("failed_position"));
    }

    /** Starts building a new generation from position 0; the live one keeps serving until it has caught up. */
    public Uni<Integer> rebuild(String name) {
        return generations.rebuild(name).invoke(runner::wakeAll);
    }

    /**
     * Restarts a stopped projection; with {@code skipFailedEvent} the event that stopped it is passed over, and who
     * did it and why is kept in the projection's record (see {@link ProjectionGenerations#restart}).
     */
    public Uni<Void> restart(String name, boolean skipFailedEvent, String reason, String actor) {
        return generations.restart(name, skipFailedEvent, reason, actor).invoke(runner::wakeAll);
    }

    /**
     * Waits, up to {@code max}, until a projection's live generation has read past a position; true if it has. The
     * waiters of a projection share their reads of its checkpoint ({@link PositionWaiters}).
     */
    public Uni<Boolean> awaitPosition(String name, Checkpoint position, Duration max) {
        return waiters.await(name, position, max);
    }
}
