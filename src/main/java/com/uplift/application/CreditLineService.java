package com.uplift.application;

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
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
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
    private final WarningRaisers raisers;
    private final Counter conflictsRetried;

    public CreditLineService(EventStore store, EventTypeRegistry types, PolicyCatalog policies, BorrowerExposure exposure,
                             WarningRaisers raisers, MeterRegistry meters) {
        this.store = store;
        this.types = types;
        this.policies = policies;
        this.exposure = exposure;
        this.raisers = raisers;
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
        if (context.expectedVersion() != null && context.expectedVersion() != current.version()) {
            return Uni.createFrom().failure(new WrongExpectedVersionException(CreditLineStream.of(creditLineId),
                    context.expectedVersion(), current.version()));
        }
        if (current.version() == 0 && !(command instanceof CreditLineCommand.OpenCreditLine)) {
            return Uni.createFrom().failure(new CreditLineNotFoundException(creditLineId));
        }
        return exposure.enrich(command, current.state()).chain(withExposure -> raisers.enrich(creditLineId, withExposure))
                .chain(enriched -> policies.forLine(creditLineId).chain(policy ->
                switch (CreditLineDecider.decide(enriched, current.state(), policy)) {
            case Decision.Rejected rejected -> Uni.createFrom().failure(new CommandRejectedException(rejected.rejection()));
            case Decision.Accepted accepted when accepted.events().isEmpty() -> Uni.createFrom().item(current); // nothing to record
            case Decision.Accepted accepted -> {
                CreditLineState after = fold(current.state(), accepted.events());
                yield append(creditLineId, current, after, accepted.events(), context)
                        .map(result -> snapshotAfter(creditLineId, after, result, accepted.events()));
            }
        }));
    }

    private static CreditLineSnapshot snapshotAfter(String creditLineId, CreditLineState after, AppendResult result,
                                                    List<CreditLineEvent> events) {
        return new CreditLineSnapshot(creditLineId, after, result.streamVersion(), result.checkpoint(), events);
    }

    private Uni<AppendResult> append(String creditLineId, CreditLineSnapshot current, CreditLineState after,
                                     List<CreditLineEvent> events, CommandContext context) {
        String causationId = UUID.randomUUID().toString();
        CommandAnswer<CreditLineSnapshot> answer = context.answer();
        List<NewEvent> newEvents = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            EventTypeRegistry.Serialized serialized = types.serialize(events.get(i));
            // With an Idempotency-Key the ids derive from it: a second run of the same request cannot add new events.
            UUID eventId = answer == null ? UUID.randomUUID() : answer.eventId(i);
            newEvents.add(new NewEvent(eventId, serialized.type(), serialized.schemaVersion(), serialized.payload(),
                    context.metadata(causationId)));
        }
        AlongsideAppend alongside = answer == null ? AlongsideAppend.NOTHING : new AlongsideAppend() {
            @Override
            public Uni<Void> before(SqlConnection connection) {
                return answer.claim(connection);
            }

            @Override
            public Uni<Void> after(SqlConnection connection, AppendResult result) {
                return answer.record(connection, snapshotAfter(creditLineId, after, result, events));
            }
        };
        return store.append(CreditLineStream.of(creditLineId), ExpectedVersion.exactly(current.version()), newEvents, alongside);
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
