package com.uplift.audit;

import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.application.PolicyCatalog;
import com.uplift.audit.AuditEvent.AnchoredHead;
import com.uplift.audit.AuditEvent.StreamHeadsAnchored;
import com.uplift.audit.VerificationReport.AnchorProblem;
import com.uplift.audit.VerificationReport.BrokenLink;
import com.uplift.audit.VerificationReport.Mismatch;
import com.uplift.audit.VerificationReport.Status;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.eventstore.ChainVerification;
import com.uplift.eventstore.ChainWalker;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.RecordedEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One re-verification: for every line in scope, walks its hash chain and re-decides every command batch; then
 * checks every anchored head in scope against the store. Progress is readable while it runs.
 */
final class VerificationRun implements Runnable {

    static final int KEPT = 100;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(VerificationRun.class);
    private static final int PAGE = 200;
    private static final Duration WAIT = Duration.ofMinutes(2);
    /**
     * Threads per core walking lines. A line's walk waits for its page from the database, then computes; a profile of
     * a run on a shared 2-core machine found the lanes running a tenth of the time (2 per core), so 4 per core keep
     * the cores fed while pages are on their way. Memory stays bounded by the lines handed out ahead.
     */
    private static final int LANES_PER_CORE = 4;
    /**
     * Events per statement when the whole store is read line after line: dozens of short lines at a time. Not more: the
     * PostgreSQL client gathers one result's bytes in a buffer it copies whole every 16 socket reads, so a result's
     * cost grows with the square of its size (a profile of 20,000-event reads spent a third of the event loop there).
     */
    static final int LINES_PAGE = 2_000;
    /** Events read and handed to lanes, not verified yet: what bounds a whole-store run's memory besides its pages. */
    static final int EVENTS_AHEAD = 20_000;

    private final String id;
    private final AuditScope scope;
    private final String requestedBy;
    private final LineHistory history;
    private final EventStore store;
    private final EventTypeRegistry types;
    private final Clock clock;

    private volatile Status status = Status.QUEUED;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String failure;
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong decisions = new AtomicLong();
    private final AtomicLong otherStreams = new AtomicLong();
    private final AtomicLong anchors = new AtomicLong();
    private final AtomicLong anchoredHeads = new AtomicLong();
    private final AtomicLong mismatchCount = new AtomicLong();
    private final AtomicLong brokenCount = new AtomicLong();
    private final AtomicLong anchorProblemCount = new AtomicLong();
    private final AtomicLong notRedecidableCount = new AtomicLong();
    private final AtomicLong analyzerDriftCount = new AtomicLong();
    private final List<VerificationReport.AnalyzerDrift> analyzerDrift = Collections.synchronizedList(new ArrayList<>());
    private final List<VerificationReport.NotRedecidable> notRedecidable = Collections.synchronizedList(new ArrayList<>());
    private final List<Mismatch> mismatches = Collections.synchronizedList(new ArrayList<>());
    private final List<BrokenLink> brokenLinks = Collections.synchronizedList(new ArrayList<>());
    private final List<AnchorProblem> anchorProblems = Collections.synchronizedList(new ArrayList<>());

    VerificationRun(String id, AuditScope scope, String requestedBy, LineHistory history, EventStore store,
                    EventTypeRegistry types, Clock clock) {
        this.id = id;
        this.scope = scope;
        this.requestedBy = requestedBy;
        this.history = history;
        this.store = store;
        this.types = types;
        this.clock = clock;
    }

    @Override
    public void run() {
        status = Status.RUNNING;
        startedAt = clock.instant();
        try {
            PolicyHistory policies = PolicyHistory.load(store, types);
            broken(policies.chain());
            DecisionReplay replay = new DecisionReplay(policies, types);
            verifyLines(replay);
            if (!scope.someLines()) {
                verifyOtherStreams();
            }
            verifyAnchors();
            status = Status.COMPLETED;
        } catch (RuntimeException e) {
            LOG.errorf(e, "verification %s failed", id);
            failure = e.toString();
            status = Status.FAILED;
        } finally {
            finishedAt = clock.instant();
        }
    }

    /**
     * Lines are independent (each has its own chain and its own state), so they are verified on every core at once,
     * one lane per core. Over the whole store, lines are read many to a statement ({@link LineHistory#forEachLineRead},
     * pages of {@value #LINES_PAGE} events, the next page on its way while lanes work), so lanes compute instead of
     * waiting for a page each; a run over some lines or a time range walks each line in scope by itself, with more
     * lanes per core since those wait for their pages. At most {@value #EVENTS_AHEAD} events (or, walking by line,
     * {@code 2 x lanes} lines) are handed out ahead, so memory stays flat whatever the store's size. The first failure
     * ends the run as before.
     */
    private void verifyLines(DecisionReplay replay) {
        boolean everything = !scope.someLines() && scope.from() == null && scope.to() == null;
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = everything ? cores : LANES_PER_CORE * cores;
        Semaphore ahead = new Semaphore(everything ? EVENTS_AHEAD : 2 * threads);
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        AtomicLong lane = new AtomicLong();
        ExecutorService lanes = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "verification-" + id.substring(0, 8) + "-" + lane.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            if (everything) {
                history.forEachLineRead(LINES_PAGE, line -> {
                    // a line walked by id holds one page at a time: count it as one page
                    int weight = line.readWhole() ? Math.min(line.events().size(), EVENTS_AHEAD) : Math.min(LineHistory.PAGE, EVENTS_AHEAD);
                    handOut(lanes, ahead, weight, failed, () -> verifyLine(line.creditLineId(),
                            line.readWhole() ? line.events() : null, replay));
                });
            } else {
                history.forEachLine(scope, line -> handOut(lanes, ahead, 1, failed, () -> verifyLine(line, null, replay)));
            }
        } finally {
            lanes.shutdown();
            try {
                if (!lanes.awaitTermination(WAIT.toMinutes() * 60, TimeUnit.SECONDS)) {
                    failed.compareAndSet(null, new IllegalStateException("verification lanes did not finish within " + WAIT));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.compareAndSet(null, new IllegalStateException("interrupted while verifying lines", e));
            }
        }
        if (failed.get() != null) {
            throw failed.get();
        }
    }

    /** Runs a line's verification on a lane once {@code weight} permits are free; stops handing out after a failure. */
    private static void handOut(ExecutorService lanes, Semaphore ahead, int weight, AtomicReference<RuntimeException> failed,
                                Runnable verification) {
        if (failed.get() != null) {
            throw failed.get();
        }
        ahead.acquireUninterruptibly(weight);
        lanes.execute(() -> {
            try {
                if (failed.get() == null) {
                    verification.run();
                }
            } catch (RuntimeException e) {
                failed.compareAndSet(null, e);
            } finally {
                ahead.release(weight);
            }
        });
    }

    /** Verifies one line: from {@code readAlready} when its events were read (all of them), else page by page. */
    void verifyLine(String line, List<RecordedEvent> readAlready, DecisionReplay replay) {
        ChainWalker chain = new ChainWalker(CreditLineStream.of(line));
        LineHistory.Visitor visitor = new LineHistory.Visitor() {
            @Override
            public void event(RecordedEvent event) {
                chain.accept(event);
                events.incrementAndGet();
            }

            @Override
            public void batch(CommandBatch batch, CreditLineState before) {
                if (!scope.covers(batch.recordedAt())) {
                    return;
                }
                batches.incrementAndGet();
                if (batch.isDecision()) {
                    decisions.incrementAndGet();
                }
                switch (replay.replay(batch, before)) {
                    case DecisionReplay.Outcome.Reproduced reproduced -> {
                    }
                    case DecisionReplay.Outcome.Mismatched m -> keep(mismatches, mismatchCount, m.mismatch());
                    case DecisionReplay.Outcome.NotRedecidable n -> keep(notRedecidable, notRedecidableCount, n.batch());
                    case DecisionReplay.Outcome.Drifted d -> keep(analyzerDrift, analyzerDriftCount, d.drift());
                }
            }
        };
        long read = readAlready != null ? history.walk(line, readAlready, visitor) : history.walk(line, visitor);
        if (read > 0) {
            lines.incrementAndGet();
            broken(chain.result());
        }
    }

    private void broken(ChainVerification chain) {
        if (!chain.intact()) {
            keep(brokenLinks, brokenCount, new BrokenLink(chain.streamId(), chain.brokenAtVersion(), chain.problem()));
        }
    }

    /**
     * Without a set of lines, every other stream's chain is walked too (streams written by other parts of the
     * service, or by tools), except the policy book and the audit stream, which are checked in every run.
     */
    private void verifyOtherStreams() {
        String after = "";
        while (true) {
            List<String> page = store.streamIds("", after, scope.from(), scope.to(), PAGE).await().atMost(WAIT);
            for (String streamId : page) {
                if (!CreditLineStream.is(streamId) && !streamId.equals(PolicyCatalog.STREAM)
                        && !streamId.equals(StreamAnchors.STREAM)) {
                    verifyChain(streamId);
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.getLast();
        }
    }

    private void verifyChain(String streamId) {
        ChainWalker chain = new ChainWalker(streamId);
        long after = 0;
        for (List<RecordedEvent> page = store.readStreamAfter(streamId, after, PAGE).await().atMost(WAIT);
             !page.isEmpty(); page = store.readStreamAfter(streamId, after, PAGE).await().atMost(WAIT)) {
            page.forEach(chain::accept);
            events.addAndGet(page.size());
            after = page.getLast().streamVersion();
        }
        otherStreams.incrementAndGet();
        broken(chain.result());
    }

    /** Every anchored head in scope must still be stored with the anchored hash; the anchor stream's chain too. */
    private void verifyAnchors() {
        Set<String> inScope = new HashSet<>();
        scope.lines().forEach(line -> inScope.add(CreditLineStream.of(line)));
        ChainWalker chain = new ChainWalker(StreamAnchors.STREAM);
        long after = 0;
        for (List<RecordedEvent> page = store.readStreamAfter(StreamAnchors.STREAM, after, PAGE).await().atMost(WAIT);
             !page.isEmpty(); page = store.readStreamAfter(StreamAnchors.STREAM, after, PAGE).await().atMost(WAIT)) {
            for (RecordedEvent event : page) {
                chain.accept(event);
                anchors.incrementAndGet();
                StreamHeadsAnchored anchor = (StreamHeadsAnchored) types.deserialize(event);
                List<AnchoredHead> heads = anchor.heads().stream()
                        .filter(h -> scope.someLines() ? inScope.contains(h.streamId()) : true).toList();
                checkHeads(event, heads);
            }
            after = page.getLast().streamVersion();
        }
        broken(chain.result());
    }

    private void checkHeads(RecordedEvent anchorEvent, List<AnchoredHead> heads) {
        if (heads.isEmpty()) {
            return;
        }
        List<EventStore.StoredHash> stored = store.hashesAt(heads.stream().map(AnchoredHead::streamId).toList(),
                heads.stream().map(AnchoredHead::version).toList()).await().atMost(WAIT);
        Map<String, String> found = new HashMap<>();
        stored.forEach(s -> found.put(s.streamId() + "@" + s.streamVersion(), s.hash()));
        for (AnchoredHead head : heads) {
            String hash = found.get(head.streamId() + "@" + head.version());
            anchoredHeads.incrementAndGet();
            if (hash == null) {
                keep(anchorProblems, anchorProblemCount, new AnchorProblem(head.streamId(), head.version(), head.hash(), null,
                        anchorEvent.streamVersion(), anchorEvent.recordedAt(),
                        "version " + head.version() + " was anchored but is no longer stored: history was truncated"));
            } else if (!hash.trim().equals(head.hash())) {
                keep(anchorProblems, anchorProblemCount, new AnchorProblem(head.streamId(), head.version(), head.hash(), hash,
                        anchorEvent.streamVersion(), anchorEvent.recordedAt(),
                        "the stored hash differs from the anchored one: history was rewritten"));
            }
        }
    }

    private static <T> void keep(List<T> list, AtomicLong count, T finding) {
        count.incrementAndGet();
        synchronized (list) { // lines are verified concurrently: the size check and the add must be one step
            if (list.size() < KEPT) {
                list.add(finding);
            }
        }
    }

    String id() {
        return id;
    }

    boolean finished() {
        return status == Status.COMPLETED || status == Status.FAILED;
    }

    VerificationReport report() {
        return new VerificationReport(id, status, scope, requestedBy, startedAt, finishedAt, lines.get(), events.get(),
                batches.get(), decisions.get(), otherStreams.get(), anchors.get(), anchoredHeads.get(), mismatchCount.get(), brokenCount.get(),
                anchorProblemCount.get(), List.copyOf(mismatches), List.copyOf(brokenLinks), List.copyOf(anchorProblems),
                failure, notRedecidableCount.get(), List.copyOf(notRedecidable), analyzerDriftCount.get(),
                List.copyOf(analyzerDrift));
    }
}
