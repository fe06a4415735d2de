package com.uplift.readmodel;

import com.uplift.eventstore.Checkpoint;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The life of a projection's generations, as recorded in {@code projections} and {@code projection_checkpoints}:
 * registered on first use, stopped by a failing event, restarted (optionally past that event) by an operator, rebuilt
 * as a new generation beside the live one, and switched over once the new one has caught up. Each change is one
 * conditional UPDATE, so a concurrent stop, rebuild or switch is never overwritten by a stale row.
 * <p>
 * Moving a checkpoint past applied events belongs to the batch that applied them ({@link ProjectionRunner}).
 */
@ApplicationScoped
public class ProjectionGenerations {

    private static final Logger LOG = Logger.getLogger(ProjectionGenerations.class);
    private static final int MAX_ERROR = 2000;

    /** What a turn needs of the record: read by itself, without a transaction around it. */
    private static final String READ = """
            SELECT state, live_generation, building_generation FROM projections WHERE name = $1""";

    private final Map<String, Projection> projections = new HashMap<>();
    private final Clock clock;
    private final Pool pool;

    public ProjectionGenerations(Instance<Projection> projections, Clock clock, Pool pool) {
        projections.forEach(projection -> this.projections.put(projection.name(), projection));
        this.clock = clock;
        this.pool = pool;
    }

    /** What one turn of a projection goes by: which generations to advance, or none if a failure stopped it. */
    record Generations(boolean failed, int live, Integer building) {

        /** From the record's columns, however they were read: {@code state} is FAILED once a failure stopped it. */
        static Generations of(String state, int live, Integer building) {
            return new Generations("FAILED".equals(state), live, building);
        }
    }

    /**
     * The projection's record, created (generation 1 from position 0) on first use. Read at the start of every turn of
     * every projection (under load, about once per command in all), so an existing record is one statement on a
     * connection of the pool, not a Hibernate session: that session's setup had been a visible share of the projections'
     * CPU. The answer comes back on {@code home}, the turn's context, where Panache may be used next.
     */
    Uni<Generations> register(String name, Executor home) {
        return pool.preparedQuery(READ).execute(Tuple.of(name)).emitOn(home)
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return create(name).map(created -> Generations.of(created.state, created.liveGeneration,
                                created.buildingGeneration));
                    }
                    Row row = rows.iterator().next();
                    return Uni.createFrom().item(Generations.of(row.getString("state"), row.getInteger("live_generation"),
                            row.getInteger("building_generation")));
                });
    }

    private Uni<ProjectionRow> create(String name) {
        return Panache.withTransaction(() -> ProjectionRow.<ProjectionRow>findById(name).chain(row -> {
            if (row != null) {
                return Uni.createFrom().item(row);
            }
            ProjectionRow created = new ProjectionRow();
            created.name = name;
            created.liveGeneration = 1;
            created.state = "RUNNING";
            created.updatedAt = clock.instant();
            return created.<ProjectionRow>persist().chain(() -> startCheckpoint(name, 1)).replaceWith(created);
        }));
    }

    private Uni<ProjectionCheckpointRow> startCheckpoint(String name, int generation) {
        ProjectionCheckpointRow checkpoint = new ProjectionCheckpointRow();
        checkpoint.id = ProjectionCheckpointRow.key(name, generation);
        checkpoint.projection = name;
        checkpoint.generation = generation;
        checkpoint.transactionId = Checkpoint.START.transactionId();
        checkpoint.position = Checkpoint.START.position();
        checkpoint.updatedAt = clock.instant();
        return checkpoint.persist();
    }

    /** Marks the projection stopped at the failing event of one generation; an earlier failure is kept, not overwritten. */
    Uni<Void> stop(String name, int generation, String position, String error) {
        return Panache.withTransaction(() -> ProjectionRow.update(
                "state = 'FAILED', error = ?1, failedPosition = ?2, failedGeneration = ?3, updatedAt = ?4 "
                        + "where name = ?5 and state <> 'FAILED'",
                truncated(error), position, generation, clock.instant(), name)).replaceWithVoid();
    }

    /**
     * The rebuilt generation has caught up: it becomes live, and the old one is dropped. One UPDATE decides the switch
     * (only if that generation is still the one being built and nobody stopped the projection meanwhile).
     */
    Uni<Void> switchTo(String name, int building) {
        return Panache.withTransaction(() -> ProjectionRow.<ProjectionRow>findById(name).chain(row -> {
            int old = row.liveGeneration;
            return ProjectionRow.update("liveGeneration = ?1, buildingGeneration = null, updatedAt = ?2 "
                            + "where name = ?3 and buildingGeneration = ?1 and state = 'RUNNING'", building, clock.instant(), name)
                    .chain(switched -> {
                        if (switched == 0) {
                            return Uni.createFrom().voidItem();
                        }
                        LOG.infof("projection %s: generation %d caught up and is live (replacing %d)", name, building, old);
                        return projections.get(name).drop(old)
                                .chain(() -> ProjectionCheckpointRow.delete("id", ProjectionCheckpointRow.key(name, old)))
                                .replaceWithVoid();
                    });
        }));
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
                            : projections.get(name).drop(next) // leftovers of an abandoned build, if any
                                .chain(() -> ProjectionCheckpointRow.delete("id", ProjectionCheckpointRow.key(name, next)))
                                .chain(() -> startCheckpoint(name, next))
                                .replaceWith(next));
        })).invoke(generation -> LOG.infof("projection %s: rebuilding as generation %d", name, generation));
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
            Uni<Void> skip = Uni.createFrom().voidItem();
            String error = null;
            if (skipFailedEvent) {
                int generation = row.failedGeneration != null ? row.failedGeneration : row.liveGeneration;
                skip = skipPast(name, generation, Checkpoint.parse(row.failedPosition));
                LOG.warnf("projection %s: %s skipped the event at %s of generation %d (%s): %s", name, actor,
                        row.failedPosition, generation, row.error, reason);
                error = truncated("skipped by " + actor + " at " + row.failedPosition + ": " + reason + " (was: " + row.error + ")");
            }
            String kept = error;
            return skip.chain(() -> ProjectionRow.update("state = 'RUNNING', error = ?1, failedPosition = null, "
                    + "failedGeneration = null, updatedAt = ?2 where name = ?3 and state = 'FAILED'", kept, clock.instant(), name))
                    .replaceWithVoid();
        }));
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
                        checkpoint.updatedAt = clock.instant();
                    }
                }).replaceWithVoid();
    }

    private static String truncated(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }
}
