package com.uplift.application;

import com.uplift.domain.borrower.BorrowerEvent;
import com.uplift.domain.borrower.BorrowerStream;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.Decision;
import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.ExpectedVersion;
import com.uplift.eventstore.NewEvent;
import com.uplift.eventstore.RecordedEvent;
import com.uplift.eventstore.WrongExpectedVersionException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Loads a credit line from its events, lets the decider decide, and appends what it decided. The only place where
 * the pure domain meets the store.
 */
@ApplicationScoped
public class CreditLineService {

    /** Conflicts retried when the client did not pin a version: another writer won, so decide again on fresh state. */
    static final int MAX_ATTEMPTS = 3;

    private final EventStore store;
    private final EventTypeRegistry types;
    private final PolicyCatalog policies;
    private final BorrowerExposure exposure;
    private final Counter conflictsRetried;

    public CreditLineService(EventStore store, EventTypeRegistry types, PolicyCatalog policies, BorrowerExposure exposure,
                             MeterRegistry meters) {
        this.store = store;
        this.types = types;
        this.policies = policies;
        this.exposure = exposure;
        this.conflictsRetried = Counter.builder("uplift.commands.conflicts.retried")
                .description("commands decided again on fresh state because another writer appended first").register(meters);
    }

    /** Runs a command against an existing (or, for an opening, a new) credit line. */
    public Uni<CreditLineSnapshot> handle(String creditLineId, CreditLineCommand command, CommandContext context) {
        return attempt(creditLineId, command, context, 1);
    }

    private Uni<CreditLineSnapshot> attempt(String creditLineId, CreditLineCommand command, CommandContext context, int attempt) {
        return load(creditLineId)
                .chain(current -> decideAndAppend(creditLineId, command, context, current))
                .onFailure(WrongExpectedVersionException.class)
                .recoverWithUni(conflict -> {
                    if (context.expectedVersion() != null || attempt >= MAX_ATTEMPTS) {
                        return Uni.createFrom().failure(conflict);
                    }
                    conflictsRetried.increment();
                    return attempt(creditLineId, command, context, attempt + 1);
                });
    }

    private Uni<CreditLineSnapshot> decideAndAppend(String creditLineId, CreditLineCommand command, CommandContext context,
                                                    CreditLineSnapshot current) {
        return decideAndAppend(creditLineId, command, context, current, 1);
    }

    private Uni<CreditLineSnapshot> decideAndAppend(String creditLineId, CreditLineCommand command, CommandContext context,
                                                    CreditLineSnapshot current, int borrowerRetries) {
        if (context.expectedVersion() != null && context.expectedVersion() != current.version()) {
            return Uni.createFrom().failure(new WrongExpectedVersionException(CreditLineStream.of(creditLineId),
                    context.expectedVersion(), current.version()));
        }
        if (current.version() == 0 && !(command instanceof CreditLineCommand.OpenCreditLine)) {
            return Uni.createFrom().failure(new CreditLineNotFoundException(creditLineId));
        }
        String borrowerId = BorrowerExposure.concerns(command) ? BorrowerExposure.borrowerOf(command, current.state()) : null;
        if (borrowerId == null) {
            return decide(command, current).chain(events -> events.isEmpty() ? Uni.createFrom().item(current)
                    : append(creditLineId, current, events, null, context));
        }
        // Open, increase, review: decided against the borrower's other lines as their stream holds them, and the
        // line's new exposure appended to that stream at the version read (docs/event-store.md).
        return exposure.claim(borrowerId, current, command.occurredAt(), this::load).chain(claim ->
                        decide(BorrowerExposure.withOthers(command, claim.otherThan(creditLineId)), current).chain(events ->
                                events.isEmpty() ? Uni.createFrom().item(current)
                                        : append(creditLineId, current, events, claim, context)))
                .onFailure(conflict -> pinnedLineLostOnlyTheBorrower(conflict, context))
                .recoverWithUni(conflict -> borrowerRetries < MAX_ATTEMPTS
                        ? load(creditLineId).chain(fresh -> decideAndAppend(creditLineId, command, context, fresh,
                        borrowerRetries + 1))
                        : Uni.createFrom().failure(conflict));
    }

    /**
     * A client that pinned the line's version (If-Match) is answered 412 only when the line moved: losing the borrower's
     * stream to a command on another line is no fault of its version, so that command is decided again here (without
     * a pinned version the caller's retry does it).
     */
    private static boolean pinnedLineLostOnlyTheBorrower(Throwable failure, CommandContext context) {
        return context.expectedVersion() != null && failure instanceof WrongExpectedVersionException conflict
                && BorrowerStream.is(conflict.streamId());
    }

    /** The decider's events for the command; a refusal fails with {@link CommandRejectedException}. */
    private Uni<List<CreditLineEvent>> decide(CreditLineCommand command, CreditLineSnapshot current) {
        return policies.forLine(current.creditLineId())
                .map(policy -> switch (CreditLineDecider.decide(command, current.state(), policy)) {
                    case Decision.Rejected rejected -> throw new CommandRejectedException(rejected.rejection());
                    case Decision.Accepted accepted -> accepted.events();
                });
    }

    /**
     * Appends the line's events and, when the command claimed the borrower's exposure, the line's new exposure on the
     * borrower's stream, both in one transaction: a conflict on either means another writer moved first, and the whole
     * command is decided again on fresh state.
     */
    private Uni<CreditLineSnapshot> append(String creditLineId, CreditLineSnapshot current, List<CreditLineEvent> events,
                                           BorrowerExposure.Claim claim, CommandContext context) {
        CreditLineState after = fold(current.state(), events);
        String causationId = UUID.randomUUID().toString();
        List<EventStore.StreamAppend> appends = new ArrayList<>();
        appends.add(new EventStore.StreamAppend(CreditLineStream.of(creditLineId),
                ExpectedVersion.exactly(current.version()), newEvents(events, causationId, context)));
        if (claim != null) {
            List<BorrowerEvent> exposureEvents = claim.record(creditLineId, after.exposure(), events.getLast().occurredAt());
            if (!exposureEvents.isEmpty()) {
                appends.add(new EventStore.StreamAppend(claim.streamId(), ExpectedVersion.exactly(claim.version()),
                        newEvents(exposureEvents, causationId, context)));
            }
        }
        return store.appendAll(appends).map(results -> new CreditLineSnapshot(creditLineId, after,
                results.getFirst().streamVersion(), results.getFirst().checkpoint(), events));
    }

    private List<NewEvent> newEvents(List<?> events, String causationId, CommandContext context) {
        return events.stream().map(event -> {
            EventTypeRegistry.Serialized serialized = types.serialize(event);
            return new NewEvent(UUID.randomUUID(), serialized.type(), serialized.schemaVersion(), serialized.payload(),
                    context.metadata(causationId));
        }).toList();
    }

    /** The line as it is now; version 0 and the initial state when it does not exist. */
    public Uni<CreditLineSnapshot> load(String creditLineId) {
        return loadUpTo(creditLineId, Long.MAX_VALUE);
    }

    /** The line as it was at a stream version, rebuilt from its events. */
    public Uni<CreditLineSnapshot> loadUpTo(String creditLineId, long version) {
        return store.readStream(CreditLineStream.of(creditLineId), 1, version).map(events -> replay(creditLineId, events));
    }

    /** The line as it was at a stream version, failing when it never existed. */
    public Uni<CreditLineSnapshot> find(String creditLineId, long version) {
        return loadUpTo(creditLineId, version).invoke(snapshot -> {
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
