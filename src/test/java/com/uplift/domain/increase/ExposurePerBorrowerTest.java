package com.uplift.domain.increase;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.borrower.BorrowerEvent.BorrowerExposureChanged;
import com.uplift.domain.borrower.BorrowerLines;
import com.uplift.domain.borrower.LineExposure;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ReviewIncrease;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseReviewed;
import com.uplift.domain.creditline.ReviewOutcome;
import com.uplift.domain.DeciderSpec;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules v4: the borrower is the unit of exposure. A line like A of the reproduction: 60,000, a clean year,
 * 30,000 a month (affordability 3 x 30,000 = 90,000); alone, with the fixtures' score, it is referred at 87,600
 * (the reproduction over HTTP, {@code BorrowerExposureReproductionTest}, scores 94 and is referred at 88,300).
 */
class ExposurePerBorrowerTest {

    private static DeciderSpec lineA(int rules) {
        return borrower().limit("60000.00").incomes("30000.00", "30000.00").spec(rules);
    }

    private static RequestLimitIncrease ask(String others) {
        return new RequestLimitIncrease("REQ-A", null, "APP", "channel", others == null ? null : cny(others), NOW);
    }

    private static ReviewIncrease approveAtLevel1(String othersAtReview) {
        return new ReviewIncrease("REQ-A", "officer1", 1, ReviewOutcome.APPROVE, null, "income verified", null,
                othersAtReview == null ? null : cny(othersAtReview), NOW.plusSeconds(600));
    }

    @Test
    void alone_line_A_is_referred_at_87600_under_every_rules_version() {
        for (int rules = 3; rules <= DeciderRules.CURRENT; rules++) {
            IncreaseDecided decided = lineA(rules).when(ask("0")).event(IncreaseDecided.class);
            assertEquals(IncreaseOutcome.REFERRED, decided.outcome(), "rules v" + rules);
            assertEquals(cny("87600.00"), decided.proposedLimit(), "rules v" + rules);
        }
    }

    @Test
    void under_v4_the_income_multiple_caps_the_borrower_not_the_line() {
        // the other lines expose 50,000: of 3 x 30,000 = 90,000 only 40,000 is left, less than line A already has
        IncreaseDecided v4 = lineA(4).when(ask("50000")).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.DECLINED, v4.outcome());
        assertEquals(cny("40000.00"), v4.sizing().affordabilityCap());
        assertEquals("AFFORDABILITY", v4.sizing().boundBy());
        assertTrue(v4.reasons().contains("NO_HEADROOM"), v4.reasons().toString());
        assertEquals(cny("50000.00"), v4.borrowerOtherLimits(), "the input is recorded for replays");

        // v3 capped each line alone: three lines could each hold 3 x income
        IncreaseDecided v3 = lineA(3).when(ask("50000")).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.REFERRED, v3.outcome());
        assertEquals(cny("90000.00"), v3.sizing().affordabilityCap());
        assertEquals(cny("87600.00"), v3.proposedLimit());
    }

    @Test
    void under_v4_a_review_rechecks_the_maximum_against_the_other_lines_at_review_time() {
        // referred with no other line; then line C opened at 140,000: 87,600 + 140,000 would pass 200,000
        var refused = lineA(4).when(ask("0")).andThen().when(approveAtLevel1("140000")).thenRejects("ABOVE_BORROWER_MAX");
        assertTrue(refused.message().contains("60000.00"), refused.message()); // 200,000 - 140,000 left for line A

        // v3 reviewed against what the request recorded (nothing): the borrower would hold 227,600
        CreditLimitChanged v3 = lineA(3).when(ask("0")).andThen().when(approveAtLevel1("140000"))
                .event(CreditLimitChanged.class);
        assertEquals(cny("87600.00"), v3.newLimit());
        IncreaseReviewed v3Review = lineA(3).when(ask("0")).andThen().when(approveAtLevel1("140000"))
                .event(IncreaseReviewed.class);
        assertNull(v3Review.borrowerOtherLimits(), "rules v3 did not check it, so they do not record it");
    }

    @Test
    void under_v4_a_review_rechecks_affordability_across_the_borrowers_lines() {
        // another line of 10,000 since the referral: 90,000 - 10,000 = 80,000 left, below the 87,600 proposed
        var refused = lineA(4).when(ask("0")).andThen().when(approveAtLevel1("10000")).thenRejects("ABOVE_AFFORDABILITY");
        assertTrue(refused.message().contains("80000.00"), refused.message());

        IncreaseReviewed approved = lineA(4).when(ask("0")).andThen().when(approveAtLevel1("0")).event(IncreaseReviewed.class);
        assertEquals(cny("0.00"), approved.borrowerOtherLimits(), "what it was checked against is recorded for replays");
        assertTrue(approved.checks().stream().anyMatch(c -> c.rule().equals("WITHIN_AFFORDABILITY")
                && c.detail().contains("less the borrower's other lines 0.00 = 90000.00")), approved.checks().toString());
    }

    @Test
    void a_line_exposes_its_limit_or_its_pending_proposed_limit_whichever_is_higher() {
        var referred = lineA(4).when(ask("0")).andThen().state();
        assertEquals(new LineExposure(cny("60000.00"), cny("87600.00")), referred.exposure());
        assertEquals(cny("87600.00"), referred.exposure().amount());

        BorrowerLines lines = BorrowerLines.NONE
                .evolve(new BorrowerExposureChanged("A", cny("60000.00"), cny("88300.00"), NOW))
                .evolve(new BorrowerExposureChanged("C", cny("100000.00"), null, NOW))
                .evolve(new BorrowerExposureChanged("D", cny("50000.00"), cny("40000.00"), NOW));
        assertEquals(cny("150000.00"), lines.otherThan("A"));
        assertEquals(cny("138300.00"), lines.otherThan("C"));
        assertEquals(cny("238300.00"), lines.total());
        assertTrue(lines.records("C", new LineExposure(new BigDecimal("100000"), null)));
        assertFalse(lines.records("A", new LineExposure(cny("88300.00"), null)));
    }
}
