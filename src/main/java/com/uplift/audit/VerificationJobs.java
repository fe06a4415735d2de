package com.uplift.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.uplift.eventstore.CanonicalJson;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.ZoneOffset;

import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Re-verification runs as background jobs, one at a time per instance (the machine's cores serve the API first),
 * in submission order. Progress is followed in memory on the instance that runs the job (the last
 * {@value #KEPT_JOBS}); the report is written to PostgreSQL when the job is submitted and when it ends, so a finished
 * report outlives a restart and can be read from any instance.
 */
@ApplicationScoped
public class VerificationJobs {

    static final int KEPT_JOBS = 50;
    private static final Logger LOG = Logger.getLogger(VerificationJobs.class);

    private final LineHistory history;
    private final EventStore store;
    private final EventTypeRegistry types;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "audit-verification");
        thread.setDaemon(true);
        return thread;
    });
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

    public VerificationJobs(LineHistory history, EventStore store, EventTypeRegistry types, Clock clock, Pool pool) {
        this.history = history;
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
        worker.submit(() -> {
            save(queued);
            try {
                run.run();
            } finally {
                save(run.report());
            }
        });
        return queued;
    }

    /** The job's report: live progress where it runs here, else the last report written to the database. */
    public Optional<VerificationReport> find(String id) {
        synchronized (jobs) {
            VerificationRun run = jobs.get(id);
            if (run != null) {
                return Optional.of(run.report());
            }
        }
        return pool.preparedQuery(LOAD).execute(Tuple.of(id)).await().atMost(DB_WAIT).stream().findFirst()
                .map(row -> read(row.getString("report")));
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

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
