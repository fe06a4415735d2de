package com.uplift.application;

import com.uplift.domain.creditline.CreditLineCommand;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The servicing schedule: re-evaluates every open line as time passes ({@code ReassessOverTime}), so that a line
 * whose days past due cross 30 or 60, or whose income or bureau report goes stale, gets its flags and grade on the
 * day it happens, not at its next fact. Lines where nothing changed append nothing. Run every
 * {@code uplift.reassessment.interval} (1h; "off" disables it) and on demand by an admin.
 */
@ApplicationScoped
public class Reassessment {

    private static final Logger LOG = Logger.getLogger(Reassessment.class);
    private static final String LINES = """
            SELECT DISTINCT substr(stream_id, 13) AS id FROM events
            WHERE stream_id LIKE 'credit-line-%' AND stream_version = 1 AND event_type = 'CreditLineOpened'""";

    private final CreditLineService lines;
    private final Pool pool;
    private final Clock clock;

    public Reassessment(CreditLineService lines, Pool pool, Clock clock) {
        this.lines = lines;
        this.pool = pool;
        this.clock = clock;
    }

    /** @param changed lines whose flags, score or grade changed with time (each got a TimeElapsed batch) */
    public record Result(int lines, int changed, int failed) {
    }

    @Scheduled(every = "${uplift.reassessment.interval:1h}", delayed = "${uplift.reassessment.delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().invoke(result -> LOG.infof("Reassessment over time: %d lines, %d changed, %d failed",
                result.lines(), result.changed(), result.failed())).replaceWithVoid();
    }

    public Uni<Result> run() {
        CommandContext context = new CommandContext("system-reassessment", "SYSTEM", "reassessment-" + clock.instant(), null);
        AtomicInteger changed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        return pool.query(LINES).execute().map(rows -> {
                    List<String> ids = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getString("id"));
                    }
                    return ids;
                })
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> lines.handle(id, new CreditLineCommand.ReassessOverTime(clock.instant()), context)
                                .invoke(snapshot -> {
                                    if (!snapshot.appended().isEmpty()) {
                                        changed.incrementAndGet();
                                    }
                                })
                                .onFailure().invoke(failure -> {
                                    failed.incrementAndGet();
                                    LOG.warnf("reassessment of line %s failed: %s", id, failure.getMessage());
                                })
                                .onFailure().recoverWithNull())
                        .collect().asList()
                        .map(done -> new Result(ids.size(), changed.get(), failed.get())));
    }
}
