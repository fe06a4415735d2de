package com.uplift.application;

import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.eventstore.EventStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The servicing schedule: re-evaluates every open line as time passes ({@code ReassessOverTime}), so that a line
 * whose days past due cross 30 or 60, or whose income or bureau report goes stale, gets its flags and grade on the
 * day it happens, not at its next fact. Lines where nothing changed append nothing. Run every
 * {@code uplift.reassessment.interval} (1h; "off" disables it), once per interval across instances, and on demand by
 * an admin.
 */
@ApplicationScoped
public class Reassessment {

    private static final Logger LOG = Logger.getLogger(Reassessment.class);
    private static final int PAGE = 1000;

    private final CreditLineService lines;
    private final EventStore store;
    private final Clock clock;
    private final ScheduledRuns runs;
    private final String every;

    public Reassessment(CreditLineService lines, EventStore store, Clock clock, ScheduledRuns runs,
                        @ConfigProperty(name = "uplift.reassessment.interval", defaultValue = "1h") String every) {
        this.lines = lines;
        this.store = store;
        this.clock = clock;
        this.runs = runs;
        this.every = every;
    }

    /** @param changed lines whose flags, score or grade changed with time (each got a TimeElapsed batch) */
    public record Result(int lines, int changed, int failed) {
    }

    @Scheduled(every = "${uplift.reassessment.interval:1h}", delayed = "${uplift.reassessment.delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        // every instance ticks; one of them runs each interval
        return ScheduledRuns.outageIsAWarning("reassessment", runs.claim("reassessment", ScheduledRuns.interval(every))
                .chain(won -> !won ? Uni.createFrom().voidItem()
                : run().invoke(result -> LOG.infof("Reassessment over time: %d lines, %d changed, %d failed",
                        result.lines(), result.changed(), result.failed())).replaceWithVoid()));
    }

    public Uni<Result> run() {
        return lineIds("", new ArrayList<>()).chain(this::reassess);
    }

    /** The same pass over the given lines only (the dev demo's portfolio once its policy is in force). */
    public Uni<Result> reassess(List<String> ids) {
        CommandContext context = new CommandContext("system-reassessment", "SYSTEM", "reassessment-" + clock.instant(), null);
        AtomicInteger changed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        return Multi.createFrom().iterable(ids)
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
                .map(done -> new Result(ids.size(), changed.get(), failed.get()));
    }

    /** Every credit line's id, in id order, paging through the store's stream ids. */
    private Uni<List<String>> lineIds(String afterStreamId, List<String> ids) {
        return store.streamIds(CreditLineStream.PREFIX, afterStreamId, null, null, PAGE).chain(page -> {
            page.forEach(streamId -> ids.add(CreditLineStream.lineId(streamId)));
            return page.size() < PAGE ? Uni.createFrom().item(ids) : lineIds(page.getLast(), ids);
        });
    }
}
