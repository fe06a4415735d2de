package com.uplift.readmodel;

import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.step.StepCounter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * What the projections report about themselves on this instance: events read (a Micrometer counter, whose rate is the
 * throughput), and lag in events and in seconds (gauges, measured at the end of a turn by the instance that runs the
 * projection: see {@link #measureLagIfDue}). An instance that does not run a projection reports a lag of 0 for it, also
 * one it ran before another instance took it over: the runner's figure is the one that counts (max across instances).
 */
@ApplicationScoped
public class ProjectionMetrics {

    /** The throughput shown to operators is the count of the last complete step of this length. */
    static final long THROUGHPUT_STEP_MILLIS = 60_000;

    private static final String LIVE_POSITION = """
            SELECT c.transaction_id, c.position FROM projections p
            JOIN projection_checkpoints c ON c.projection = p.name AND c.generation = p.live_generation
            WHERE p.name = $1""";

    /**
     * Under load a projection's turns follow each other without pause, each reading a few events; measuring the lag
     * after every one of them was a count per turn per projection. A turn that read events measures only when the
     * last measure is this old.
     */
    static final long LAG_INTERVAL_NANOS = 1_000_000_000L;
    /**
     * The lag gauge counts at most this many events: a projection further behind shows this figure ("at least"), and
     * the measure's cost stays that of a few thousand index entries however far it trails (the admin's status,
     * asked for by a person, counts them all).
     */
    static final int LAG_COUNTED_AT_MOST = 10_000;

    /**
     * One projection's meters; {@code read} counts the events it read on this instance, {@code readAtTurnEnd} holds
     * that count as the last turn ended, {@code measuredAt} when the lag was last measured (System.nanoTime) and
     * {@code readAtMeasure} the count then, so that the end of a turn can tell whether it read anything, whether it
     * read anything since the last measure, and whether a measure is due.
     */
    private record Meters(Counter applied, StepCounter lastMinute, AtomicLong lagEvents, AtomicLong lagSeconds,
                          AtomicLong read, AtomicLong readAtTurnEnd, AtomicLong measuredAt, AtomicLong readAtMeasure) {
    }

    private final Map<String, Meters> meters = new HashMap<>();
    private final EventStore store;
    private final Pool pool;
    private final Clock clock;
    private final Predicate<String> runsHere;

    @Inject
    public ProjectionMetrics(Instance<Projection> projections, MeterRegistry registry, EventStore store, Pool pool, Clock clock,
                             ProjectionLeadership leadership) {
        this((Iterable<Projection>) projections, registry, store, pool, clock, leadership::leadsHere);
    }

    ProjectionMetrics(Iterable<Projection> projections, MeterRegistry registry, EventStore store, Pool pool, Clock clock,
                      Predicate<String> runsHere) {
        this.store = store;
        this.runsHere = runsHere;
        this.pool = pool;
        this.clock = clock;
        // Prometheus computes rates from the cumulative counter; the admin API's events/s comes from a step counter
        // beside it (Micrometer's own per-interval count), driven by the injected clock.
        io.micrometer.core.instrument.Clock stepClock = new io.micrometer.core.instrument.Clock() {
            @Override
            public long wallTime() {
                return clock.millis();
            }

            @Override
            public long monotonicTime() {
                return System.nanoTime();
            }
        };
        for (Projection projection : projections) {
            String name = projection.name();
            Counter applied = Counter.builder("uplift.projection.events.applied").tag("projection", name)
                    .description("events read by the projection (applied or passed over)").register(registry);
            StepCounter lastMinute = new StepCounter(new Meter.Id("uplift.projection.events.applied.step",
                    Tags.of("projection", name), null, null, Meter.Type.COUNTER), stepClock, THROUGHPUT_STEP_MILLIS);
            Meters m = new Meters(applied, lastMinute, new AtomicLong(), new AtomicLong(), new AtomicLong(),
                    new AtomicLong(), new AtomicLong(System.nanoTime() - LAG_INTERVAL_NANOS), new AtomicLong());
            // Read through leadership: the last figure measured here freezes when another instance takes the
            // projection over (a lost control connection), and would be scraped beside the runner's for good.
            Gauge.builder("uplift.projection.lag.events", m.lagEvents(), lag -> runsHere.test(name) ? lag.get() : 0)
                    .tag("projection", name)
                    .description("committed events after the projection's checkpoint, in the order it reads them").register(registry);
            Gauge.builder("uplift.projection.lag.seconds", m.lagSeconds(), lag -> runsHere.test(name) ? lag.get() : 0)
                    .tag("projection", name)
                    .description("age of the oldest event the projection has not read yet (0 when caught up)").register(registry);
            meters.put(name, m);
        }
    }

    /** Counts events read by a projection (applied, or passed over as not its type). */
    void applied(String projection, int events) {
        Meters m = meters.get(projection);
        m.applied().increment(events);
        // A step counter rolls over when it is read (a step registry reads it at each step); read it first, so that
        // events counted after a minute ended land in the new minute, not in the one already over.
        m.lastMinute().count();
        m.lastMinute().increment(events);
        m.read().addAndGet(events);
    }

    /**
     * Measures the lag ({@link #measureLag}) at the end of a turn when it is due: the projection came to rest (the turn
     * read nothing, and events were read since the last measure: a projection that reached the head, whose count is
     * of a few events at most), or the last measure is {@link #LAG_INTERVAL_NANOS} old. So the gauges are exact once
     * the log is quiet, at most about a second old under load, and a busy projection no longer pays a count per turn.
     * A projection that cannot move (a failing turn, a horizon held by an open transaction) measures once a second
     * too: every commit wakes it to a turn that reads nothing, and a count per wake of a backlog that grows while the
     * horizon is held was most of the database's work (docs/benchmarks.md). Called once per turn, by the projection's
     * own loop.
     */
    Uni<Void> measureLagIfDue(String projection) {
        Meters m = meters.get(projection);
        long read = m.read().get();
        boolean readNothing = m.readAtTurnEnd().getAndSet(read) == read;
        boolean cameToRest = readNothing && m.readAtMeasure().get() != read;
        long now = System.nanoTime();
        if (!cameToRest && now - m.measuredAt().get() < LAG_INTERVAL_NANOS) {
            return Uni.createFrom().voidItem();
        }
        m.measuredAt().set(now);
        m.readAtMeasure().set(read);
        return measureLag(projection);
    }

    /** Measures how far the live generation trails the log and sets the lag gauges. */
    Uni<Void> measureLag(String projection) {
        return pool.preparedQuery(LIVE_POSITION).execute(Tuple.of(projection)).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().voidItem();
            }
            Row row = rows.iterator().next();
            return store.backlogAfter(new Checkpoint(row.getLong("transaction_id"), row.getLong("position")), LAG_COUNTED_AT_MOST)
                    .invoke(backlog -> lagMeasured(projection, backlog.events(), backlog.secondsBehind(clock.instant())))
                    .replaceWithVoid();
        });
    }

    /** Sets the lag gauges to a measure just taken. */
    void lagMeasured(String projection, long events, long secondsBehind) {
        Meters m = meters.get(projection);
        m.lagEvents().set(events);
        m.lagSeconds().set(secondsBehind);
    }

    /** Events per second read in the last complete minute on this instance. */
    public double eventsPerSecond(String projection) {
        return meters.get(projection).lastMinute().count() * 1000.0 / THROUGHPUT_STEP_MILLIS;
    }
}
