package com.uplift.application;

import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.domain.creditline.Decision;
import com.uplift.domain.policy.PolicyVersion;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.ExpectedVersion;
import com.uplift.eventstore.NewEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * The demo portfolio, generated fast enough to fill a store with a million events for a benchmark. Each line follows
 * {@link DemoPortfolio}'s plan and every command still goes through the decider exactly as {@link CreditLineService}
 * runs it (borrower exposure enriched, the line's policy, one causation id per command, its events folded into the
 * state the next command is decided on), so re-verification re-decides every batch and must reproduce it. What is
 * saved is the round trips: the line's state stays in memory between its commands, its whole history is appended in
 * one call, and many lines are generated at once.
 */
public final class BulkPortfolio {

    private static final CommandContext CONTEXT = new CommandContext("demo-generator", "SYSTEM", "bulk-portfolio", null);

    private final EventStore store;
    private final EventTypeRegistry types;
    private final PolicyCatalog policies;
    private final BorrowerExposure exposure;
    private final Clock clock;

    public BulkPortfolio(EventStore store, EventTypeRegistry types, PolicyCatalog policies, BorrowerExposure exposure, Clock clock) {
        this.store = store;
        this.types = types;
        this.policies = policies;
        this.exposure = exposure;
        this.clock = clock;
    }

    /** A line's commands: {@link DemoPortfolio#plan} by default. */
    public interface Plan {
        List<Function<Instant, CreditLineCommand>> of(String id, int index, Random random);
    }

    /** Generates {@code lines} lines, {@code concurrency} at a time; returns the number of events appended. */
    public Uni<Long> generate(int lines, long seed, int concurrency) {
        return generate(lines, seed, concurrency, i -> new UUID(seed, i).toString(), DemoPortfolio::plan);
    }

    /** Generates lines of another plan (e.g. {@link SeasonedLines}), with their own ids. */
    public Uni<Long> generate(int lines, long seed, int concurrency, java.util.function.IntFunction<String> ids, Plan plan) {
        return Multi.createFrom().range(0, lines)
                .onItem().transformToUni(i -> line(ids.apply(i), i, new Random(seed * 1_000_003L + i), plan))
                .merge(concurrency)
                .collect().with(java.util.stream.Collectors.summingLong(Integer::longValue));
    }

    private Uni<Integer> line(String id, int index, Random random, Plan steps) {
        List<Function<Instant, CreditLineCommand>> plan = steps.of(id, index, random);
        return policies.forLine(id).map(policy -> history(plan, policy, types, clock))
                .chain(events -> store.append(CreditLineStream.of(id), ExpectedVersion.exactly(0), events).replaceWith(events.size()));
    }

    /**
     * A line of the demo plan, decided in memory and not appended: its events as {@link #generate} would append them
     * (for measurements of the read side without a database).
     */
    public static List<NewEvent> demoHistory(String id, int index, Random random, PolicyVersion policy,
                                             EventTypeRegistry types, Clock clock) {
        return history(DemoPortfolio.plan(id, index, random), policy, types, clock);
    }

    /** Decides the plan's steps one after another on the folded state; a rejected command records nothing. */
    private static List<NewEvent> history(List<Function<Instant, CreditLineCommand>> plan, PolicyVersion policy,
                                          EventTypeRegistry types, Clock clock) {
        List<NewEvent> recorded = new ArrayList<>();
        CreditLineState state = CreditLineDecider.initialState();
        for (Function<Instant, CreditLineCommand> step : plan) {
            // each generated borrower holds this one line: no other line's exposure to count (no borrower stream written)
            CreditLineCommand command = BorrowerExposure.withOthers(step.apply(clock.instant()), java.math.BigDecimal.ZERO);
            if (CreditLineDecider.decide(command, state, policy) instanceof Decision.Accepted accepted && !accepted.events().isEmpty()) {
                String causationId = UUID.randomUUID().toString();
                for (CreditLineEvent event : accepted.events()) {
                    EventTypeRegistry.Serialized serialized = types.serialize(event);
                    recorded.add(new NewEvent(UUID.randomUUID(), serialized.type(), serialized.schemaVersion(),
                            serialized.payload(), CONTEXT.metadata(causationId)));
                    state = CreditLineDecider.evolve(state, event);
                }
            }
        }
        return recorded;
    }
}
