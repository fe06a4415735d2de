package com.uplift.domain.properties;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.uplift.domain.Fixtures;
import com.uplift.domain.TestPolicies;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport;
import com.uplift.domain.creditline.CreditLineCommand.RecordDrawdown;
import com.uplift.domain.creditline.CreditLineCommand.RecordRepayment;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ReviewDecrease;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseDecided;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.Decision;
import com.uplift.domain.creditline.ReviewOutcome;
import com.uplift.domain.decrease.DecreaseTriggers;
import com.uplift.domain.increase.IncreaseOutcome;
import com.uplift.domain.increase.RuleStatus;
import com.uplift.domain.policy.DecreaseMeasure;
import com.uplift.domain.policy.DecreaseMethod;
import com.uplift.domain.policy.DecreaseTrigger;
import com.uplift.domain.policy.PolicyVersion;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.properties.Cases.between;
import static com.uplift.domain.properties.Cases.forAll;
import static com.uplift.domain.properties.Cases.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules v5's decreases over generated lines and histories (limits, drawn balances, days past due, bureau negatives,
 * income drops, reviews with random limits, increase requests at random days), each under a generated decreases
 * section (methods, percents, review levels): a limit never goes below the drawn balance, nothing decreases without a
 * trigger, and the cooling-off is honoured, for increases and for further decreases.
 */
class DecreasePropertiesTest {

    @Test
    void a_sized_limit_lies_between_the_drawn_balance_and_the_current_limit() {
        forAll(2_000, r -> {
            BigDecimal limit = BigDecimal.valueOf(between(r, 1, 20_000) * 10L).setScale(2);
            BigDecimal drawn = BigDecimal.valueOf(between(r, 0, 25_000) * 10L).setScale(2); // at times above the limit
            DecreaseMethod method = oneOf(r, List.of(DecreaseMethod.values()));
            BigDecimal percent = BigDecimal.valueOf(method == DecreaseMethod.PERCENT_OF_LIMIT ? between(r, 1, 99)
                    : between(r, 0, 100));
            DecreaseTrigger trigger = new DecreaseTrigger("T", DecreaseMeasure.DAYS_PAST_DUE, BigDecimal.ONE, null,
                    method, percent, 0, null);
            BigDecimal sized = DecreaseTriggers.sized(trigger, limit, drawn, oneOf(r, List.of(BigDecimal.ONE,
                    BigDecimal.TEN, BigDecimal.valueOf(100), BigDecimal.valueOf(1000))));
            assertTrue(sized.compareTo(drawn.min(limit)) >= 0, sized + " below drawn " + drawn);
            assertTrue(sized.compareTo(limit) <= 0, sized + " above limit " + limit);
            assertEquals(2, sized.scale());
        });
    }

    @Test
    void over_generated_histories_no_limit_goes_below_drawn_and_none_decreases_without_a_trigger() {
        AtomicInteger decreases = new AtomicInteger();
        AtomicInteger referred = new AtomicInteger();
        forAll(250, r -> {
            PolicyVersion policy = generatedSections(r);
            List<CreditLineCommand> history = new ArrayList<>(Fixtures.borrower()
                    .limit(String.valueOf(between(r, 20, 500) * 100)).commands());
            CreditLineState state = fold(history, policy);
            Instant at = NOW;
            for (int step = 0; step < between(r, 3, 9); step++) {
                at = at.plus(Duration.ofDays(between(r, 0, 40)));
                LocalDate today = LocalDate.ofInstant(at, policy.rules().zone());
                CreditLineCommand command = switch (between(r, 0, 6)) {
                    case 0 -> new RecordDrawdown(BigDecimal.valueOf(between(r, 1, 60) * 100L), at);
                    case 1, 2 -> new ReportDelinquency(between(r, 0, 120), today, at);
                    case 3 -> new ReceiveBureauReport("PBOC", "R-" + step, between(r, 500, 800),
                            r.nextInt(4) == 0 ? List.of("COURT_JUDGMENT") : List.of(), at, at);
                    case 4 -> new RecordRepayment(BigDecimal.valueOf(between(r, 1, 30) * 100L), today, today, at);
                    default -> new ReviewDecrease(state.decreases().pending() == null ? "LD-0"
                            : state.decreases().pending().decreaseId(), "reviewer-" + between(r, 1, 3),
                            state.decreases().pending() == null ? 1 : state.decreases().pending().nextLevel(),
                            r.nextBoolean() ? ReviewOutcome.APPROVE : ReviewOutcome.DECLINE,
                            r.nextBoolean() ? null : BigDecimal.valueOf(between(r, 0, 600) * 100L), "generated", at);
                };
                Decision decision = CreditLineDecider.decide(command, state, policy);
                if (!(decision instanceof Decision.Accepted accepted)) {
                    continue;
                }
                for (CreditLineEvent event : accepted.events()) {
                    if (event instanceof CreditLimitChanged changed && changed.cause().endsWith("_DECREASE")) {
                        decreases.incrementAndGet();
                        assertTrue(changed.newLimit().compareTo(state.drawn()) >= 0,
                                "limit " + changed.newLimit() + " below drawn " + state.drawn());
                        assertTrue(changed.newLimit().compareTo(changed.oldLimit()) < 0, "not a decrease: " + changed);
                    }
                    if (event instanceof LimitDecreaseDecided decided) {
                        if (decided.newLimit() == null) {
                            referred.incrementAndGet();
                        }
                        assertFalse(decided.triggers().isEmpty(), "a decrease without a trigger: " + decided);
                        assertTrue(decided.proposedLimit().compareTo(decided.drawn()) >= 0, decided.toString());
                    }
                    state = CreditLineDecider.evolve(state, event);
                }
            }
        });
        assertTrue(decreases.get() > 50 && referred.get() > 20, "generated too few decreases to mean anything: "
                + decreases.get() + " applied, " + referred.get() + " referred");
    }

    @Test
    void a_history_where_no_trigger_can_hold_never_decreases() {
        forAll(150, r -> {
            PolicyVersion policy = generatedSections(r);
            CreditLineState state = fold(Fixtures.borrower().commands(), policy);
            Instant at = NOW;
            for (int step = 0; step < 6; step++) {
                at = at.plus(Duration.ofDays(between(r, 1, 30)));
                LocalDate today = LocalDate.ofInstant(at, policy.rules().zone());
                CreditLineCommand command = r.nextBoolean()
                        ? new ReportDelinquency(between(r, 0, 59), today, at) // DPD_60 is the least days any trigger needs
                        : new RecordDrawdown(BigDecimal.valueOf(between(r, 1, 10) * 100L), at);
                if (CreditLineDecider.decide(command, state, policy) instanceof Decision.Accepted accepted) {
                    assertTrue(accepted.events().stream().noneMatch(LimitDecreaseDecided.class::isInstance),
                            "decreased without a trigger after " + command);
                    state = fold(state, accepted.events());
                }
            }
        });
    }

    @Test
    void inside_the_cooling_off_no_increase_is_approved_and_no_second_decrease_is_decided() {
        AtomicInteger inside = new AtomicInteger();
        forAll(200, r -> {
            PolicyVersion policy = TestPolicies.withDecreasesAndTiering(sections -> {
                ((ObjectNode) sections.get("decreases")).put("coolingOffDays", between(r, 1, 180));
                return sections;
            });
            CreditLineState state = fold(Fixtures.borrower().then(new RecordDrawdown(new BigDecimal("2500.00"), NOW),
                    new ReportDelinquency(between(r, 60, 120), TODAY, NOW)).commands(), policy);
            Instant frozenUntil = state.increasesFrozenUntil();
            assertNotEquals(null, frozenUntil);
            Instant at = NOW;
            for (int step = 0; step < 5; step++) {
                at = at.plus(Duration.ofDays(between(r, 0, 60)));
                LocalDate today = LocalDate.ofInstant(at, policy.rules().zone());
                CreditLineCommand command = r.nextBoolean()
                        ? new RequestLimitIncrease("REQ-" + step, null, "APP", "B-1", at)
                        : new ReportDelinquency(between(r, 0, 150), today, at);
                if (!(CreditLineDecider.decide(command, state, policy) instanceof Decision.Accepted accepted)) {
                    continue;
                }
                for (CreditLineEvent event : accepted.events()) {
                    boolean frozen = event.occurredAt().isBefore(frozenUntil);
                    if (frozen && event instanceof IncreaseDecided decided) {
                        inside.incrementAndGet();
                        assertNotEquals(IncreaseOutcome.APPROVED, decided.outcome());
                        assertEquals(RuleStatus.FAIL, decided.rules().stream()
                                .filter(rule -> rule.rule().equals("NO_LIMIT_DECREASE")).findFirst().orElseThrow().status());
                    }
                    if (frozen && event instanceof LimitDecreaseDecided decided) {
                        throw new AssertionError("a second decrease inside the cooling-off: " + decided);
                    }
                    state = CreditLineDecider.evolve(state, event);
                }
            }
        });
        assertTrue(inside.get() > 50, "too few requests inside the cooling-off: " + inside.get());
    }

    /** The shipped sections with every trigger's method, percent and review levels generated. */
    private static PolicyVersion generatedSections(Random r) {
        return TestPolicies.withDecreasesAndTiering(sections -> {
            sections.get("decreases").get("triggers").forEach(node -> {
                ObjectNode trigger = (ObjectNode) node;
                boolean percentOfLimit = r.nextBoolean();
                trigger.put("method", percentOfLimit ? "PERCENT_OF_LIMIT" : "DRAWN_PLUS_BUFFER")
                        .put("percent", percentOfLimit ? between(r, 1, 99) : between(r, 0, 100))
                        .put("reviewLevels", between(r, 0, 2));
            });
            return sections;
        });
    }

    private static CreditLineState fold(List<CreditLineCommand> commands, PolicyVersion policy) {
        CreditLineState state = CreditLineDecider.initialState();
        for (CreditLineCommand command : commands) {
            if (CreditLineDecider.decide(command, state, policy) instanceof Decision.Accepted accepted) {
                state = fold(state, accepted.events());
            } else {
                throw new AssertionError("history command refused: " + command);
            }
        }
        return state;
    }

    private static CreditLineState fold(CreditLineState state, List<CreditLineEvent> events) {
        for (CreditLineEvent event : events) {
            state = CreditLineDecider.evolve(state, event);
        }
        return state;
    }
}
