package com.uplift.readmodel;

import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.RecordedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Feeds every {@link Projection} from the gap-safe global log.
 * <ul>
 * <li>Wakes on PostgreSQL NOTIFY (a trigger on the events table) and polls as a fallback.</li>
 * <li>Applies a batch and advances the checkpoint in one transaction: exactly-once effect, resumable after a restart.</li>
 * <li>With several instances on one database, each projection runs where its session advisory lock is held; the lock
 *     dies with its connection, and another instance takes over at its next poll.</li>
 * <li>An event that fails to apply stops only its projection, which records the event's position and the error.</li>
 * <li>A rebuild fills the next generation from position 0 beside the live one and switches when it has caught up.</li>
 * </ul>
 */
@ApplicationScoped
public class ProjectionRunner {

    private static final Logger LOG = Logger.getLogger(ProjectionRunner.class);
    private static final int BATCHES_PER_TURN = 20;
    /** A failure that only looks passing is retried this many times in a row before its event counts as failing. */
    private static final int MAX_GUESSED_TRANSIENT = 10;

    /** One projection's loop on this instance. */
    static final class Worker {
        final Projection projection;
        final Set<String> typeNames;
        final AtomicBoolean busy = new AtomicBoolean();
        volatile boolean again;
        volatile boolean leader;
        volatile boolean stopped;
        volatile int guessedTransient;
        final AtomicLong lagEvents = new AtomicLong();
        final AtomicLong completedTurns = new AtomicLong();
        final AtomicLong lagSeconds = new AtomicLong();
        final Counter applied;
        final ArrayList<long[]> samples = new ArrayList<>(); // [epochMillis, events applied so far]
        /**
         * Runs a task on this turn's own Vert.x context. Hibernate Reactive binds the current session to the context,
         * and database clients answer on the context of their connection: every result that comes from outside
         * Panache (the event store, the control connection) is brought back here before Panache is used again, or
         * two projections could end up sharing one session and one transaction.
         */
        volatile Executor home;

        Worker(Projection projection, Set<String> typeNames, Counter applied) {
            this.projection = projection;
            this.typeNames = typeNames;
            this.applied = applied;
        }
    }

    private final Map<String, Worker> workers = new LinkedHashMap<>();
    private final EventStore store;
    private final EventTypeRegistry types;
    private final Pool pool;
    private final Vertx vertx;
    private final Clock clock;
    private final boolean enabled;
    private final int batchSize;
    private final long pollMillis;
    private final String databaseUrl;
    private final Optional<String> username;
    private final Optional<String> password;
    private volatile Uni<SqlConnection> control;
    private volatile long timer = -1;

    public ProjectionRunner(Instance<Projection> projections, EventStore store, EventTypeRegistry types, Pool pool,
                            Vertx vertx, Clock clock, MeterRegistry meters,
                            @ConfigProperty(name = "uplift.projections.enabled", defaultValue = "true") boolean enabled,
                            @ConfigProperty(name = "uplift.projections.batch-size", defaultValue = "500") int batchSize,
                            @ConfigProperty(name = "uplift.projections.poll-interval-ms", defaultValue = "1000") long pollMillis,
                            @ConfigProperty(name = "quarkus.datasource.reactive.url") String databaseUrl,
                            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.databaseUrl = databaseUrl;
        this.username = username;
        this.password = password;
        this.store = store;
        this.types = types;
        this.pool = pool;
        this.vertx = vertx;
        this.clock = clock;
        this.enabled = enabled;
        this.batchSize = batchSize;
        this.pollMillis = pollMillis;
        for (Projection projection : projections) {
            Set<String> names = projection.eventTypes().stream().map(c -> types.typeOf(c).name()).collect(Collectors.toSet());
            Counter counter = Counter.builder("uplift.projection.events.applied").tag("projection", projection.name())
                    .description("events read by the projection (applied or passed over)").register(meters);
            Worker worker = new Worker(projection, names, counter);
            Gauge.builder("uplift.projection.lag.events", worker.lagEvents, AtomicLong::get).tag("projection", projection.name())
                    .description("global positions between the head of the log and the projection's checkpoint").register(meters);
            Gauge.builder("uplift.projection.lag.seconds", worker.lagSeconds, AtomicLong::get).tag("projection", projection.name())
                    .description("age of the oldest event the projection has not read yet (0 when caught up)").register(meters);
            workers.put(projection.name(), worker);
        }
    }

    public Set<String> names() {
        return workers.keySet();
    }

    public boolean exists(String name) {
        return workers.containsKey(name);
    }

    void onStart(@Observes StartupEvent start) {
        if (!enabled) {
            LOG.info("Projections are disabled (uplift.projections.enabled=false)");
            return;
        }
        timer = vertx.setPeriodic(pollMillis, id -> wakeAll());
        wakeAll();
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        // Hand the projections over at once (dev-mode reloads, rolling restarts) instead of when the socket times out.
        releaseLeadership().await().atMost(java.time.Duration.ofSeconds(5));
    }

    /** Asks every projection to catch up now (no-op for one already running; it runs once more afterwards). */
    public void wakeAll() {
        workers.values().forEach(this::wake);
    }

    private void wake(Worker worker) {
        if (!worker.busy.compareAndSet(false, true)) {
            worker.again = true;
            return;
        }
        worker.again = false;
        // Hibernate Reactive needs a fresh duplicated context, marked safe, per unit of work.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        worker.home = task -> context.runOnContext(v -> task.run());
        context.runOnContext(ignored -> turn(worker).subscribe().with(
                done -> finished(worker),
                failure -> {
                    LOG.warnf(failure, "projection %s: turn failed; retrying at the next poll", worker.projection.name());
                    finished(worker);
                }));
    }

    private void finished(Worker worker) {
        worker.completedTurns.incrementAndGet();
        worker.busy.set(false);
        if (worker.again) {
            wake(worker);
        }
    }

    /** One turn: make sure this instance leads the projection, then advance its live and building generations. */
    private Uni<Void> turn(Worker worker) {
        return leads(worker).emitOn(worker.home)
                .chain(leader -> leader ? advance(worker) : Uni.createFrom().voidItem());
    }

    private Uni<Void> advance(Worker worker) {
        String name = worker.projection.name();
        worker.stopped = false;
        return Panache.withTransaction(() -> ensureRegistered(name)).chain(row -> {
            if ("FAILED".equals(row.state)) {
                return Uni.createFrom().voidItem();
            }
            Uni<Boolean> live = catchUp(worker, row.liveGeneration, BATCHES_PER_TURN);
            if (row.buildingGeneration == null) {
                return live.replaceWithVoid();
            }
            int building = row.buildingGeneration;
            // A stopped projection does nothing more until an operator restarts it: not even its rebuild.
            return live.chain(liveCaughtUp -> worker.stopped ? Uni.createFrom().voidItem()
                    : catchUp(worker, building, BATCHES_PER_TURN).chain(buildingCaughtUp -> liveCaughtUp && buildingCaughtUp
                            ? switchTo(worker, building) : Uni.createFrom().voidItem()));
        }).chain(() -> measureLag(worker));
    }

    /** Applies up to {@code batches} batches; true when the generation has reached the head of the log. */
    private Uni<Boolean> catchUp(Worker worker, int generation, int batches) {
        if (batches == 0) {
            worker.again = true;
            return Uni.createFrom().item(false);
        }
        String key = ProjectionCheckpointRow.key(worker.projection.name(), generation);
        return Panache.withSession(() -> ProjectionCheckpointRow.<ProjectionCheckpointRow>findById(key))
                .map(checkpoint -> new Checkpoint(checkpoint.transactionId, checkpoint.position))
                .chain(from -> store.readAll(from, batchSize).emitOn(worker.home)
                        .chain(events -> events.isEmpty() ? Uni.createFrom().item(true)
                                : applyBatch(worker, generation, from, events)
                                    .chain(ok -> ok ? catchUp(worker, generation, batches - 1) : Uni.createFrom().item(false))));
    }

    /**
     * True when the batch was applied; false when an event in it failed and the projection is now stopped. A
     * passing failure (connection lost, checkpoint moved by someone else) fails the turn instead: the next poll
     * tries again, and nothing is marked as poison.
     */
    private Uni<Boolean> applyBatch(Worker worker, int generation, Checkpoint from, List<RecordedEvent> events) {
        // Deferred, so that a payload that cannot be read fails this Uni (and is handled below) instead of the turn.
        return Uni.createFrom().deferred(() -> inTransaction(worker, generation, from, events))
                .invoke(() -> worker.guessedTransient = 0)
                .replaceWith(true)
                .onFailure(failure -> !Transient.certain(failure) && Transient.guessed(failure))
                .invoke(failure -> worker.guessedTransient++)
                .onFailure(failure -> !Transient.certain(failure)
                        && (!Transient.guessed(failure) || worker.guessedTransient > MAX_GUESSED_TRANSIENT))
                .recoverWithUni(failure -> {
                    if (events.size() == 1) {
                        return stop(worker, generation, events.getFirst(), failure).replaceWith(false);
                    }
                    LOG.warnf(failure, "projection %s: a batch of %d failed; applying its events one by one to find the culprit",
                            worker.projection.name(), events.size());
                    return oneByOne(worker, generation, from, events, 0);
                });
    }

    /** Finds the failing event of a batch by applying its events one transaction at a time. */
    private Uni<Boolean> oneByOne(Worker worker, int generation, Checkpoint from, List<RecordedEvent> events, int index) {
        if (index == events.size()) {
            return Uni.createFrom().item(true); // the batch failed for a passing reason; it went through now
        }
        Checkpoint before = index == 0 ? from : events.get(index - 1).checkpoint();
        return applyBatch(worker, generation, before, List.of(events.get(index)))
                .chain(ok -> ok ? oneByOne(worker, generation, from, events, index + 1) : Uni.createFrom().item(false));
    }

    /**
     * Applies events read after {@code from} and moves the checkpoint past them, in one transaction. The checkpoint
     * row is locked first and must still be at {@code from}: if another runner (an instance that lost its lock
     * without knowing yet) or an operator moved it meanwhile, nothing is applied.
     */
    private Uni<Void> inTransaction(Worker worker, int generation, Checkpoint from, List<RecordedEvent> events) {
        List<Projection.Applied> relevant = new ArrayList<>();
        for (RecordedEvent event : events) {
            if (CreditLineStream.is(event.streamId()) && worker.typeNames.contains(event.eventType())) {
                // A payload that cannot be read fails here, inside the turn, and stops this projection only.
                relevant.add(new Projection.Applied(event, (CreditLineEvent) types.deserialize(event),
                        CreditLineStream.lineId(event.streamId())));
            }
        }
        RecordedEvent last = events.getLast();
        String key = ProjectionCheckpointRow.key(worker.projection.name(), generation);
        return Panache.withTransaction(() -> ProjectionCheckpointRow.<ProjectionCheckpointRow>findById(key, LockModeType.PESSIMISTIC_WRITE)
                        .chain(checkpoint -> {
                            if (checkpoint.transactionId != from.transactionId() || checkpoint.position != from.position()) {
                                return Uni.createFrom().failure(new Transient.CheckpointMoved(key, from));
                            }
                            return (relevant.isEmpty() ? Uni.createFrom().voidItem() : worker.projection.apply(generation, relevant))
                                    .invoke(() -> {
                                        checkpoint.transactionId = last.transactionId();
                                        checkpoint.position = last.globalPosition();
                                        checkpoint.eventsApplied += events.size();
                                        checkpoint.lastRecordedAt = last.recordedAt();
                                        checkpoint.updatedAt = clock.instant();
                                    });
                        }))
                .invoke(() -> worker.applied.increment(events.size()))
                .replaceWithVoid();
    }

    /** Marks the projection stopped at the failing event of one generation; an earlier failure is kept, not overwritten. */
    private Uni<Void> stop(Worker worker, int generation, RecordedEvent poison, Throwable failure) {
        worker.stopped = true;
        String position = poison.checkpoint().toString();
        String error = poison.eventType() + " v" + poison.schemaVersion() + " of " + poison.streamId() + " at version "
                + poison.streamVersion() + ": " + failure;
        LOG.errorf(failure, "projection %s STOPPED at position %s of generation %d (%s); the other projections go on",
                worker.projection.name(), position, generation, error);
        return Panache.withTransaction(() -> ProjectionRow.update(
                "state = 'FAILED', error = ?1, failedPosition = ?2, failedGeneration = ?3, updatedAt = ?4 "
                        + "where name = ?5 and state <> 'FAILED'",
                error.length() > 2000 ? error.substring(0, 2000) : error, position, generation, clock.instant(),
                worker.projection.name())).replaceWithVoid();
    }

    /**
     * The rebuilt generation has caught up: it becomes live, and the old one is dropped. One UPDATE decides the switch
     * (only if that generation is still the one being built and nobody stopped the projection meanwhile).
     */
    private Uni<Void> switchTo(Worker worker, int building) {
        String name = worker.projection.name();
        return Panache.withTransaction(() -> ProjectionRow.<ProjectionRow>findById(name).chain(row -> {
            int old = row.liveGeneration;
            return ProjectionRow.update("liveGeneration = ?1, buildingGeneration = null, updatedAt = ?2 "
                            + "where name = ?3 and buildingGeneration = ?1 and state = 'RUNNING'", building, clock.instant(), name)
                    .chain(switched -> {
                        if (switched == 0) {
                            return Uni.createFrom().voidItem();
                        }
                        LOG.infof("projection %s: generation %d caught up and is live (replacing %d)", name, building, old);
                        return worker.projection.drop(old)
                                .chain(() -> ProjectionCheckpointRow.delete("id", ProjectionCheckpointRow.key(name, old)))
                                .replaceWithVoid();
                    });
        }));
    }

    /** Creates the projection's bookkeeping on first use. */
    private Uni<ProjectionRow> ensureRegistered(String name) {
        return ProjectionRow.<ProjectionRow>findById(name).chain(row -> {
            if (row != null) {
                return Uni.createFrom().item(row);
            }
            ProjectionRow created = new ProjectionRow();
            created.name = name;
            created.liveGeneration = 1;
            created.state = "RUNNING";
            created.updatedAt = clock.instant();
            return created.<ProjectionRow>persist().chain(() -> startCheckpoint(name, 1)).replaceWith(created);
        });
    }

    static Uni<ProjectionCheckpointRow> startCheckpoint(String name, int generation) {
        ProjectionCheckpointRow checkpoint = new ProjectionCheckpointRow();
        checkpoint.id = ProjectionCheckpointRow.key(name, generation);
        checkpoint.projection = name;
        checkpoint.generation = generation;
        checkpoint.transactionId = Checkpoint.START.transactionId();
        checkpoint.position = Checkpoint.START.position();
        checkpoint.updatedAt = Instant.now();
        return checkpoint.persist();
    }

    // ---- leadership: one session advisory lock per projection, held on one dedicated connection ----

    private Uni<Boolean> leads(Worker worker) {
        if (worker.leader) {
            return Uni.createFrom().item(true);
        }
        return control().chain(connection -> connection
                        .preparedQuery("SELECT pg_try_advisory_lock(hashtext($1)) AS locked")
                        .execute(Tuple.of("uplift-projection:" + worker.projection.name())))
                .map(rows -> rows.iterator().next().getBoolean("locked"))
                .invoke(locked -> {
                    worker.leader = locked;
                    if (locked) {
                        LOG.infof("projection %s runs on this instance", worker.projection.name());
                    }
                });
    }

    /**
     * The connection that LISTENs for new events and holds the projection locks; reopened if it drops. It is a
     * connection of its own, not one from the pool: closing it (or this process dying) must really end the session,
     * since that is what releases the locks.
     */
    private synchronized Uni<SqlConnection> control() {
        if (control == null) {
            PgConnectOptions options = PgConnectOptions.fromUri(databaseUrl);
            username.ifPresent(options::setUser);
            password.ifPresent(options::setPassword);
            control = PgConnection.connect(vertx, options).chain(pg -> {
                pg.notificationHandler(notification -> wakeAll());
                pg.closeHandler(this::controlLost);
                return pg.query("LISTEN uplift_events").execute().replaceWith((SqlConnection) pg);
            }).onFailure().invoke(failure -> forgetControl()).memoize().indefinitely();
        }
        return control;
    }

    private void controlLost() {
        LOG.warn("projection control connection closed: leadership released, reconnecting at the next poll");
        forgetControl();
    }

    private synchronized void forgetControl() {
        control = null;
        workers.values().forEach(worker -> worker.leader = false);
    }

    /** Closes the control connection: releases every lock this instance holds (as a crash would). For tests. */
    public Uni<Void> releaseLeadership() {
        Uni<SqlConnection> current = control;
        if (current == null) {
            return Uni.createFrom().voidItem();
        }
        return current.chain(SqlConnection::close).invoke(this::forgetControl);
    }

    // ---- measurements ----

    private Uni<Void> measureLag(Worker worker) {
        return pool.preparedQuery("""
                        SELECT coalesce((SELECT max(global_position) FROM events), 0) - c.position AS lag,
                               (SELECT min(recorded_at) FROM events e WHERE e.global_position > c.position) AS oldest_unread
                        FROM projections p JOIN projection_checkpoints c ON c.projection = p.name AND c.generation = p.live_generation
                        WHERE p.name = $1""")
                .execute(Tuple.of(worker.projection.name()))
                .invoke(rows -> {
                    if (rows.iterator().hasNext()) {
                        var row = rows.iterator().next();
                        worker.lagEvents.set(Math.max(0, row.getLong("lag")));
                        worker.lagSeconds.set(row.getOffsetDateTime("oldest_unread") == null ? 0
                                : Math.max(0, java.time.Duration.between(row.getOffsetDateTime("oldest_unread").toInstant(), clock.instant()).toSeconds()));
                    }
                    sample(worker);
                })
                .replaceWithVoid();
    }

    private void sample(Worker worker) {
        long now = clock.millis();
        synchronized (worker.samples) {
            worker.samples.add(new long[]{now, (long) worker.applied.count()});
            worker.samples.removeIf(sample -> now - sample[0] > 60_000);
        }
    }

    /** Events per second over the last minute on this instance; null where the projection runs elsewhere. */
    public Double throughput(String name) {
        Worker worker = workers.get(name);
        if (worker == null || !worker.leader) {
            return null;
        }
        synchronized (worker.samples) {
            if (worker.samples.size() < 2) {
                return 0.0;
            }
            long[] first = worker.samples.getFirst();
            long[] last = worker.samples.getLast();
            long millis = last[0] - first[0];
            return millis == 0 ? 0.0 : (last[1] - first[1]) * 1000.0 / millis;
        }
    }

    /**
     * Turns of a projection finished on this instance since it started, led or not, failed or not. A signal to wait
     * for: once it has grown by two after a call, a whole turn has begun and ended after that call.
     */
    public long completedTurns(String name) {
        return workers.get(name).completedTurns.get();
    }

    public boolean leadsHere(String name) {
        Worker worker = workers.get(name);
        return worker != null && worker.leader;
    }

    Projection projection(String name) {
        return workers.get(name).projection;
    }
}
