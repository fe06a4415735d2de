package com.uplift.application;

import com.uplift.domain.creditline.CreditLineCommand.ScanForOffer;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.domain.risk.RiskInputs;
import com.uplift.eventstore.EventStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * 提额名单: the offer scan. Evaluates every credit line, in stream-id order, with a {@link ScanForOffer} command sent
 * through {@link CreditLineService#handle} like any other command: a line at a time (its own queue), a few lines at
 * once ({@code uplift.offers.scan.concurrency}), so commands from the channels are never held behind the scan for
 * more than one line's decision. A batch of lines ({@code uplift.offers.scan.batch-size}) at a time; after each the
 * run's row in {@code offer_scan_runs} records its progress and checkpoint (the last stream id done), so a run that
 * an instance's death interrupts is resumed after its checkpoint by whichever instance sees its heartbeat go stale.
 * Lines redone after a resume are safe: the decider offers nothing twice to a line within one run.
 * <p>
 * Scheduled every {@code uplift.offers.scan.interval} (24h; "off" disables it) once per cluster ({@link ScheduledRuns}),
 * and on demand by an admin. Every line of a run is evaluated as of the run's business date.
 */
@ApplicationScoped
public class OfferScans {

    private static final Logger LOG = Logger.getLogger(OfferScans.class);
    static final String JOB = "offer-scan";
    /** A run whose heartbeat is older than this is taken to have lost its instance, and is resumed. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private static final String COLUMNS = """
            id, trigger, requested_by, business_date, status, checkpoint, lines_scanned, offered, withdrawn, unchanged,
            failed, claimed_by, started_at, finished_at, updated_at""";
    private static final String INSERT = """
            INSERT INTO offer_scan_runs (id, trigger, requested_by, business_date, status, claimed_by, heartbeat_at,
                                         started_at, updated_at)
            VALUES ($1, $2, $3, $4, 'RUNNING', $5, $6, $6, $6) RETURNING""" + " " + COLUMNS;
    private static final String SELECT = "SELECT " + COLUMNS + " FROM offer_scan_runs WHERE id = $1";
    private static final String RECENT = "SELECT " + COLUMNS + " FROM offer_scan_runs ORDER BY started_at DESC LIMIT $1";
    /** Progress after a batch, by the instance that holds the run (a resumed run moved to another is left alone). */
    private static final String PROGRESS = """
            UPDATE offer_scan_runs SET checkpoint = $2, lines_scanned = lines_scanned + $3, offered = offered + $4,
                   withdrawn = withdrawn + $5, unchanged = unchanged + $6, failed = failed + $7,
                   heartbeat_at = $8::timestamptz, updated_at = $8::timestamptz, status = $9::text,
                   finished_at = CASE WHEN $9::text = 'COMPLETED' THEN $8::timestamptz END
            WHERE id = $1 AND claimed_by = $10 AND status = 'RUNNING'""";
    private static final String STALE = """
            SELECT id FROM offer_scan_runs WHERE status = 'RUNNING' AND heartbeat_at < $1 ORDER BY started_at""";
    /** One statement: of instances resuming the same run at once, exactly one moves its claim. */
    private static final String TAKE_OVER = """
            UPDATE offer_scan_runs SET claimed_by = $2, heartbeat_at = $3, updated_at = $3
            WHERE id = $1 AND status = 'RUNNING' AND heartbeat_at < $4""";

    /** A run's progress as its row records it. */
    public record Run(String id, String trigger, String requestedBy, LocalDate businessDate, String status,
                      String checkpoint, int linesScanned, int offered, int withdrawn, int unchanged, int failed,
                      String claimedBy, Instant startedAt, Instant finishedAt, Instant updatedAt) {
    }

    private final CreditLineService lines;
    private final BorrowerExposure exposure;
    private final EventStore store;
    private final PolicyCatalog policies;
    private final Pool pool;
    private final Clock clock;
    private final ScheduledRuns runs;
    private final String every;
    private final int batchSize;
    private final int concurrency;
    private volatile boolean stopping;

    public OfferScans(CreditLineService lines, BorrowerExposure exposure, EventStore store, PolicyCatalog policies, Pool pool, Clock clock,
                      ScheduledRuns runs,
                      @ConfigProperty(name = "uplift.offers.scan.interval", defaultValue = "24h") String every,
                      @ConfigProperty(name = "uplift.offers.scan.batch-size", defaultValue = "200") int batchSize,
                      @ConfigProperty(name = "uplift.offers.scan.concurrency", defaultValue = "4") int concurrency) {
        this.lines = lines;
        this.exposure = exposure;
        this.store = store;
        this.policies = policies;
        this.pool = pool;
        this.clock = clock;
        this.runs = runs;
        this.every = every;
        this.batchSize = batchSize;
        this.concurrency = concurrency;
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopping = true; // the run stops after its current batch; its checkpoint says where another instance resumes
    }

    @Scheduled(every = "${uplift.offers.scan.interval:24h}", delayed = "${uplift.offers.scan.delay:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return ScheduledRuns.outageIsAWarning(JOB, runs.claim(JOB, ScheduledRuns.interval(every))
                .chain(won -> !won ? Uni.createFrom().voidItem()
                : start("system-offer-scan", "SCHEDULED").chain(run -> completion(run.id())).invoke(run -> LOG.infof(
                "Offer scan %s: %d lines, %d offered, %d withdrawn, %d failed", run.id(), run.linesScanned(),
                run.offered(), run.withdrawn(), run.failed())).replaceWithVoid()));
    }

    @Scheduled(every = "${uplift.offers.scan.resume-interval:1m}", delayed = "${uplift.offers.scan.resume-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> resumeTick() {
        return ScheduledRuns.outageIsAWarning(JOB + " (resuming)", resumeUnfinished().replaceWithVoid());
    }

    /** Starts a run now: its row is written, the lines are scanned in the background; answers the run as started. */
    public Uni<Run> start(String requestedBy, String trigger) {
        Instant now = clock.instant();
        String id = "SCAN-" + UUID.randomUUID();
        LocalDate businessDate = RiskInputs.businessDate(now, PolicyCatalog.forLine(policies.known().book(), null).rules());
        return pool.preparedQuery(INSERT).execute(Tuple.of(id, trigger, requestedBy, businessDate, runs.instance(), utc(now)))
                .map(rows -> run(rows.iterator().next()))
                .invoke(run -> continueInBackground(run.id()));
    }

    public Uni<Optional<Run>> find(String id) {
        return pool.preparedQuery(SELECT).execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(run(rows.iterator().next())));
    }

    public Uni<List<Run>> recent(int limit) {
        return pool.preparedQuery(RECENT).execute(Tuple.of(limit))
                .map(rows -> { List<Run> all = new java.util.ArrayList<>(); rows.forEach(r -> all.add(run(r))); return all; });
    }

    /**
     * Takes over every run whose instance stopped moving its heartbeat, and continues it after its checkpoint.
     * Answers the ids taken over (their scanning goes on in the background).
     */
    public Uni<List<String>> resumeUnfinished() {
        Instant now = clock.instant();
        OffsetDateTime cutoff = utc(now.minus(LEASE));
        return pool.preparedQuery(STALE).execute(Tuple.of(cutoff)).chain(rows -> {
            List<String> ids = new java.util.ArrayList<>();
            rows.forEach(r -> ids.add(r.getString("id")));
            return Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id ->
                    pool.preparedQuery(TAKE_OVER).execute(Tuple.of(id, runs.instance(), utc(now), cutoff))
                            .map(taken -> taken.rowCount() == 1 ? id : null))
                    .filter(java.util.Objects::nonNull).collect().asList();
        }).invoke(taken -> taken.forEach(id -> {
            LOG.infof("Offer scan %s resumed after its checkpoint", id);
            continueInBackground(id);
        }));
    }

    /** The run once it has finished (polls its row): for the schedule, tests and the benchmark. */
    public Uni<Run> completion(String id) {
        return find(id).chain(run -> run.isEmpty() || !"RUNNING".equals(run.get().status())
                ? Uni.createFrom().item(run.orElse(null))
                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(100)).chain(() -> completion(id)));
    }

    private void continueInBackground(String id) {
        scanFromCheckpoint(id).subscribe().with(done -> { }, failure -> LOG.warnf(failure,
                "offer scan %s stopped; it resumes after its checkpoint once its heartbeat is stale", id));
    }

    /** One batch after the run's checkpoint, then the next, until a short batch ends the run. */
    private Uni<Void> scanFromCheckpoint(String id) {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        return find(id).chain(found -> {
            if (found.isEmpty() || !"RUNNING".equals(found.get().status()) || !runs.instance().equals(found.get().claimedBy())) {
                return Uni.createFrom().voidItem();
            }
            Run run = found.get();
            return store.streamIds(CreditLineStream.PREFIX, run.checkpoint(), null, null, batchSize)
                    .chain(streamIds -> scanBatch(run, streamIds).chain(tally -> record(run, streamIds, tally))
                            .chain(more -> more ? scanFromCheckpoint(id) : Uni.createFrom().voidItem()));
        });
    }

    /** What a batch did, line by line. */
    private record Tally(int offered, int withdrawn, int unchanged, int failed) {
        Tally plus(Tally other) {
            return new Tally(offered + other.offered, withdrawn + other.withdrawn, unchanged + other.unchanged,
                    failed + other.failed);
        }
    }

    /**
     * The batch's lines are read ahead (their snapshots and events in two reads, their borrowers' exposure in two
     * more), so that each line's decision, sent through the command path like any other, finds its line cached and its
     * borrower read rather than paying four round trips of its own.
     */
    private Uni<Tally> scanBatch(Run run, List<String> streamIds) {
        List<String> lineIds = streamIds.stream().map(CreditLineStream::lineId).toList();
        return lines.loadAhead(lineIds).chain(exposure::readAhead)
                .chain(borrowers -> scanLines(run, lineIds).eventually(() -> exposure.forgetReadAhead(borrowers)));
    }

    private Uni<Tally> scanLines(Run run, List<String> lineIds) {
        CommandContext context = new CommandContext(run.requestedBy(), "SYSTEM", run.id(), null);
        return Multi.createFrom().iterable(lineIds)
                .onItem().transformToUni(lineId -> lines.handle(lineId,
                                new ScanForOffer(run.id(), run.businessDate(), clock.instant()), context)
                        .map(line -> outcome(run.id(), line.state()))
                        .onFailure().recoverWithItem(failure -> {
                            LOG.debugf("offer scan %s: line %s failed: %s", run.id(), lineId, failure.getMessage());
                            return new Tally(0, 0, 0, 1);
                        }))
                .merge(concurrency)
                .collect().with(java.util.stream.Collectors.reducing(new Tally(0, 0, 0, 0), Tally::plus));
    }

    /** Read from the line as the scan left it, so a line redone after a resume counts as what the run did to it. */
    private static Tally outcome(String runId, CreditLineState line) {
        boolean offered = line.offers().offers().values().stream().anyMatch(o -> runId.equals(o.scanRunId()));
        boolean withdrawn = line.offers().offers().values().stream().anyMatch(o -> runId.equals(o.withdrawnByRun()));
        return new Tally(offered ? 1 : 0, withdrawn ? 1 : 0, offered || withdrawn ? 0 : 1, 0);
    }

    /** Records the batch and moves the checkpoint; true when there may be more lines. */
    private Uni<Boolean> record(Run run, List<String> streamIds, Tally tally) {
        boolean last = streamIds.size() < batchSize;
        String checkpoint = streamIds.isEmpty() ? run.checkpoint() : streamIds.getLast();
        Instant now = clock.instant();
        return pool.preparedQuery(PROGRESS).execute(Tuple.tuple(List.<Object>of(run.id(), checkpoint, streamIds.size(),
                        tally.offered(), tally.withdrawn(), tally.unchanged(), tally.failed(), utc(now),
                        last ? "COMPLETED" : "RUNNING", runs.instance())))
                .map(rows -> rows.rowCount() == 1 && !last);
    }

    private static Run run(Row r) {
        return new Run(r.getString("id"), r.getString("trigger"), r.getString("requested_by"),
                r.getLocalDate("business_date"), r.getString("status"), r.getString("checkpoint"),
                r.getInteger("lines_scanned"), r.getInteger("offered"), r.getInteger("withdrawn"),
                r.getInteger("unchanged"), r.getInteger("failed"), r.getString("claimed_by"),
                instant(r.getOffsetDateTime("started_at")), instant(r.getOffsetDateTime("finished_at")),
                instant(r.getOffsetDateTime("updated_at")));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
