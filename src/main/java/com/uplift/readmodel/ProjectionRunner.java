package com.uplift.readmodel;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.DatabaseUnavailable;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventStore.FoldEvent;
import com.uplift.eventstore.EventStore.FoldRead;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.RecordedEvent;
import com.uplift.eventstore.Sparse;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.hibernate.reactive.common.AffectedEntities;
import org.hibernate.reactive.mutiny.Mutiny;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Feeds every {@link Projection} from the gap-safe global log: wakes it, and applies its batches.
 * <ul>
 * <li>Wakes on PostgreSQL NOTIFY (a trigger on the events table) and polls as a fallback.</li>
 * <li>Applies a batch and advances the checkpoint in one transaction: exactly-once effect, resumable after a restart.
 * An {@link Projection.Outbound} projection delivers first, outside any transaction, then advances: at least once.</li>
 * <li>An event that fails to apply stops only its projection, which records the event's position and the error.</li>
 * </ul>
 * Whether this instance runs a projection is {@link ProjectionLeadership}'s job; registering, stopping and switching
 * generations is {@link ProjectionGenerations}'; counting and lag are {@link ProjectionMetrics}'.
 */
@ApplicationScoped
public class ProjectionRunner {

    private static final Logger LOG = Logger.getLogger(ProjectionRunner.class);
    private static final int BATCHES_PER_TURN = 20;
    /**
     * The most recent events the projections' shared reads keep ({@link SharedReads}'s tail), in batches: enough to
     * hold the spread of the live projections' checkpoints under load (their turns are spaced apart), small enough
     * that memory stays a few batches.
     */
    private static final int TAIL_BATCHES = 4;
    /** A failure that only looks passing is retried this many times in a row before its event counts as failing. */
    private static final int MAX_GUESSED_TRANSIENT = 10;

    /** A generation's checkpoint, read where a turn or a rebuild's stretches begin (no lock: the move is guarded). */
    private static final String READ_CHECKPOINT = """
            SELECT transaction_id, position FROM projection_checkpoints WHERE id = $1""";

    private static final String LOCK_CHECKPOINT = """
            SELECT transaction_id, position FROM projection_checkpoints WHERE id = $1 FOR UPDATE""";

    /**
     * A stretch of a generation being built does not wait for its commit to reach the disk (one flush per stretch
     * would pace the rebuild by the disk). Safe: its rows and its checkpoint commit together, so a crash loses whole
     * stretches, which are read again; nobody reads the generation before the switch, whose own commit is flushed
     * and with it every commit before it in the log.
     */
    private static final String ASYNCHRONOUS_COMMIT = "SET LOCAL synchronous_commit TO off";

    private static final String MOVE_CHECKPOINT = """
            UPDATE projection_checkpoints
            SET transaction_id = $2, position = $3, events_applied = events_applied + $4, last_recorded_at = $5,
                updated_at = $6
            WHERE id = $1""";

    /**
     * A live batch's checkpoint move, guarded: it moves only from where the batch was read, so one statement both checks
     * that nobody moved it meanwhile (no row updated) and, in a transaction, locks it for the rest of the batch.
     */
    private static final String ADVANCE_CHECKPOINT = """
            UPDATE projection_checkpoints
            SET transaction_id = $4, position = $5, events_applied = events_applied + $6, last_recorded_at = $7,
                updated_at = $8
            WHERE id = $1 AND transaction_id = $2 AND position = $3""";

    /** {@link #ADVANCE_CHECKPOINT} as Hibernate's native queries number their parameters ({@code ?1}, not {@code $1}). */
    private static final String ADVANCE_CHECKPOINT_IN_SESSION = ADVANCE_CHECKPOINT.replaceAll("\\$(\\d+)", "?$1");

    /** One projection's loop on this instance. */
    static final class Worker {
        final Projection projection;
        final Set<String> typeNames;
        final AtomicBoolean busy = new AtomicBoolean();
        /** Turns failed by a database outage: one warning per 30 s, not one per poll with its stack trace. */
        final Sparse outageWarnings = new Sparse(java.util.concurrent.TimeUnit.SECONDS.toNanos(30));
        volatile boolean again;
        /** The turn stopped with work left (its batches or stretches ran out): the next one begins at once. */
        volatile boolean atOnce;
        volatile boolean stopped;
        /** When the current turn began (System.nanoTime): the next turn is spaced from it. An hour ago before the first. */
        volatile long turnStartedAt = System.nanoTime() - 3_600_000_000_000L;
        /** When the last wake arrived (System.nanoTime), whether it started a turn or asked the running one for another. */
        volatile long wokenAt = turnStartedAt;
        /**
         * Up to when the current turn answers for the wakes that arrived (System.nanoTime): a short answer from a shared
         * read begun before it is not taken ({@link SharedReads}), as it could miss the commit behind such a wake.
         */
        volatile long answersWakeOf = turnStartedAt;
        /** The instant the coming turn was scheduled for: its grid instant, or when it was asked for if it starts at once. */
        volatile long scheduledAt = turnStartedAt;
        volatile int guessedTransient;
        final AtomicLong completedTurns = new AtomicLong();
        final AtomicLong bulkBatches = new AtomicLong();
        final AtomicLong bulkFallbacks = new AtomicLong();
        /**
         * Runs a task on this turn's own Vert.x context. Hibernate Reactive binds the current session to the context,
         * and database clients answer on the context of their connection: every result that comes from outside
         * Panache (the event store, the control connection) is brought back here before Panache is used again, or
         * two projections could end up sharing one session and one transaction.
         */
        volatile Executor home;
        /**
         * Where the live catch-up left each generation's checkpoint, so the next batch need not read it: a hint the
         * guarded move checks ({@link #ADVANCE_CHECKPOINT}); forgotten on any failure.
         */
        final Map<Integer, Checkpoint> readTo = new ConcurrentHashMap<>();
        /** What a rebuild has cut and is reading ahead of its generation's checkpoint, kept between turns. */
        volatile StretchesAhead<?> ahead;

        /** An InBulk projection's {@link Projection.InBulk#foldReads} by event type name; empty for the others. */
        final Map<String, FoldRead> foldReads = new HashMap<>();

        Worker(Projection projection, Set<String> typeNames) {
            this.projection = projection;
            this.typeNames = typeNames;
            if (projection instanceof Projection.InBulk<?> bulk) {
                bulk.foldReads().forEach(read -> foldReads.put(read.eventType(), read));
            }
        }
    }

    private final Map<String, Worker> workers = new LinkedHashMap<>();
    private final EventStore store;
    private final EventTypeRegistry types;
    private final ProjectionLeadership leadership;
    private final ProjectionGenerations generations;
    private final ProjectionMetrics metrics;
    private final PositionWaiters waiters;
    private final Vertx vertx;
    private final Clock clock;
    private final boolean enabled;
    private final int batchSize;
    private final int rebuildBatchSize;
    private final int rebuildReaders;
    /** Stretches a rebuild applies in one turn, before the turn ends and the live generation catches up again. */
    private final int stretchesPerTurn;
    private final Pool pool;
    private final SharedReads reads;
    private final long pollMillis;
    private final long turnSpacingNanos;
    private volatile long timer = -1;

    public ProjectionRunner(Instance<Projection> projections, EventStore store, EventTypeRegistry types,
                            ProjectionLeadership leadership, ProjectionGenerations generations, ProjectionMetrics metrics,
                            PositionWaiters waiters, Vertx vertx, Clock clock, Pool pool,
                            @ConfigProperty(name = "uplift.projections.enabled", defaultValue = "true") boolean enabled,
                            @ConfigProperty(name = "uplift.projections.batch-size", defaultValue = "500") int batchSize,
                            @ConfigProperty(name = "uplift.projections.rebuild-batch-size", defaultValue = "10000") int rebuildBatchSize,
                            @ConfigProperty(name = "uplift.projections.rebuild-readers", defaultValue = "2") int rebuildReaders,
                            @ConfigProperty(name = "uplift.projections.rebuild-events-per-turn", defaultValue = "50000") int rebuildEventsPerTurn,
                            @ConfigProperty(name = "uplift.projections.poll-interval-ms", defaultValue = "1000") long pollMillis,
                            @ConfigProperty(name = "uplift.projections.live-turn-spacing-ms", defaultValue = "50") long turnSpacingMillis) {
        this.turnSpacingNanos = turnSpacingMillis * 1_000_000;
        this.pool = pool;
        this.reads = new SharedReads(store, System::nanoTime, TAIL_BATCHES * batchSize);
        this.rebuildBatchSize = rebuildBatchSize;
        this.rebuildReaders = rebuildReaders;
        this.stretchesPerTurn = Math.max(1, rebuildEventsPerTurn / rebuildBatchSize);
        this.store = store;
        this.types = types;
        this.leadership = leadership;
        this.generations = generations;
        this.metrics = metrics;
        this.waiters = waiters;
        this.vertx = vertx;
        this.clock = clock;
        this.enabled = enabled;
        this.batchSize = batchSize;
        this.pollMillis = pollMillis;
        for (Projection projection : projections) {
            Set<String> names = projection.eventTypes().stream().map(c -> types.typeOf(c).name()).collect(Collectors.toSet());
            workers.put(projection.name(), new Worker(projection, names));
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
        leadership.onNewEvents(this::wakeLedHere);
        timer = vertx.setPeriodic(pollMillis, id -> wakeAll());
        wakeAll();
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        // Hand the projections over at once (dev-mode reloads, rolling restarts) instead of when the socket times out.
        leadership.release().await().atMost(Duration.ofSeconds(5));
    }

    /** Asks every projection to catch up now (no-op for one already running; it runs once more afterwards). */
    public void wakeAll() {
        workers.values().forEach(this::wake);
    }

    /**
     * A commit wakes the projections this instance leads. The others are tried at the poll, not at every commit: a
     * projection changes hands only when its leader's session ends, which the poll finds within a second, while trying
     * its lock at every commit cost an instance that leads none of them a statement and a turn per projection per commit
     * (the write benchmark's service, beside its test application as leader: 65 tries a second under load).
     */
    private void wakeLedHere() {
        workers.values().forEach(worker -> {
            if (leadership.leadsHere(worker.projection.name())) {
                wake(worker);
            }
        });
    }

    /**
     * Starts a turn, or asks the running one for another. A turn due less than
     * {@code uplift.projections.live-turn-spacing-ms} after the last one began waits for the rest of that time, busy,
     * so that the commits meanwhile only ask for that one turn: the commits of a busy store gather into fewer, larger
     * turns. A projection with work ran its next turn as soon as one ended, so a cheaper turn had only meant more turns
     * of fewer events, each with its own statements (the record, the read, the checkpoint move, the lag), on cores the
     * commands need: 4.1 statements per command under the write benchmark's load against 2.0 when turns were slower
     * (docs/benchmarks.md). A turn that stopped with work left (a long catch-up, a rebuild) goes on at once, and the
     * first commit after a quiet spell is applied at once.
     */
    private void wake(Worker worker) {
        worker.wokenAt = System.nanoTime();
        schedule(worker);
    }

    /**
     * The spaced turns of all projections fall on one grid of instants (multiples of the spacing on this JVM's
     * {@link System#nanoTime}), so that the projections a commit woke begin their turns together: the first one's read
     * after the shared tail's end is then the read of all of them ({@link SharedReads}), where turns spaced each from
     * its own last start read the same events once per projection (1,362-1,719 reads per 20 s under the write
     * benchmark, 1.8 rows read per event written).
     */
    private void schedule(Worker worker) {
        if (!worker.busy.compareAndSet(false, true)) {
            worker.again = true;
            return;
        }
        long now = System.nanoTime();
        long at = worker.atOnce ? now : Math.max(now, alignedTurnAt(worker.turnStartedAt, turnSpacingNanos));
        worker.scheduledAt = at;
        if (at > now) {
            // rounded up: a timer fires at its delay or after it, so the turn begins at its grid instant or after it
            vertx.setTimer((at - now + 999_999) / 1_000_000, id -> start(worker));
            return;
        }
        start(worker);
    }

    /**
     * The first instant of the grid (multiples of {@code spacing}) at least half a spacing after {@code lastStart}: a
     * turn that began on the grid is followed one spacing later, one that began late (a busy event loop) at the next
     * grid instant rather than a whole spacing after it. A spacing of 0 or less: at once.
     */
    static long alignedTurnAt(long lastStart, long spacing) {
        if (spacing <= 0) {
            return lastStart;
        }
        return Math.floorDiv(lastStart + spacing / 2 + spacing - 1, spacing) * spacing;
    }

    private void start(Worker worker) {
        worker.again = false;
        worker.atOnce = false;
        // After again is cleared: a wake that set it before has set wokenAt before that, so it is seen here. The turn
        // answers for the wakes up to its grid instant; one that came after it (under load, one comes every few
        // hundred microseconds) is left to the next turn, so that a read the first projection of the instant began is
        // fresh enough for the others, which began a moment later.
        long woken = worker.wokenAt;
        if (woken > worker.scheduledAt) {
            worker.answersWakeOf = worker.scheduledAt;
            worker.again = true;
        } else {
            worker.answersWakeOf = woken;
        }
        worker.turnStartedAt = System.nanoTime();
        // Hibernate Reactive needs a fresh duplicated context, marked safe, per unit of work.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        worker.home = task -> context.runOnContext(v -> task.run());
        context.runOnContext(ignored -> turn(worker).subscribe().with(
                done -> finished(worker),
                failure -> {
                    if (!DatabaseUnavailable.is(failure)) {
                        LOG.warnf(failure, "projection %s: turn failed; retrying at the next poll", worker.projection.name());
                    } else {
                        long held = worker.outageWarnings.admit(System.nanoTime());
                        if (held != Sparse.NOT_ADMITTED) {
                            LOG.warnf("projection %s: the database is unavailable (%s); retrying at each poll (%d more"
                                    + " such turns since the last such line; at most one line per 30 s)",
                                    worker.projection.name(), failure.toString(), held);
                        }
                    }
                    finished(worker);
                }));
    }

    private void finished(Worker worker) {
        worker.completedTurns.incrementAndGet();
        worker.busy.set(false);
        if (worker.again) {
            schedule(worker);
        }
    }

    /** One turn: make sure this instance leads the projection, then advance its live and building generations. */
    private Uni<Void> turn(Worker worker) {
        return leadership.lead(worker.projection.name()).emitOn(worker.home)
                .chain(leader -> leader ? advance(worker) : Uni.createFrom().voidItem());
    }

    private Uni<Void> advance(Worker worker) {
        String name = worker.projection.name();
        worker.stopped = false;
        return generations.register(name, worker.home).chain(row -> {
            if (row.failed()) {
                return Uni.createFrom().voidItem();
            }
            Uni<Boolean> live = catchUp(worker, row.live(), BATCHES_PER_TURN);
            if (row.building() == null) {
                return live.replaceWithVoid();
            }
            int building = row.building();
            // A stopped projection does nothing more until an operator restarts it: not even its rebuild.
            return live.chain(liveCaughtUp -> worker.stopped ? Uni.createFrom().voidItem()
                    : build(worker, building).chain(buildingCaughtUp -> liveCaughtUp && buildingCaughtUp
                            ? generations.switchTo(name, building).invoke(() -> waiters.moved(name))
                            : Uni.createFrom().voidItem()));
        }).onItemOrFailure().call((done, failure) -> failure == null ? metrics.measureLagIfDue(name)
                // A turn that failed (a broker away) measures too: the lag must grow while nothing moves.
                : metrics.measureLagIfDue(name).onFailure().recoverWithNull());
    }

    /**
     * Advances a generation being built: in bulk where the projection can, else like the live one. A bulk turn ends
     * after {@code uplift.projections.rebuild-events-per-turn} events (50,000; at least one stretch), because the live
     * generation only catches up between turns: at 20 stretches of 10,000 a turn held it back for 200,000 events,
     * seconds under load. The next turn starts at once, and what the last one left being read ({@link StretchesAhead})
     * goes on being read meanwhile.
     */
    private Uni<Boolean> build(Worker worker, int generation) {
        return worker.projection instanceof Projection.InBulk<?> bulk
                ? catchUpInBulk(worker, bulk, generation, stretchesPerTurn)
                : catchUp(worker, generation, BATCHES_PER_TURN);
    }

    /**
     * A rebuild cuts the log ahead into stretches of {@code uplift.projections.rebuild-batch-size} events (keys only,
     * one statement), reads up to {@code uplift.projections.rebuild-readers} stretches at once on as many connections
     * (only the columns, streams and types the projection reads, and of each payload only what its fold reads),
     * prepares each on a worker thread as it arrives, and applies them in log order, each in bulk in the transaction
     * that moves the checkpoint (same exactly-once rule as {@link #inTransaction}). So the database extracts fields
     * and reads the next stretches while the service prepares and one transaction writes rows. The PostgreSQL client
     * copies a result's gathered bytes whole every 16 socket reads, so a result costs the square of its size in bytes
     * (a profile of 20,000-event batches of whole payloads found a third of the event loop in that copy); since a
     * fold's row is now ~170 bytes instead of a whole payload, a stretch of 10,000 events (the default) is smaller in
     * bytes than 2,500 were, and it cut the database's CPU per event by 13% and the service's by 20% against 2,500
     * (same run size and hour; docs/benchmarks.md). Two readers by default, for two cores: four database backends
     * time-slice the same cores, and each row cost the database 30% more CPU than with two (same run size, same
     * hour). The next stretches are cut while the last ones are read, and reads go on from one turn to the next
     * ({@link StretchesAhead}). A stretch that fails for a reason that is not passing is read whole and applied again
     * the ordinary way, which finds the poison.
     */
    private <S> Uni<Boolean> catchUpInBulk(Worker worker, Projection.InBulk<S> bulk, int generation, int stretches) {
        return readCheckpoint(worker, generation)
                .emitOn(worker.home)
                .chain(from -> applyAhead(worker, bulk, ahead(worker, bulk, generation, from), stretches))
                .onFailure().invoke(() -> worker.ahead = null) // nothing read ahead outlives a failed turn
                .emitOn(worker.home);
    }

    /**
     * What the last turn left cut and being read ({@link StretchesAhead}) if it begins where the generation's
     * checkpoint stands, else a fresh start from there.
     */
    @SuppressWarnings("unchecked")
    private <S> StretchesAhead<S> ahead(Worker worker, Projection.InBulk<S> bulk, int generation, Checkpoint from) {
        StretchesAhead<?> kept = worker.ahead;
        if (kept != null && kept.generation() == generation && kept.next().equals(from)) {
            return (StretchesAhead<S>) kept;
        }
        StretchesAhead<S> fresh = new StretchesAhead<>(generation, from,
                after -> store.stretches(after, rebuildBatchSize, stretchesPerTurn), stretch -> readAhead(bulk, stretch),
                rebuildReaders);
        worker.ahead = fresh;
        return fresh;
    }

    /**
     * Applies up to {@code stretches} stretches in log order, as {@code ahead} reads them; true when it found nothing
     * more below the horizon. Each stretch's checkpoint is still checked under lock in {@link #inBulk}: if anyone moved
     * it meanwhile, nothing read ahead is applied. What is being read when the turn ends goes on being read for the next.
     */
    private <S> Uni<Boolean> applyAhead(Worker worker, Projection.InBulk<S> bulk, StretchesAhead<S> ahead, int stretches) {
        if (stretches <= 0) {
            worker.again = true;
            worker.atOnce = true;
            return Uni.createFrom().item(false);
        }
        int generation = ahead.generation();
        return ahead.head().emitOn(worker.home).chain(head -> {
            if (head == null) {
                worker.ahead = null;
                return Uni.createFrom().item(true);
            }
            EventStore.Stretch stretch = head.stretch();
            return head.prepared()
                    .chain(prepared -> inBulk(worker, bulk, generation, stretch, prepared))
                    .invoke(ahead::applied) // what was applied is not held any longer
                    .replaceWith(true)
                    .onFailure(failure -> !Transient.certain(failure)).recoverWithUni(failure -> {
                        LOG.warnf(failure, "projection %s: a bulk batch of %d failed; applying it the ordinary way",
                                worker.projection.name(), stretch.events());
                        worker.bulkFallbacks.incrementAndGet();
                        worker.ahead = null; // the next stretches are cut again from where the ordinary way leaves it
                        return store.readAll(stretch.after(), Math.toIntExact(stretch.events())).emitOn(worker.home)
                                .chain(events -> applyBatch(worker, generation, stretch.after(), events));
                    })
                    .emitOn(worker.home)
                    .chain(ok -> !ok ? Uni.createFrom().item(false)
                            : worker.ahead == ahead ? applyAhead(worker, bulk, ahead, stretches - 1)
                            : catchUpInBulk(worker, bulk, generation, stretches - 1));
        });
    }

    /**
     * Starts reading a stretch now, with only what the fold reads of each event, and preparing it on a worker thread as
     * it arrives (one stretch on one thread: the stretches read at once keep the cores busy); its prepared events (or
     * its failure) wait for whoever asks.
     */
    private <S> Uni<S> readAhead(Projection.InBulk<S> bulk, EventStore.Stretch stretch) {
        Uni<S> read = store.readForFold(stretch, CreditLineStream.PREFIX, bulk.foldReads())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(bulk::prepare)
                .memoize().indefinitely();
        read.subscribe().with(events -> {
        }, failure -> {
        }); // the failure, if any, is delivered again to the one who waits for this stretch
        return read;
    }

    private <S> Uni<Void> inBulk(Worker worker, Projection.InBulk<S> bulk, int generation, EventStore.Stretch stretch,
                                 S prepared) {
        Checkpoint from = stretch.after();
        Checkpoint last = stretch.last();
        String key = ProjectionCheckpointRow.key(worker.projection.name(), generation);
        return pool.withTransaction(connection -> connection.query(ASYNCHRONOUS_COMMIT).execute()
                        .chain(() -> connection.preparedQuery(LOCK_CHECKPOINT).execute(Tuple.of(key)))
                        .chain(rows -> {
                            Row row = rows.iterator().next();
                            if (row.getLong("transaction_id") != from.transactionId() || row.getLong("position") != from.position()) {
                                return Uni.createFrom().failure(new Transient.CheckpointMoved(key, from));
                            }
                            return bulk.applyInBulk(connection, generation, prepared);
                        })
                        .chain(() -> connection.preparedQuery(MOVE_CHECKPOINT).execute(Tuple.tuple(List.of(key,
                                last.transactionId(), last.position(), stretch.events(),
                                stretch.lastRecordedAt().atOffset(ZoneOffset.UTC), clock.instant().atOffset(ZoneOffset.UTC))))))
                .invoke(() -> {
                    metrics.applied(worker.projection.name(), Math.toIntExact(stretch.events()));
                    worker.bulkBatches.incrementAndGet();
                })
                .replaceWithVoid();
    }

    /**
     * Applies up to {@code batches} batches; true when the generation has reached the head of the log. A batch shorter
     * than {@code batchSize} read everything below the horizon, so no further read is made to find nothing: events
     * committed since wake the projection again. The checkpoint is read once and then carried from batch to batch. The
     * projections of this instance share their reads ({@link SharedReads}): those at the same checkpoint take one read,
     * and those inside the most recent events read are answered from them.
     */
    private Uni<Boolean> catchUp(Worker worker, int generation, int batches) {
        if (batches == 0) {
            worker.again = true;
            worker.atOnce = true;
            return Uni.createFrom().item(false);
        }
        return checkpoint(worker, generation)
                .chain(from -> reads.readAll(from, batchSize, worker.answersWakeOf).emitOn(worker.home)
                        .chain(events -> events.isEmpty() ? Uni.createFrom().item(true)
                                : applyBatch(worker, generation, from, events).chain(ok -> {
                                    if (!ok) {
                                        worker.readTo.remove(generation);
                                        return Uni.createFrom().item(false);
                                    }
                                    worker.readTo.put(generation, events.getLast().checkpoint());
                                    return events.size() < batchSize ? Uni.createFrom().item(true)
                                            : catchUp(worker, generation, batches - 1);
                                })))
                .onFailure().invoke(failure -> worker.readTo.remove(generation));
    }

    private Uni<Checkpoint> checkpoint(Worker worker, int generation) {
        Checkpoint known = worker.readTo.get(generation);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return readCheckpoint(worker, generation).emitOn(worker.home);
    }

    /** A generation's checkpoint as stored: one statement on a connection of the pool (no Hibernate session per turn). */
    private Uni<Checkpoint> readCheckpoint(Worker worker, int generation) {
        return pool.preparedQuery(READ_CHECKPOINT).execute(Tuple.of(ProjectionCheckpointRow.key(worker.projection.name(), generation)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Checkpoint(row.getLong("transaction_id"), row.getLong("position"));
                });
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
     * Applies events read after {@code from} and moves the checkpoint past them, in one transaction. The move comes
     * first and is guarded ({@link #ADVANCE_CHECKPOINT}): if another runner (an instance that lost its lock without
     * knowing yet) or an operator moved the checkpoint meanwhile, it updates nothing and nothing is applied; otherwise
     * it holds the row's lock until the rows are written. Every live batch moves its checkpoint by that statement, so
     * the check lives there alone: a batch with nothing for the projection is that one statement; a projection that
     * applies in bulk writes its rows in a fixed number of statements on the same connection (what a rebuild writes,
     * so the same rows); a {@link Projection.PerBatch} one writes through Panache, whose transaction runs the same
     * statement first. An outbound projection (the Kafka publisher) is the exception: it delivers with no transaction
     * open, and then the checkpoint moves by that one guarded statement, so a runner whose delivery outlived its lead
     * cannot move the checkpoint back.
     */
    private Uni<Void> inTransaction(Worker worker, int generation, Checkpoint from, List<RecordedEvent> events) {
        // An InBulk projection reads of each event what a rebuild reads of it (its foldReads), so a risk assessment's
        // score comes out of the text without decoding the 2 KB record; the others get the events decoded.
        Projection.InBulk<?> inBulk = worker.projection instanceof Projection.InBulk<?> bulk ? bulk : null;
        List<Projection.Applied> relevant = new ArrayList<>();
        List<FoldEvent> folded = new ArrayList<>();
        for (RecordedEvent event : events) {
            if (CreditLineStream.is(event.streamId()) && worker.typeNames.contains(event.eventType())) {
                // A payload that cannot be read fails here, inside the turn, and stops this projection only.
                if (inBulk != null) {
                    folded.add(FoldEvent.of(event, worker.foldReads.get(event.eventType())));
                } else {
                    relevant.add(new Projection.Applied(event, (CreditLineEvent) types.deserialize(event),
                            CreditLineStream.lineId(event.streamId())));
                }
            }
        }
        String key = ProjectionCheckpointRow.key(worker.projection.name(), generation);
        Uni<Void> applied = switch (worker.projection) {
            case Projection ignored when relevant.isEmpty() && folded.isEmpty() ->
                    moveCheckpoint(pool, key, from, events).emitOn(worker.home);
            case Projection.InBulk<?> bulk -> pool.withTransaction(connection -> moveCheckpoint(connection, key, from, events)
                    .chain(() -> liveInBulk(connection, bulk, generation, folded))).emitOn(worker.home);
            // No transaction while the other system takes its time: it would hold every reader of the store back.
            case Projection.Outbound outbound -> outbound.apply(generation, relevant).emitOn(worker.home)
                    .chain(() -> moveCheckpoint(pool, key, from, events)).emitOn(worker.home);
            case Projection.PerBatch perBatch -> Panache.withTransaction(() -> moveCheckpointInSession(key, from, events)
                    .chain(() -> perBatch.apply(generation, relevant)));
            default -> Uni.createFrom().failure(new IllegalStateException(
                    "projection " + worker.projection.name() + " is neither PerBatch nor InBulk: nothing can apply it"));
        };
        return applied.invoke(() -> {
            metrics.applied(worker.projection.name(), events.size());
            waiters.moved(worker.projection.name()); // committed: its readers waiting on this instance may be answered
        });
    }

    /** The bulk fold takes prepared steps, not the events read (a raw call compiled, and failed on the first event). */
    private static <S> Uni<Void> liveInBulk(io.vertx.mutiny.sqlclient.SqlConnection connection, Projection.InBulk<S> bulk,
                                            int generation, List<FoldEvent> events) {
        return bulk.applyInBulk(connection, generation, bulk.prepare(events));
    }

    /** The guarded move ({@link #ADVANCE_CHECKPOINT}) on a connection of the pool, or in the transaction of one. */
    private Uni<Void> moveCheckpoint(SqlClient client, String key, Checkpoint from, List<RecordedEvent> events) {
        return advanced(client.preparedQuery(ADVANCE_CHECKPOINT).execute(Tuple.tuple(moveFrom(key, from, events)))
                .map(RowSet::rowCount), key, from);
    }

    /** The same guarded move in Panache's current session, so that it commits with what the projection writes there. */
    private Uni<Void> moveCheckpointInSession(String key, Checkpoint from, List<RecordedEvent> events) {
        List<Object> move = moveFrom(key, from, events);
        return advanced(Panache.getSession().chain(session -> {
            Mutiny.Query<Object> update = session.createNativeQuery(ADVANCE_CHECKPOINT_IN_SESSION,
                    new AffectedEntities(ProjectionCheckpointRow.class));
            for (int i = 0; i < move.size(); i++) {
                update.setParameter(i + 1, move.get(i));
            }
            return update.executeUpdate();
        }), key, from);
    }

    /**
     * The arguments of the guarded move, taken when the move runs: {@code updated_at} says when the checkpoint moved,
     * which for an outbound batch is after its delivery, not before it.
     */
    private List<Object> moveFrom(String key, Checkpoint from, List<RecordedEvent> events) {
        RecordedEvent last = events.getLast();
        return List.of(key, from.transactionId(), from.position(), last.transactionId(), last.globalPosition(),
                (long) events.size(), last.recordedAt().atOffset(ZoneOffset.UTC), clock.instant().atOffset(ZoneOffset.UTC));
    }

    private static Uni<Void> advanced(Uni<Integer> rowsUpdated, String key, Checkpoint from) {
        return rowsUpdated.chain(rows -> rows == 0 ? Uni.createFrom().failure(new Transient.CheckpointMoved(key, from))
                : Uni.createFrom().voidItem());
    }

    /** Marks the projection stopped at the failing event of one generation (its first failure is kept). */
    private Uni<Void> stop(Worker worker, int generation, RecordedEvent poison, Throwable failure) {
        worker.stopped = true;
        String position = poison.checkpoint().toString();
        String error = poison.eventType() + " v" + poison.schemaVersion() + " of " + poison.streamId() + " at version "
                + poison.streamVersion() + ": " + failure;
        LOG.errorf(failure, "projection %s STOPPED at position %s of generation %d (%s); the other projections go on",
                worker.projection.name(), position, generation, error);
        return generations.stop(worker.projection.name(), generation, position, error);
    }

    /** Closes the control connection: releases every lock this instance holds (as a crash would). For tests. */
    public Uni<Void> releaseLeadership() {
        return leadership.release();
    }

    /**
     * Turns of a projection finished on this instance since it started, led or not, failed or not. A signal to wait
     * for: once it has grown by two after a call, a whole turn has begun and ended after that call.
     */
    public long completedTurns(String name) {
        return workers.get(name).completedTurns.get();
    }

    /** Batches of a generation being built that were applied in bulk on this instance since it started. */
    public long bulkBatches(String name) {
        return workers.get(name).bulkBatches.get();
    }

    /**
     * Stretches of a generation being built that failed in bulk and were applied the ordinary way on this instance
     * since it started: a poison event, or a bug of the bulk path that the ordinary way would hide.
     */
    public long bulkFallbacks(String name) {
        return workers.get(name).bulkFallbacks.get();
    }

    public boolean leadsHere(String name) {
        return leadership.leadsHere(name);
    }
}
