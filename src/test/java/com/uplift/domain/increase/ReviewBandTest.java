package com.uplift.domain.increase;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.creditline.CreditLineCommand.RecordServiceNote;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ReviewIncrease;
import com.uplift.domain.creditline.CreditLineCommand.VerifyIncome;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseReviewed;
import com.uplift.domain.creditline.IncreaseStatus;
import com.uplift.domain.creditline.ReviewOutcome;
import com.uplift.domain.history.IncomeSource;
import com.uplift.domain.Rejection;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 item 5, reviewers are bounded by the policy: a 10,000 line referred (a dispute note raises a WATCH flag)
 * with 120,000 asked for. The policy's band is +50% (15,000); income of 45,000 a month affords 136,500.
 */
class ReviewBandTest {

    private static final OverrideReason REASON = OverrideReason.VERIFIED_INCOME_INCREASE;

    /** The referral, decided under the given rules version of the decider. */
    private static DeciderSpec referred(int rules, BigDecimal requested, BigDecimal otherLines) {
        DeciderSpec.Then decided = borrower().limit("10000.00").incomes("45000.00", "46000.00")
                .then(new RecordServiceNote("Customer raised a dispute about a charge", "CHAT", NOW)).spec(rules)
                .when(new RequestLimitIncrease("REQ-1", requested, "BRANCH", "A-7", otherLines, NOW));
        IncreaseDecided decision = decided.event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.REFERRED, decision.outcome());
        assertEquals(1, decision.reviewLevelsRequired(), "14,600 proposed: one level would do");
        return decided.andThen();
    }

    private static DeciderSpec referred() {
        return referred(2, cny("120000"), null);
    }

    private static ReviewIncrease approve(String reviewer, int level, String limit, OverrideReason reason) {
        return new ReviewIncrease("REQ-1", reviewer, level, ReviewOutcome.APPROVE, limit == null ? null : cny(limit),
                "payslips of the new contract", reason, NOW);
    }

    @Test
    void a_level_1_approval_from_10000_to_120000_is_refused_as_above_the_band() {
        Rejection refused = referred().when(approve("RO-1", 1, "120000", null)).thenRejects("ABOVE_INCREASE_BAND");
        assertTrue(refused.message().contains("15000.00 (10000.00 + 50%)"), refused.message());
    }

    @Test
    void within_the_band_a_level_1_approval_needs_no_reason() {
        DeciderSpec.Then approved = referred().when(approve("RO-1", 1, "15000", null));
        assertEquals(cny("15000.00"), approved.event(CreditLimitChanged.class).newLimit());
        assertEquals("15000.00 <= 15000.00 (10000.00 + 50%)", check(approved.event(IncreaseReviewed.class),
                "WITHIN_INCREASE_BAND").detail());
    }

    @Test
    void a_level_1_override_recommendation_brings_in_level_2_which_must_give_its_own_reason() {
        DeciderSpec.Then recommended = referred().when(approve("RO-1", 1, "120000", REASON));
        IncreaseReviewed first = recommended.event(IncreaseReviewed.class);
        assertEquals(List.of(IncreaseStatus.PENDING, 2, REASON), List.of(first.statusAfter(), first.nextLevel(), first.overrideReason()));
        recommended.thenLacks(CreditLimitChanged.class);
        DeciderSpec atLevel2 = recommended.andThen();

        atLevel2.when(approve("SRO-1", 2, null, null)).thenRejects("ABOVE_INCREASE_BAND");
        DeciderSpec.Then approved = atLevel2.when(approve("SRO-1", 2, null, OverrideReason.COLLATERAL_PROVIDED));
        IncreaseReviewed second = approved.event(IncreaseReviewed.class);
        assertEquals(List.of(IncreaseStatus.APPROVED, OverrideReason.COLLATERAL_PROVIDED),
                List.of(second.statusAfter(), second.overrideReason()));
        assertEquals("120000.00 > 15000.00 (10000.00 + 50%): override COLLATERAL_PROVIDED at level 2",
                check(second, "WITHIN_INCREASE_BAND").detail());
        assertEquals(cny("120000.00"), approved.event(CreditLimitChanged.class).newLimit());
        // level 2 may come down into the band without a reason
        assertEquals(cny("15000.00"), atLevel2.when(approve("SRO-1", 2, "15000", null)).event(CreditLimitChanged.class).newLimit());
    }

    @Test
    void an_override_never_passes_affordability() {
        // nothing asked for: 140,000 is above 3 x 45,500 = 136,500 even with a reason
        referred(2, null, null).when(approve("RO-1", 1, "140000", REASON)).thenRejects("ABOVE_AFFORDABILITY");
        // income falls between the levels: level 2's override does not carry 120,000 past 3 x 30,000
        DeciderSpec lower = referred().when(approve("RO-1", 1, "120000", REASON)).andThen()
                .andCommands(new VerifyIncome(cny("30000"), IncomeSource.SALARY_SLIP, YearMonth.from(TODAY), NOW));
        lower.when(approve("SRO-1", 2, null, REASON)).thenRejects("ABOVE_AFFORDABILITY");
    }

    @Test
    void an_override_never_passes_the_per_borrower_maximum() {
        // the borrower holds 90,000 on other lines: 110,000 is what is left of 200,000
        DeciderSpec withOtherLines = referred(2, cny("120000"), cny("90000"));
        withOtherLines.when(approve("RO-1", 1, "120000", REASON)).thenRejects("ABOVE_BORROWER_MAX");
        DeciderSpec.Then atMaximum = withOtherLines.when(approve("RO-1", 1, "110000", REASON)).andThen()
                .when(approve("SRO-1", 2, null, REASON));
        assertEquals(cny("110000.00"), atMaximum.event(CreditLimitChanged.class).newLimit());
    }

    @Test
    void a_decline_carries_no_override_reason() {
        referred().when(new ReviewIncrease("REQ-1", "RO-1", 1, ReviewOutcome.DECLINE, null, "no", REASON, NOW))
                .thenRejects("INVALID_COMMAND");
    }

    @Test
    void under_rules_v1_reviews_were_not_bounded_by_the_band() {
        // what a build before rules v2 decided, and re-verification must reproduce: 120,000 through two levels, no reason
        DeciderSpec v1 = referred(1, cny("120000"), null).underRules(1);
        DeciderSpec.Then level1 = v1.when(approve("RO-1", 1, "120000", null));
        IncreaseReviewed first = level1.event(IncreaseReviewed.class);
        assertEquals(List.of(IncreaseStatus.PENDING, 2, 1), List.of(first.statusAfter(), first.nextLevel(), first.rulesVersion()));
        assertTrue(first.checks().stream().noneMatch(r -> r.rule().equals("WITHIN_INCREASE_BAND")));
        DeciderSpec.Then level2 = level1.andThen().when(approve("SRO-1", 2, null, null));
        assertEquals(cny("120000.00"), level2.event(CreditLimitChanged.class).newLimit());
        assertNull(level2.event(IncreaseReviewed.class).overrideReason());
        // the same level-1 approval under this build's rules
        level1.andThen().underRules(2).when(approve("SRO-1", 2, null, null)).thenRejects("ABOVE_INCREASE_BAND");
    }

    private static RuleResult check(IncreaseReviewed review, String rule) {
        return review.checks().stream().filter(r -> r.rule().equals(rule)).findFirst().orElseThrow();
    }
}
