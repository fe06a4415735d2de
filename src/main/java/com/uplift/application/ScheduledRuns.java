package com.uplift.application;

import com.uplift.eventstore.DatabaseUnavailable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Makes a scheduled job run once per interval across every instance that shares the database, not once per instance.
 * <p>
 * Time is cut into intervals of the job's length, aligned on the epoch (an hourly job has one interval per clock
 * hour). Every instance's scheduler still ticks; before running, a tick claims the current interval for its job, and
 * the one statement below lets exactly one claim per job and interval succeed, whichever instance ticks first: the
 * row is updated only when it records an earlier interval, and PostgreSQL serializes concurrent upserts of one row.
 * An instance that dies mid-run leaves that interval unfinished; the next interval runs again (every job here is
 * safe to repeat: re-evaluation, anchoring since the last anchor, purging).
 * <p>
 * Each tick counts in {@code uplift.scheduled.runs{schedule, outcome=won|skipped}}: summed over the instances, a
 * job's {@code won} grows by one per interval, and every instance that ticks shows up in {@code skipped} or {@code won}.
 * The tag is {@code schedule}, not {@code job}: Prometheus puts its own {@code job} label (the scrape target) on every
 * series and would rename ours to {@code exported_job}.
 */
@ApplicationScoped
public class ScheduledRuns {

    private static final Logger LOG = Logger.getLogger(ScheduledRuns.class);

    private static final String CLAIM = """
            INSERT INTO scheduled_runs AS run (job, interval_start, claimed_at, claimed_by) VALUES ($1, $2, $3, $4)
            ON CONFLICT (job) DO UPDATE
                SET interval_start = excluded.interval_start, claimed_at = excluded.claimed_at, claimed_by = excluded.claimed_by
                WHERE run.interval_start < excluded.interval_start""";

    private final Pool pool;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String instance;

    @Inject
    public ScheduledRuns(Pool pool, Clock clock, MeterRegistry meters) {
        this(pool, clock, meters, ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** @param instance how this instance is named in {@code scheduled_runs.claimed_by} */
    public ScheduledRuns(Pool pool, Clock clock, MeterRegistry meters, String instance) {
        this.pool = pool;
        this.clock = clock;
        this.meters = meters;
        this.instance = instance;
    }

    /** How this instance is named in {@code scheduled_runs.claimed_by}. */
    public String instance() {
        return instance;
    }

    /** An interval as the schedules write it ("1h", "30m", "PT1H"). */
    public static Duration interval(String every) {
        return DurationConverter.parseDuration(every);
    }

    /** True when this instance won {@code job}'s current interval and should run it; false when another did. */
    public Uni<Boolean> claim(String job, Duration interval) {
        Instant now = clock.instant();
        long length = interval.toMillis();
        Instant start = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), length) * length);
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(job, start.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC), instance))
                .map(rows -> rows.rowCount() == 1)
                .invoke(won -> {
                    count(job, won);
                    if (!won) {
                        LOG.debugf("%s for the interval from %s already ran on another instance", job, start);
                    }
                });
    }

    /**
     * A tick that met a database outage ends as a warning naming the job (the next tick tries again; readiness says
     * DOWN meanwhile), not as the scheduler's error with a stack trace; any other failure stays an error.
     */
    public static Uni<Void> outageIsAWarning(String job, Uni<Void> tick) {
        return tick.onFailure(DatabaseUnavailable::is).recoverWithUni(failure -> {
            LOG.warnf("%s not run now: the database is unavailable (%s); the next tick tries again", job, failure.toString());
            return Uni.createFrom().voidItem();
        });
    }

    private void count(String job, boolean won) {
        Counter.builder("uplift.scheduled.runs")
                .description("ticks of a scheduled job: won (this instance runs the interval) or skipped (another did)")
                .tag("schedule", job).tag("outcome", won ? "won" : "skipped")
                .register(meters).increment();
    }
}
