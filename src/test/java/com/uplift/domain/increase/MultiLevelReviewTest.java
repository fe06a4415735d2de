package com.uplift.domain.increase;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ReviewIncrease;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseReviewed;
import com.uplift.domain.creditline.IncreaseStatus;
import com.uplift.domain.creditline.ReviewOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

/** 多层级审核 with four-eyes: the maker never checks, nobody reviews twice, levels in order. */
class MultiLevelReviewTest {

    /** A request by agent A-7 for 60,000 on a 40,000 line: referred to level 1 only. */
    private static DeciderSpec referredToLevel1() {
        return borrower().limit("40000.00").incomes("40000.00", "41000.00").spec()
                .when(new RequestLimitIncrease("REQ-1", cny("60000"), "BRANCH", "A-7", NOW)).andThen();
    }

    /** A request for 110,000 on an 80,000 line: referred to level 1 then level 2. */
    private static DeciderSpec referredToLevel2() {
        return borrower().limit("80000.00").incomes("40000.00", "41000.00").spec()
                .when(new RequestLimitIncrease("REQ-1", cny("110000"), "BRANCH", "A-7", NOW)).andThen();
    }

    private static ReviewIncrease approve(String reviewer, int level) {
        return new ReviewIncrease("REQ-1", reviewer, level, ReviewOutcome.APPROVE, null, "checked payslips", NOW);
    }

    @Test
    void a_level_1_approval_applies_a_level_1_request() {
        DeciderSpec.Then then = referredToLevel1().when(approve("RO-1", 1));
        IncreaseReviewed review = then.event(IncreaseReviewed.class);
        assertEquals(IncreaseStatus.APPROVED, review.statusAfter());
        assertEquals(cny("58400.00"), review.approvedLimit(), "the score target (146%) binds below the 60,000 asked");
        assertEquals("A-7", review.requestedBy());
        assertEquals(new CreditLimitChanged(cny("40000.00"), cny("58400.00"), "REQ-1", "REVIEWED_INCREASE", 1,
                "test-hash-v1", com.uplift.domain.DeciderRules.CURRENT, NOW), then.event(CreditLimitChanged.class));
    }

    @Test
    void the_maker_cannot_review_their_own_request() {
        referredToLevel1().when(approve("A-7", 1)).thenRejects("SELF_REVIEW");
    }

    @Test
    void reviews_go_level_by_level() {
        referredToLevel1().when(approve("RO-1", 2)).thenRejects("WRONG_REVIEW_LEVEL");
        referredToLevel2().when(approve("SRO-1", 2)).thenRejects("WRONG_REVIEW_LEVEL");
    }

    @Test
    void above_the_level_1_ceiling_a_senior_who_is_another_person_must_also_approve() {
        DeciderSpec.Then level1 = referredToLevel2().when(approve("RO-1", 1));
        IncreaseReviewed first = level1.event(IncreaseReviewed.class);
        assertEquals(List.of("RO-1", 1, ReviewOutcome.APPROVE, cny("110000.00"), "A-7", IncreaseStatus.PENDING, 2),
                List.of(first.reviewer(), first.level(), first.outcome(), first.approvedLimit(), first.requestedBy(),
                        first.statusAfter(), first.nextLevel()));
        // the approval names every rule it passed and the assessment it was made on
        assertEquals(first.checks().size(), first.checks().stream().filter(r -> r.status() == RuleStatus.PASS).count());
        assertTrue(first.checks().stream().anyMatch(r -> r.rule().equals("WITHIN_AFFORDABILITY")));
        assertTrue(first.assessment().score() >= 70);
        DeciderSpec afterLevel1 = level1.andThen();

        afterLevel1.when(approve("RO-1", 2)).thenRejects("ALREADY_REVIEWED");
        afterLevel1.when(approve("A-7", 2)).thenRejects("SELF_REVIEW");
        DeciderSpec.Then level2 = afterLevel1.when(approve("SRO-1", 2));
        assertEquals(IncreaseStatus.APPROVED, level2.event(IncreaseReviewed.class).statusAfter());
        assertEquals(cny("110000.00"), level2.event(CreditLimitChanged.class).newLimit());

        level2.andThen().when(approve("SRO-2", 3)).thenRejects("REQUEST_NOT_PENDING");
    }

    @Test
    void a_level_1_reviewer_raising_the_amount_above_the_level_1_ceiling_brings_in_level_2() {
        // 68,000 x 146% = 99,280 -> 99,200 proposed (level 1); the borrower asked for "as much as allowed"
        DeciderSpec referred = borrower().limit("68000.00").incomes("40000.00", "41000.00").spec()
                .when(new RequestLimitIncrease("REQ-1", null, "BRANCH", "A-7", NOW)).andThen();
        IncreaseReviewed review = referred.when(new ReviewIncrease("REQ-1", "RO-1", 1, ReviewOutcome.APPROVE,
                cny("100100"), "long relationship", NOW)).event(IncreaseReviewed.class);
        assertEquals(IncreaseStatus.PENDING, review.statusAfter());
        assertEquals(2, review.nextLevel());
    }

    @Test
    void no_reviewer_approves_more_than_the_borrower_asked_for() {
        referredToLevel1().when(new ReviewIncrease("REQ-1", "RO-1", 1, ReviewOutcome.APPROVE, cny("60100"), "generous", NOW))
                .thenRejects("ABOVE_REQUESTED");
    }

    @Test
    void level_2_cannot_approve_more_than_level_1_did() {
        DeciderSpec afterLevel1 = referredToLevel2().when(new ReviewIncrease("REQ-1", "RO-1", 1, ReviewOutcome.APPROVE,
                cny("105000"), "trimmed", NOW)).andThen();
        afterLevel1.when(new ReviewIncrease("REQ-1", "SRO-1", 2, ReviewOutcome.APPROVE, cny("110000"), "", NOW))
                .thenRejects("ABOVE_PREVIOUS_APPROVAL");
        assertEquals(cny("105000.00"), afterLevel1.when(approve("SRO-1", 2)).event(CreditLimitChanged.class).newLimit());
    }

    @Test
    void a_decline_closes_the_request_with_its_reasons_and_needs_a_comment() {
        referredToLevel1().when(new ReviewIncrease("REQ-1", "RO-1", 1, ReviewOutcome.DECLINE, null, " ", NOW))
                .thenRejects("COMMENT_REQUIRED");
        DeciderSpec.Then declined = referredToLevel1().when(new ReviewIncrease("REQ-1", "RO-1", 1,
                ReviewOutcome.DECLINE, null, "income looks seasonal", NOW));
        IncreaseReviewed review = declined.event(IncreaseReviewed.class);
        assertEquals(IncreaseStatus.DECLINED, review.statusAfter());
        assertEquals(List.of("DECLINED_AT_LEVEL_1"), review.reasons());
        assertNull(review.approvedLimit());
        declined.thenLacks(CreditLimitChanged.class);
        declined.andThen().when(approve("RO-2", 1)).thenRejects("REQUEST_NOT_PENDING");
    }

    @Test
    void reviewing_an_unknown_or_approved_request_is_refused() {
        referredToLevel1().when(new ReviewIncrease("REQ-X", "RO-1", 1, ReviewOutcome.APPROVE, null, "", NOW))
                .thenRejects("REQUEST_NOT_FOUND");
        DeciderSpec auto = borrower().spec().when(new RequestLimitIncrease("REQ-1", null, "APP", "B-1", NOW)).andThen();
        auto.when(approve("RO-1", 1)).thenRejects("REQUEST_NOT_PENDING");
    }

    @Test
    void approved_limits_must_be_higher_round_and_within_the_product_maximum() {
        DeciderSpec spec = referredToLevel1();
        spec.when(new ReviewIncrease("REQ-1", "RO-1", 1, ReviewOutcome.APPROVE, cny("40000"), "", NOW)).thenRejects("INVALID_APPROVED_LIMIT");
        spec.when(new ReviewIncrease("REQ-1", "RO-1", 1, ReviewOutcome.APPROVE, cny("45050"), "", NOW)).thenRejects("INVALID_APPROVED_LIMIT");
        spec.when(new ReviewIncrease("REQ-1", "RO-1", 1, ReviewOutcome.APPROVE, cny("200100"), "", NOW)).thenRejects("ABOVE_PRODUCT_MAX");
    }

    @Test
    void a_reviewer_cannot_approve_beyond_affordability_or_without_usable_income() {
        // 3 x min(41,000, 40,500) = 121,500
        borrower().limit("80000.00").incomes("40000.00", "41000.00").spec()
                .when(new RequestLimitIncrease("REQ-1", null, "BRANCH", "A-7", NOW)).andThen()
                .when(new ReviewIncrease("REQ-1", "RO-1", 1, ReviewOutcome.APPROVE, cny("121600"), "", NOW))
                .thenRejects("ABOVE_AFFORDABILITY");
        DeciderSpec staleIncome = borrower().newestIncomePeriod(java.time.YearMonth.of(2025, 9)).spec()
                .when(new RequestLimitIncrease("REQ-1", null, "APP", "B-1", java.time.Instant.parse("2026-03-30T02:00:00Z"))).andThen();
        staleIncome.when(new ReviewIncrease("REQ-1", "RO-1", 1, ReviewOutcome.APPROVE, cny("12000"), "",
                java.time.Instant.parse("2026-03-30T03:00:00Z"))).thenRejects("AFFORDABILITY_UNKNOWN");
        // once income is verified again, the reviewer can approve the request referred for insufficient data
        DeciderSpec refreshed = staleIncome.andCommands(
                new com.uplift.domain.creditline.CreditLineCommand.VerifyIncome(cny("20000"), com.uplift.domain.history.IncomeSource.SALARY_SLIP,
                        java.time.YearMonth.of(2026, 2), java.time.Instant.parse("2026-03-30T03:00:00Z")),
                new com.uplift.domain.creditline.CreditLineCommand.VerifyIncome(cny("20000"), com.uplift.domain.history.IncomeSource.SALARY_SLIP,
                        java.time.YearMonth.of(2026, 1), java.time.Instant.parse("2026-03-30T03:00:00Z")));
        assertEquals(cny("12000.00"), refreshed.when(new ReviewIncrease("REQ-1", "RO-1", 1, ReviewOutcome.APPROVE, cny("12000"), "new payslips",
                java.time.Instant.parse("2026-03-30T04:00:00Z"))).event(CreditLimitChanged.class).newLimit());
    }
}
