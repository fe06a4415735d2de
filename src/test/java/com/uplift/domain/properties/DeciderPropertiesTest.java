package com.uplift.domain.properties;

import com.uplift.domain.Fixtures;
import com.uplift.domain.TestPolicies;
import com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport;
import com.uplift.domain.creditline.CreditLineCommand.RecordDrawdown;
import com.uplift.domain.creditline.CreditLineCommand.RecordMissedPayment;
import com.uplift.domain.creditline.CreditLineCommand.RecordRepayment;
import com.uplift.domain.creditline.CreditLineCommand.RecordServiceNote;
import com.uplift.domain.creditline.CreditLineCommand.ReportAssetChange;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ReviewIncrease;
import com.uplift.domain.creditline.CreditLineCommand.VerifyIncome;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.Decision;
import com.uplift.domain.creditline.ReviewOutcome;
import com.uplift.domain.history.AssetDirection;
import com.uplift.domain.history.AssetKind;
import com.uplift.domain.history.IncomeSource;
import com.uplift.domain.increase.IncreaseOutcome;
import com.uplift.domain.increase.Sizing;
import com.uplift.domain.policy.IncreaseRules;
import com.uplift.domain.policy.PolicyVersion;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.properties.Cases.between;
import static com.uplift.domain.properties.Cases.forAll;
import static com.uplift.domain.properties.Cases.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariants of the decider over generated histories and borrowers. */
class DeciderPropertiesTest {

    private static final PolicyVersion POLICY = TestPolicies.v1();
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    // ---------------------------------------------------------------- generators

    private static BigDecimal money(Random random, int maxUnits) {
        return BigDecimal.valueOf(between(random, 1, maxUnits * 100), 2);
    }

    /** Any command a line may receive, at a time that moves forward by up to 40 days. */
    private static CreditLineCommand anyCommand(Random r, Instant at, int step) {
        LocalDate day = LocalDate.ofInstant(at, POLICY.rules().zone());
        return switch (r.nextInt(11)) {
            case 0, 1 -> new RecordDrawdown(money(r, 20_000), at);
            case 2, 3 -> new RecordRepayment(money(r, 20_000), day.minusDays(between(r, 0, 60)), day.minusDays(between(r, 0, 1)), at);
            case 4 -> new RecordMissedPayment(day.minusDays(between(r, 0, 90)), money(r, 5_000), at);
            case 5 -> new ReportDelinquency(between(r, 0, 120), day, at);
            case 6 -> new VerifyIncome(money(r, 60_000), oneOf(r, List.of(IncomeSource.values())),
                    YearMonth.from(day).minusMonths(between(r, 0, 8)), at);
            case 7 -> new ReceiveBureauReport("PBOC", "R-" + step, between(r, 250, 950),
                    r.nextInt(6) == 0 ? List.of("OVERDUE") : List.of(), at.minus(Duration.ofDays(between(r, 0, 45))), at);
            case 8 -> new ReportAssetChange(oneOf(r, List.of(AssetKind.values())), oneOf(r, List.of(AssetDirection.values())),
                    money(r, 500_000), at);
            case 9 -> new RequestLimitIncrease("REQ-" + step, r.nextBoolean() ? null : money(r, 250_000), "APP", "B-1", at);
            default -> r.nextBoolean()
                    ? new RecordServiceNote(oneOf(r, List.of("客户说他失业了", "customer disputes a charge", "一切正常", "possible fraud")), "CHAT", at)
                    : new ReviewIncrease("REQ-" + (step - 1), "RO-" + r.nextInt(3), between(r, 1, 2),
                    oneOf(r, List.of(ReviewOutcome.values())), r.nextBoolean() ? null : money(r, 250_000), "generated", at);
        };
    }

    /** Runs a random history through decide/evolve, as the application would, checking the invariant after each step. */
    private static CreditLineState run(Random r, int steps, java.util.function.Consumer<CreditLineState> invariant) {
        Instant at = NOW;
        CreditLineState state = apply(CreditLineDecider.initialState(),
                Fixtures.open(String.valueOf(between(r, 10, 2_000) * 100), TODAY.minusMonths(between(r, 0, 30))));
        invariant.accept(state);
        for (int step = 0; step < steps; step++) {
            at = at.plus(Duration.ofHours(between(r, 1, 24 * 40)));
            state = apply(state, anyCommand(r, at, step));
            invariant.accept(state);
        }
        return state;
    }

    private static CreditLineState apply(CreditLineState state, CreditLineCommand command) {
        Decision decision = CreditLineDecider.decide(command, state, POLICY);
        if (decision instanceof Decision.Accepted accepted) {
            for (CreditLineEvent event : accepted.events()) {
                state = CreditLineDecider.evolve(state, event);
            }
        }
        return state;
    }

    // ---------------------------------------------------------------- properties

    @Test
    void the_limit_is_never_negative_and_drawn_never_exceeds_it() {
        forAll(300, r -> run(r, 40, state -> {
            assertTrue(state.limit().signum() > 0, () -> "limit " + state.limit());
            assertTrue(state.drawn().signum() >= 0, () -> "drawn " + state.drawn());
            assertTrue(state.drawn().compareTo(state.limit()) <= 0, () -> "drawn " + state.drawn() + " > limit " + state.limit());
            assertTrue(state.limit().compareTo(POLICY.rules().increase().productMaxLimit()) <= 0);
        }));
    }

    @Test
    void an_automatic_increase_lies_within_30_to_50_percent_and_respects_every_cap() {
        java.util.concurrent.atomic.AtomicInteger approvals = new java.util.concurrent.atomic.AtomicInteger();
        forAll(400, r -> {
            String segment = oneOf(r, List.of("STANDARD", "PRIME", "NEW_TO_CREDIT"));
            String limit = String.valueOf(between(r, 10, 1_500) * 100);
            int income = between(r, 30, 600) * 100;
            var borrower = Fixtures.borrower().segment(segment).limit(limit).bureauScore(between(r, 600, 900))
                    .incomes(String.valueOf(income), String.valueOf(income + between(r, -10, 20) * 100))
                    .openedOn(TODAY.minusMonths(between(r, 6, 40)));
            BigDecimal requested = r.nextInt(4) == 0 ? new BigDecimal(limit).add(money(r, 50_000)) : null;
            IncreaseDecided d = borrower.spec().when(new RequestLimitIncrease("REQ-1", requested, "APP", "B-1", NOW))
                    .event(IncreaseDecided.class);
            if (d.outcome() != IncreaseOutcome.APPROVED) {
                return;
            }
            approvals.incrementAndGet();
            IncreaseRules rules = POLICY.rules().increaseFor(segment);
            BigDecimal old = d.oldLimit();
            BigDecimal fresh = d.newLimit();
            Sizing s = d.sizing();
            BigDecimal atMin = old.multiply(HUNDRED.add(rules.minIncreasePct())).divide(HUNDRED);
            BigDecimal atMax = old.multiply(HUNDRED.add(rules.maxIncreasePct())).divide(HUNDRED);
            assertTrue(fresh.compareTo(old) > 0, "an increase increases");
            assertTrue(fresh.compareTo(atMax) <= 0, () -> fresh + " above max pct of " + old);
            assertTrue(fresh.compareTo(s.affordabilityCap()) <= 0, "affordability");
            assertTrue(fresh.compareTo(rules.productMaxLimit()) <= 0, "product max");
            assertTrue(fresh.compareTo(rules.autoApproveCeiling()) <= 0, "automatic ceiling");
            if (requested != null) {
                assertTrue(fresh.compareTo(requested) <= 0, "requested");
            }
            assertEquals(0, fresh.remainder(rules.roundingUnit()).signum(), "rounded to the unit");
            if (s.boundBy().equals("SCORE_TARGET")) {
                // rounding down to 100 may take it below the exact minimum percentage by less than one unit
                assertTrue(fresh.compareTo(atMin.subtract(rules.roundingUnit())) > 0, () -> fresh + " below min pct of " + old);
            }
        });
        assertTrue(approvals.get() > 50, () -> "the generator must reach automatic approvals often: " + approvals.get());
    }

    @Test
    void the_same_history_and_command_always_give_the_same_events() {
        forAll(150, r -> {
            long seed = r.nextLong();
            List<CreditLineEvent> first = history(new Random(seed));
            List<CreditLineEvent> second = history(new Random(seed));
            assertEquals(first, second);
        });
    }

    @Test
    void replaying_the_events_rebuilds_the_state_the_decisions_saw() {
        forAll(100, r -> {
            List<CreditLineEvent> events = new ArrayList<>();
            CreditLineState live = history(r, events);
            CreditLineState replayed = CreditLineDecider.initialState();
            for (CreditLineEvent event : events) {
                replayed = CreditLineDecider.evolve(replayed, event);
            }
            assertEquals(live, replayed);
        });
    }

    private static List<CreditLineEvent> history(Random r) {
        List<CreditLineEvent> events = new ArrayList<>();
        history(r, events);
        return events;
    }

    /** Decides a random history command by command; collects the events and returns the state as it was built live. */
    static CreditLineState history(Random r, List<CreditLineEvent> events) {
        Instant at = NOW;
        CreditLineState state = CreditLineDecider.initialState();
        List<CreditLineCommand> commands = new ArrayList<>();
        commands.add(Fixtures.open(String.valueOf(between(r, 10, 2_000) * 100), TODAY.minusMonths(between(r, 0, 30))));
        for (int step = 0; step < 30; step++) {
            at = at.plus(Duration.ofHours(between(r, 1, 24 * 40)));
            commands.add(anyCommand(r, at, step));
        }
        for (CreditLineCommand command : commands) {
            if (CreditLineDecider.decide(command, state, POLICY) instanceof Decision.Accepted accepted) {
                for (CreditLineEvent event : accepted.events()) {
                    events.add(event);
                    state = CreditLineDecider.evolve(state, event);
                }
            }
        }
        return state;
    }
}
