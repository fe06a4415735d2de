package com.uplift.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Re-verification runs as background jobs, one at a time per instance (the machine's cores serve the API first),
 * in submission order, on Quarkus' managed executor: each job is chained behind the previous one, so the worker pool
 * lends one thread at a time (the jobs block, as {@link LineHistory} explains). Progress is followed in memory on the
 * instance that runs the job (the last {@value #KEPT_JOBS}); the report is written to PostgreSQL when the job starts
 * and when it ends, so a finished report outlives a restart and can be read from any instance.
 */
@ApplicationScoped
public class VerificationJobs {

    static final int KEPT_JOBS = 50;
    private static final Logger LOG = Logger.getLogger(VerificationJobs.class);

    private final LineHistory history;
    private final EventStore store;
    private final EventTypeRegistry types;
    private final Clock clock;
    private final ManagedExecutor executor;
    /** The last job queued: the next one starts when it has finished. */
    private CompletableFuture<Void> queue = CompletableFuture.completedFuture(null);
    private volatile boolean stopping;
    private final Map<String, VerificationRun> jobs = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, VerificationRun> eldest) {
            return size() > KEPT_JOBS && eldest.getValue().finished();
        }
    };

    private static final String SAVE = """
            INSERT INTO audit_verifications (id, requested_by, status, report, updated_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, report = EXCLUDED.report, updated_at = EXCLUDED.updated_at""";
    private static final String LOAD = "SELECT report FROM audit_verifications WHERE id = $1";
    private static final Duration DB_WAIT = Duration.ofSeconds(30);

    private final Pool pool;

    public VerificationJobs(LineHistory history, EventStore store, EventTypeRegistry types, Clock clock, Pool pool,
                            ManagedExecutor executor) {
        this.history = history;
        this.executor = executor;
        this.store = store;
        this.types = types;
        this.clock = clock;
        this.pool = pool;
    }

    /** Queues a verification; its report shows progress from the start. */
    public VerificationReport submit(AuditScope scope, String requestedBy) {
        VerificationRun run = new VerificationRun(UUID.randomUUID().toString(), scope, requestedBy, history, store, types, clock);
        synchronized (jobs) {
            jobs.put(run.id(), run);
        }
        VerificationReport queued = run.report();
        synchronized (jobs) {
            // exceptionally: a job that failed unexpectedly must not stop the ones queued behind it
            queue = queue.exceptionally(failure -> null).thenRunAsync(() -> execute(run, queued), executor);
        }
        return queued;
    }

    private void execute(VerificationRun run, VerificationReport queued) {
        if (stopping) {
            return; // the instance is shutting down: the report stays as queued in memory, and nothing was written
        }
        save(queued);
        try {
            run.run();
        } finally {
            save(run.report());
        }
    }

    /** The job's report: live progress where it runs here, else the last report written to the database. */
    public Uni<Optional<VerificationReport>> find(String id) {
        synchronized (jobs) {
            VerificationRun run = jobs.get(id);
            if (run != null) {
                return Uni.createFrom().item(Optional.of(run.report()));
            }
        }
        return pool.preparedQuery(LOAD).execute(Tuple.of(id))
                .map(rows -> rows.stream().findFirst().map(row -> read(row.getString("report"))));
    }

    private void save(VerificationReport report) {
        try {
            pool.preparedQuery(SAVE).execute(Tuple.of(report.id(), report.requestedBy(), report.status().name(),
                    CanonicalJson.mapper().writeValueAsString(report), clock.instant().atOffset(ZoneOffset.UTC)))
                    .await().atMost(DB_WAIT);
        } catch (Exception e) {
            LOG.warnf(e, "verification %s: report not saved (it stays readable on this instance)", report.id());
        }
    }

    static VerificationReport read(String json) {
        try {
            return CanonicalJson.mapper().readerFor(VerificationReport.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored verification report cannot be read", e);
        }
    }

    /** Queued jobs do not start once the instance is stopping; the one running ends with the executor. */
    @PreDestroy
    void stop() {
        stopping = true;
    }
}
