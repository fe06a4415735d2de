package com.uplift.application;

import com.uplift.domain.borrower.BorrowerEvent;
import com.uplift.domain.borrower.BorrowerStream;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.Decision;
import com.uplift.eventstore.AlongsideAppend;
import com.uplift.eventstore.AppendResult;
import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.ExpectedVersion;
import com.uplift.eventstore.NewEvent;
import com.uplift.eventstore.RecordedEvent;
import com.uplift.eventstore.WrongExpectedVersionException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Loads a credit line, lets the decider decide, and appends what it decided. The only place where the pure domain
 * meets the store. A command on a cached line decides on the cached state and lets the append verify it is still the
 * stream's head; otherwise its load starts from the latest snapshot and reads only the events after it, so its cost
 * does not grow with the line's history; commands on one line queue behind each other.
 */
@ApplicationScoped
public class CreditLineService {

    /** Events read per round trip when a line is caught up from its cache entry, snapshot or first event. */
    static final int CATCH_UP_PAGE = 500;
    /** Events read at most by one {@link #loadAhead} (a batch of lines): 200 lines of up to 100 events since their snapshot. */
    static final int LOAD_AHEAD_EVENTS = 20_000;
    /** The first backoff after a lost race (another instance appended first); doubled per retry, jittered, capped. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(5);
    static final Duration MAX_BACKOFF = Duration.ofMillis(250);

    /** Times a command pinned by If-Match is decided again when only the borrower's stream moved under it. */
    static final int PINNED_BORROWER_ATTEMPTS = 3;
    /** Times a command is decided under a policy book it found changed (approvals are rare: more means a flood). */
    static final int POLICY_ATTEMPTS = 3;

    private final EventStore store;
    private final EventTypeRegistry types;
    private final PolicyCatalog policies;
    private final BorrowerExposure exposure;
    private final WarningRaisers raisers;
    private final LineCache cache;
    private final LineSnapshots snapshots;
    private final LineQueue queue;
    private final Counter conflictsRetried;

    public CreditLineService(EventStore store, EventTypeRegistry types, PolicyCatalog policies, BorrowerExposure exposure,
                             WarningRaisers raisers, LineCache cache, LineSnapshots snapshots, LineQueue queue,
                             MeterRegistry meters) {
        this.store = store;
        this.types = types;
        this.policies = policies;
        this.exposure = exposure;
        this.raisers = raisers;
        this.cache = cache;
        this.snapshots = snapshots;
        this.queue = queue;
        this.conflictsRetried = Counter.builder("uplift.commands.conflicts.retried")
                .description("commands decided again on fresh state because another writer appended first").register(meters);
    }

    /**
     * Runs a command against an existing (or, for an opening, a new) credit line, after the commands this instance
     * received for the line before it ({@link LineQueue}). Without If-Match the command is never refused for a version
     * conflict: a race lost to another instance is decided again on fresh state until the command's deadline, and
     * then it is a {@link LineBusyException} (nothing recorded). With If-Match a stale version is a
     * {@link WrongExpectedVersionException} at once.
     */
    public Uni<CreditLineSnapshot> handle(String creditLineId, CreditLineCommand command, CommandContext context) {
        Long expected = context.expectedVersion();
        Optional<CreditLineSnapshot> cached = cache.get(creditLineId);
        if (expected != null && cached.isPresent() && cached.get().version() > expected) {
            // versions only grow: a client behind what this instance already saw is stale, whatever is queued
            return Uni.createFrom().failure(new WrongExpectedVersionException(CreditLineStream.of(creditLineId), expected,
                    cached.get().version()));
        }
        LineQueue.Deadline deadline = queue.deadline();
        return queue.submit(creditLineId, deadline, () -> attempt(creditLineId, command, context, deadline, 1));
    }

    private Uni<CreditLineSnapshot> attempt(String creditLineId, CreditLineCommand command, CommandContext context,
                                            LineQueue.Deadline deadline, int attempt) {
        return current(creditLineId, context)
                .chain(current -> decideAndAppend(creditLineId, command, context, current)
                        .call(result -> remember(current, result))
                        .onFailure(CommandRejectedException.class)
                        .recoverWithUni(refusal -> decideAgainIfMoved(creditLineId, command, context, current, refusal)))
                .onFailure(WrongExpectedVersionException.class)
                .recoverWithUni(conflict -> {
                    cache.forget(creditLineId);
                    if (context.expectedVersion() != null) {
                        return Uni.createFrom().failure(conflict);
                    }
                    Duration backoff = backoff(attempt);
                    if (deadline.remaining().compareTo(backoff) <= 0) {
                        return Uni.createFrom().failure(new LineBusyException(creditLineId,
                                "other writers kept changing it for " + attempt + " attempts", LineQueue.RETRY_AFTER));
                    }
                    conflictsRetried.increment();
                    return Uni.createFrom().voidItem().onItem().delayIt().by(backoff)
                            .chain(() -> attempt(creditLineId, command, context, deadline, attempt + 1));
                });
    }

    /**
     * The line for deciding a command: its cache entry as it is, without reading the events after it. The append is
     * chained onto that version, so if another instance moved the line the append is refused, the entry forgotten and
     * the command decided again on the line loaded from the store: a stale entry costs a retry, never a wrong commit.
     * A client pinned (If-Match) to another version than the entry's gets the line loaded: the entry may be behind it.
     */
    private Uni<CreditLineSnapshot> current(String creditLineId, CommandContext context) {
        Optional<CreditLineSnapshot> cached = cache.get(creditLineId);
        return cached.isPresent() && (context.expectedVersion() == null || context.expectedVersion() == cached.get().version())
                ? Uni.createFrom().item(cached.get())
                : load(creditLineId);
    }

    /**
     * A refusal appends nothing, so no append checked the state it was decided on: the events stored after it are read
     * and, if there are any, the command is decided again on the line as it is. Only refusals pay this read.
     */
    private Uni<CreditLineSnapshot> decideAgainIfMoved(String creditLineId, CreditLineCommand command, CommandContext context,
                                                       CreditLineSnapshot decidedOn, Throwable refusal) {
        return catchUp(decidedOn).invoke(cache::remember).chain(fresh -> fresh.version() == decidedOn.version()
                ? Uni.createFrom().<CreditLineSnapshot>failure(refusal)
                : decideAndAppend(creditLineId, command, context, fresh).call(result -> remember(fresh, result)));
    }

    /** A random wait between half and all of an exponentially growing cap, so racing instances stop meeting each other. */
    static Duration backoff(int attempt) {
        long cap = Math.min(MAX_BACKOFF.toNanos(), FIRST_BACKOFF.toNanos() << Math.min(attempt - 1, 20));
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    /**
     * Caches what a command left (and snapshots it when it passed the interval). Only a result that is exactly the
     * loaded state plus the events this command appended is kept: an append that answered with an earlier result
     * (its events were stored already) says nothing about the state after it, so the entry is dropped instead.
     */
    private Uni<Void> remember(CreditLineSnapshot before, CreditLineSnapshot after) {
        if (after.version() != before.version() + after.appended().size()) {
            cache.forget(after.creditLineId());
            return Uni.createFrom().voidItem();
        }
        cache.remember(after);
        return snapshots.due(before.version(), after.version()) ? snapshots.save(after) : Uni.createFrom().voidItem();
    }

    /**
     * Decides under the policy book as this instance knows it, without reading the policy stream; the append requires
     * that stream unmoved. When it moved (an approval elsewhere), or the command was refused under a book that may be
     * stale, the book is read again and, if it changed, the command decided again under it.
     */
    private Uni<CreditLineSnapshot> decideAndAppend(String creditLineId, CreditLineCommand command, CommandContext context,
                                                    CreditLineSnapshot current) {
        return underPolicy(policies.known(), book -> decideAndAppend(creditLineId, command, context, current, book, 1), 1);
    }

    private Uni<CreditLineSnapshot> underPolicy(PolicyCatalog.KnownBook book,
                                                Function<PolicyCatalog.KnownBook, Uni<CreditLineSnapshot>> decision, int attempt) {
        return decision.apply(book)
                .onFailure(failure -> attempt < POLICY_ATTEMPTS && policyMayHaveMoved(failure))
                .recoverWithUni(failure -> policies.refresh().chain(fresh -> fresh.streamVersion() == book.streamVersion()
                        ? Uni.createFrom().failure(failure)
                        : underPolicy(fresh, decision, attempt + 1)));
    }

    private static boolean policyMayHaveMoved(Throwable failure) {
        return failure instanceof CommandRejectedException
                || failure instanceof WrongExpectedVersionException conflict && PolicyCatalog.STREAM.equals(conflict.streamId());
    }

    private Uni<CreditLineSnapshot> decideAndAppend(String creditLineId, CreditLineCommand command, CommandContext context,
                                                    CreditLineSnapshot current, PolicyCatalog.KnownBook book,
                                                    int borrowerRetries) {
        if (context.expectedVersion() != null && context.expectedVersion() != current.version()) {
            return Uni.createFrom().failure(new WrongExpectedVersionException(CreditLineStream.of(creditLineId),
                    context.expectedVersion(), current.version()));
        }
        if (current.version() == 0 && !(command instanceof CreditLineCommand.OpenCreditLine)) {
            return Uni.createFrom().failure(new CreditLineNotFoundException(creditLineId));
        }
        String borrowerId = BorrowerExposure.concerns(command) ? BorrowerExposure.borrowerOf(command, current.state()) : null;
        Uni<CreditLineSnapshot> decided = borrowerId == null
                ? decideServicing(creditLineId, command, context, current, book)
                : decideOnExposure(creditLineId, borrowerId, command, context, current, book);
        // either way the append may lose the borrower's stream to another line's command: only a moved line is a 412
        return decided.onFailure(conflict -> pinnedLineLostOnlyTheBorrower(conflict, context))
                .recoverWithUni(conflict -> borrowerRetries < PINNED_BORROWER_ATTEMPTS
                        ? load(creditLineId).chain(fresh -> decideAndAppend(creditLineId, command, context, fresh, book,
                        borrowerRetries + 1))
                        : Uni.createFrom().failure(conflict));
    }

    /** A command that does not read the borrower's stream; it writes it only when its events move the exposure. */
    private Uni<CreditLineSnapshot> decideServicing(String creditLineId, CreditLineCommand command, CommandContext context,
                                                    CreditLineSnapshot current, PolicyCatalog.KnownBook book) {
        return raisers.enrich(creditLineId, command).chain(enriched -> decide(enriched, current, book))
                .chain(events -> {
                    if (events.isEmpty()) {
                        return Uni.createFrom().item(current);
                    }
                    CreditLineState after = fold(current.state(), events);
                    return claimIfExposureMoved(current, events, after).chain(claim ->
                            append(creditLineId, current, events, after, claim, context, book));
                });
    }

    /**
     * Open, increase, review, the offer scan: decided against the borrower's other lines as their stream holds them (for
     * a scan decision, as its batch read them ahead), and the line's new exposure appended to that stream at the
     * version read (docs/event-store.md).
     */
    private Uni<CreditLineSnapshot> decideOnExposure(String creditLineId, String borrowerId, CreditLineCommand command,
                                                     CommandContext context, CreditLineSnapshot current,
                                                     PolicyCatalog.KnownBook book) {
        return exposure.claim(borrowerId, current, command, this::load).chain(claim ->
                decide(BorrowerExposure.withOthers(command, claim.otherThan(creditLineId)), current, book).chain(events ->
                        events.isEmpty() ? Uni.createFrom().item(current)
                                : append(creditLineId, current, events, fold(current.state(), events), claim, context, book)));
    }

    /**
     * The borrower's exposure for a command that does not read it but whose events still move the line's exposure: a
     * decrease applied at once by a servicing fact or by the passing of time lowers the limit, and the borrower's other
     * lines must see the freed headroom from that append on, not from the line's next exposure command. Read after
     * deciding (the decision does not depend on the other lines) and appended at the version read, so a concurrent
     * exposure command on another line makes one of the two decide again. Null (nothing to record) otherwise.
     */
    private Uni<BorrowerExposure.Claim> claimIfExposureMoved(CreditLineSnapshot current, List<CreditLineEvent> events,
                                                             CreditLineState after) {
        String borrowerId = current.state().borrowerId();
        if (borrowerId == null || borrowerId.isBlank() || after.exposure().sameAs(current.state().exposure())) {
            return Uni.createFrom().nullItem();
        }
        return exposure.claim(borrowerId, current, events.getLast().occurredAt(), this::load);
    }

    /**
     * A client that pinned the line's version (If-Match) is answered 412 only when the line moved: losing the borrower's
     * stream to a command on another line is no fault of its version, so that command is decided again here (without
     * a pinned version the caller's retry does it). This holds whether the command read that stream before deciding
     * (an exposure command) or only after (a servicing fact whose decrease moved the exposure).
     */
    private static boolean pinnedLineLostOnlyTheBorrower(Throwable failure, CommandContext context) {
        return context.expectedVersion() != null && failure instanceof WrongExpectedVersionException conflict
                && BorrowerStream.is(conflict.streamId());
    }

    /** The decider's events for the command under the book; a refusal fails with {@link CommandRejectedException}. */
    private static Uni<List<CreditLineEvent>> decide(CreditLineCommand command, CreditLineSnapshot current,
                                                     PolicyCatalog.KnownBook book) {
        return switch (CreditLineDecider.decide(command, current.state(),
                PolicyCatalog.forCommand(book.book(), current.creditLineId(), command, current.state()))) {
            case Decision.Rejected rejected -> Uni.createFrom().failure(new CommandRejectedException(rejected.rejection()));
            case Decision.Accepted accepted -> Uni.createFrom().item(accepted.events());
        };
    }

    /**
     * Appends the line's events and, when the command claimed the borrower's exposure, the line's new exposure on the
     * borrower's stream, both in one transaction: a conflict on either means another writer moved first, and the whole
     * command is decided again on fresh state. The policy book it was decided under must still be in force (the policy
     * stream unmoved). With an Idempotency-Key, the key is claimed and answered in that same transaction
     * ({@link CommandAnswer}) and every event's id derives from it. {@code after} is the line with the events folded
     * on (folded once per decision: the exposure check reads it too).
     */
    private Uni<CreditLineSnapshot> append(String creditLineId, CreditLineSnapshot current, List<CreditLineEvent> events,
                                           CreditLineState after, BorrowerExposure.Claim claim, CommandContext context,
                                           PolicyCatalog.KnownBook book) {
        String causationId = UUID.randomUUID().toString();
        List<EventStore.StreamAppend> appends = new ArrayList<>();
        appends.add(new EventStore.StreamAppend(CreditLineStream.of(creditLineId),
                ExpectedVersion.exactly(current.version()), newEvents(events, 0, causationId, context)));
        if (claim != null) {
            List<BorrowerEvent> exposureEvents = claim.record(creditLineId, after.exposure(), events.getLast().occurredAt());
            if (!exposureEvents.isEmpty()) {
                appends.add(new EventStore.StreamAppend(claim.streamId(), ExpectedVersion.exactly(claim.version()),
                        newEvents(exposureEvents, events.size(), causationId, context)));
            }
        }
        AlongsideAppend alongside = CommandAnswer.alongside(context.answer(),
                lineResult -> snapshotAfter(creditLineId, after, lineResult, events));
        return store.appendAll(appends, List.of(book.unmoved()), alongside)
                .map(results -> snapshotAfter(creditLineId, after, results.getFirst(), events));
    }

    private static CreditLineSnapshot snapshotAfter(String creditLineId, CreditLineState after, AppendResult result,
                                                    List<CreditLineEvent> events) {
        return new CreditLineSnapshot(creditLineId, after, result.streamVersion(), result.checkpoint(), events);
    }

    /** With an Idempotency-Key the ids derive from it: a second run of the same request cannot add a second set. */
    private List<NewEvent> newEvents(List<?> events, int firstIndex, String causationId, CommandContext context) {
        CommandAnswer<CreditLineSnapshot> answer = context.answer();
        List<NewEvent> newEvents = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            EventTypeRegistry.Serialized serialized = types.serialize(events.get(i));
            UUID eventId = answer == null ? UUID.randomUUID() : answer.eventId(firstIndex + i);
            newEvents.add(new NewEvent(eventId, serialized.type(), serialized.schemaVersion(), serialized.payload(),
                    context.metadata(causationId)));
        }
        return newEvents;
    }

    /**
     * The line as it is now, for deciding a command: from its cache entry or latest snapshot, plus the events stored
     * after it (read and parsed; the history before it is not). Version 0 and the initial state when it does not
     * exist. Reads for audit and as-of use {@link #loadUpTo} and {@link #findAsOf}, which fold every event.
     */
    public Uni<CreditLineSnapshot> load(String creditLineId) {
        Optional<CreditLineSnapshot> cached = cache.get(creditLineId);
        Uni<CreditLineSnapshot> start = cached.isPresent() ? Uni.createFrom().item(cached.get())
                : snapshots.latest(creditLineId).map(snapshot -> snapshot.orElseGet(() -> replay(creditLineId, List.of())));
        return start.chain(base -> catchUp(base).call(current -> loaded(base, current, cached.isEmpty())));
    }

    /** Caches a line as loaded; one loaded from far behind (not from the cache) is snapshotted, so the next load starts near its head. */
    private Uni<Void> loaded(CreditLineSnapshot base, CreditLineSnapshot current, boolean fromStore) {
        cache.remember(current);
        return fromStore && snapshots.due(base.version(), current.version()) ? snapshots.save(current) : Uni.createFrom().voidItem();
    }

    /**
     * Loads the lines the cache lacks, for a batch that is about to send each a command (the offer scan): their
     * snapshots in one read and the events after them in another, rather than two reads per line, and caches them, so
     * each command then starts from its cache entry like any other (its append still checks the stream's head). A line
     * whose events the batch's read did not cover ({@value #LOAD_AHEAD_EVENTS} at most) is left to its own load.
     * Answers the lines as loaded or cached.
     */
    public Uni<List<CreditLineSnapshot>> loadAhead(List<String> creditLineIds) {
        List<CreditLineSnapshot> known = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : creditLineIds) {
            cache.get(id).ifPresentOrElse(known::add, () -> missing.add(id));
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(known);
        }
        return snapshots.latestOf(missing).chain(found -> {
            Map<String, CreditLineSnapshot> bases = new LinkedHashMap<>();
            Map<String, Long> after = new LinkedHashMap<>();
            for (String id : missing) {
                CreditLineSnapshot base = found.getOrDefault(id, replay(id, List.of()));
                bases.put(CreditLineStream.of(id), base);
                after.put(CreditLineStream.of(id), base.version());
            }
            return store.readStreamsAfter(after, LOAD_AHEAD_EVENTS).chain(events -> Multi.createFrom()
                    .iterable(events.entrySet())
                    .onItem().transformToUniAndConcatenate(read -> {
                        CreditLineSnapshot base = bases.get(read.getKey());
                        CreditLineSnapshot current = read.getValue().isEmpty() ? base : foldOnto(base, read.getValue());
                        return current.version() == 0 ? Uni.createFrom().<CreditLineSnapshot>nullItem()
                                : loaded(base, current, true).replaceWith(current);
                    })
                    .collect().asList());
        }).map(loaded -> {
            known.addAll(loaded);
            return known;
        });
    }

    /** Folds the events stored after {@code base} onto it, a page at a time. */
    private Uni<CreditLineSnapshot> catchUp(CreditLineSnapshot base) {
        return store.readStreamAfter(CreditLineStream.of(base.creditLineId()), base.version(), CATCH_UP_PAGE)
                .chain(events -> {
                    if (events.isEmpty()) {
                        return Uni.createFrom().item(base);
                    }
                    CreditLineSnapshot next = foldOnto(base, events);
                    return events.size() < CATCH_UP_PAGE ? Uni.createFrom().item(next) : catchUp(next);
                });
    }

    /** {@code base} with stored events that follow it folded on; they must be its stream's next versions. */
    CreditLineSnapshot foldOnto(CreditLineSnapshot base, List<RecordedEvent> events) {
        CreditLineState state = base.state();
        long version = base.version();
        for (RecordedEvent event : events) {
            if (event.streamVersion() != version + 1) {
                throw new IllegalStateException("credit line " + base.creditLineId() + ": event " + event.streamVersion()
                        + " read after version " + version);
            }
            state = CreditLineDecider.evolve(state, (CreditLineEvent) types.deserialize(event));
            version = event.streamVersion();
        }
        return new CreditLineSnapshot(base.creditLineId(), state, version, events.getLast().checkpoint(), List.of());
    }

    /** The line as it was at a stream version, rebuilt from its events. */
    public Uni<CreditLineSnapshot> loadUpTo(String creditLineId, long version) {
        return store.readStream(CreditLineStream.of(creditLineId), 1, version).map(events -> replay(creditLineId, events));
    }

    /**
     * The line as it was at a stream version, failing when it never existed. The current version
     * ({@code Long.MAX_VALUE}) is read like a command's load, from the cache or snapshot on; an earlier one is folded.
     */
    public Uni<CreditLineSnapshot> find(String creditLineId, long version) {
        return (version == Long.MAX_VALUE ? load(creditLineId) : loadUpTo(creditLineId, version)).invoke(snapshot -> {
            if (snapshot.version() == 0) {
                throw new CreditLineNotFoundException(creditLineId);
            }
        });
    }

    /** The line as the store knew it at an instant: its events recorded at or before then. */
    public Uni<CreditLineSnapshot> findAsOf(String creditLineId, Instant asOf) {
        return store.readStream(CreditLineStream.of(creditLineId), 1)
                .map(events -> events.stream().takeWhile(e -> !e.recordedAt().isAfter(asOf)).toList())
                .map(events -> replay(creditLineId, events))
                .invoke(snapshot -> {
                    if (snapshot.version() == 0) {
                        throw new CreditLineNotFoundException(creditLineId);
                    }
                });
    }

    /** Stored events of a line, {@code limit} from a version on; fails when the line does not exist. */
    public Uni<List<RecordedEvent>> history(String creditLineId, long fromVersion, int limit) {
        return store.readStream(CreditLineStream.of(creditLineId), fromVersion, fromVersion + limit - 1)
                .call(events -> events.isEmpty() ? find(creditLineId, 1) : Uni.createFrom().voidItem());
    }

    /** A line's events as the domain reads them (upcast to their current shapes), in order. */
    public Uni<List<CreditLineEvent>> domainEvents(String creditLineId) {
        return find(creditLineId, Long.MAX_VALUE).chain(found -> store.readStream(CreditLineStream.of(creditLineId), 1))
                .map(events -> events.stream().map(e -> (CreditLineEvent) types.deserialize(e)).toList());
    }

    CreditLineSnapshot replay(String creditLineId, List<RecordedEvent> events) {
        CreditLineState state = CreditLineDecider.initialState();
        for (RecordedEvent event : events) {
            state = CreditLineDecider.evolve(state, (CreditLineEvent) types.deserialize(event));
        }
        return events.isEmpty()
                ? new CreditLineSnapshot(creditLineId, state, 0, Checkpoint.START, List.of())
                : new CreditLineSnapshot(creditLineId, state, events.getLast().streamVersion(), events.getLast().checkpoint(), List.of());
    }

    private static CreditLineState fold(CreditLineState state, List<CreditLineEvent> events) {
        for (CreditLineEvent event : events) {
            state = CreditLineDecider.evolve(state, event);
        }
        return state;
    }
}
