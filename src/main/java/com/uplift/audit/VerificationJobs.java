package com.uplift.audit;

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
 * in submission order. The last {@value #KEPT_JOBS} jobs are kept in memory: a restart forgets them (a job is cheap
 * to run again, and its findings are meant to be exported by the auditor, not stored by the service).
 */
@ApplicationScoped
public class VerificationJobs {

    static final int KEPT_JOBS = 50;

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

    public VerificationJobs(LineHistory history, EventStore store, EventTypeRegistry types, Clock clock) {
        this.history = history;
        this.store = store;
        this.types = types;
        this.clock = clock;
    }

    /** Queues a verification; its report shows progress from the start. */
    public VerificationReport submit(AuditScope scope, String requestedBy) {
        VerificationRun run = new VerificationRun(UUID.randomUUID().toString(), scope, requestedBy, history, store, types, clock);
        synchronized (jobs) {
            jobs.put(run.id(), run);
        }
        worker.submit(run);
        return run.report();
    }

    public Optional<VerificationReport> find(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id)).map(VerificationRun::report);
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
