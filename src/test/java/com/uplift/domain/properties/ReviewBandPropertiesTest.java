package com.uplift.domain.properties;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.Fixtures;
import com.uplift.domain.TestPolicies;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineCommand.RecordServiceNote;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ReviewIncrease;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseReviewed;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.Decision;
import com.uplift.domain.creditline.ReviewOutcome;
import com.uplift.domain.increase.OverrideReason;
import com.uplift.domain.increase.ReviewRules;
import com.uplift.domain.increase.RuleResult;
import com.uplift.domain.increase.RuleStatus;
import com.uplift.domain.policy.IncreaseRules;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reviewers are bounded by the policy, over generated referrals and review attempts (random amounts, levels,
 * reviewers, reasons): no limit a review applies is above the increase band unless a level-2 review named an override
 * reason, and every applied limit passed the per-borrower maximum and affordability.
 */
class ReviewBandPropertiesTest {

    @Test
    void a_reviewed_limit_above_the_band_is_always_a_level_2_override_within_the_maximum_and_affordability() {
        AtomicInteger applied = new AtomicInteger();
        AtomicInteger overrides = new AtomicInteger();
        forAll(400, r -> {
            String segment = oneOf(r, List.of("STANDARD", "PRIME", "NEW_TO_CREDIT"));
            int income = between(r, 30, 800) * 100;
            var borrower = Fixtures.borrower().segment(segment).limit(String.valueOf(between(r, 50, 1_500) * 100))
                    .incomes(String.valueOf(income), String.valueOf(income + between(r, -10, 20) * 100))
                    .openedOn(TODAY.minusMonths(between(r, 10, 40)));
            if (r.nextBoolean()) {
                borrower.then(new RecordServiceNote("Customer raised a dispute about a charge", "CHAT", NOW));
            }
            CreditLineState state = borrower.spec().state();
            IncreaseRules rules = TestPolicies.policy().increaseFor(segment);
            state = apply(state, new RequestLimitIncrease("REQ-1", r.nextBoolean() ? null : state.limit().multiply(
                    BigDecimal.valueOf(between(r, 2, 6))), "BRANCH", "A-7", r.nextInt(3) == 0
                    ? BigDecimal.valueOf(between(r, 0, 1_500) * 100L) : null, NOW), rules, applied, overrides);
            Instant at = NOW;
            for (int attempt = 0; attempt < 8; attempt++) {
                at = at.plusSeconds(60);
                BigDecimal amount = r.nextInt(4) == 0 ? null : state.limit().multiply(BigDecimal.valueOf(between(r, 100, 250)))
                        .divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN).divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN)
                        .multiply(BigDecimal.valueOf(100));
                var request = state.increases().requests().get("REQ-1");
                int level = request == null || r.nextInt(5) == 0 ? between(r, 1, 2) : request.nextLevel();
                state = apply(state, new ReviewIncrease("REQ-1", oneOf(r, List.of("RO-1", "RO-2", "SRO-1")), level,
                        r.nextInt(10) == 0 ? ReviewOutcome.DECLINE : ReviewOutcome.APPROVE, amount, "generated",
                        r.nextInt(4) == 0 ? null : oneOf(r, List.of(OverrideReason.values())), at), rules, applied, overrides);
            }
        });
        assertTrue(applied.get() > 50, () -> "the generator must reach reviewed increases often: " + applied.get());
        assertTrue(overrides.get() > 10, () -> "and overrides above the band: " + overrides.get());
    }

    private static CreditLineState apply(CreditLineState state, CreditLineCommand command, IncreaseRules rules,
                                         AtomicInteger applied, AtomicInteger overrides) {
        if (!(CreditLineDecider.decide(command, state, TestPolicies.v1()) instanceof Decision.Accepted accepted)) {
            return state;
        }
        List<CreditLineEvent> events = new ArrayList<>(accepted.events());
        events.stream().filter(CreditLimitChanged.class::isInstance).map(CreditLimitChanged.class::cast)
                .filter(c -> c.cause().equals("REVIEWED_INCREASE")).forEach(change -> {
                    applied.incrementAndGet();
                    IncreaseReviewed review = events.stream().filter(IncreaseReviewed.class::isInstance)
                            .map(IncreaseReviewed.class::cast).findFirst().orElseThrow();
                    BigDecimal band = ReviewRules.increaseBand(change.oldLimit(), rules);
                    if (change.newLimit().compareTo(band) > 0) {
                        overrides.incrementAndGet();
                        assertEquals(ReviewRules.TOP_REVIEW_LEVEL, review.level(), () -> "above the band below the top level: " + review);
                        assertTrue(review.overrideReason() != null, () -> "above the band without a reason: " + review);
                    }
                    assertEquals(DeciderRules.CURRENT, review.rulesVersion());
                    for (String rule : List.of("WITHIN_BORROWER_MAX", "WITHIN_AFFORDABILITY", "WITHIN_INCREASE_BAND")) {
                        assertTrue(review.checks().stream().anyMatch(c -> c.rule().equals(rule) && c.status() == RuleStatus.PASS),
                                () -> rule + " not passed: " + review.checks().stream().map(RuleResult::rule).toList());
                    }
                });
        for (CreditLineEvent event : events) {
            state = CreditLineDecider.evolve(state, event);
        }
        return state;
    }
}
