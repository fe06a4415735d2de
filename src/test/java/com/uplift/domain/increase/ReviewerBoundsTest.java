package com.uplift.domain.increase;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport;
import com.uplift.domain.creditline.CreditLineCommand.RecordRepayment;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ReviewIncrease;
import com.uplift.domain.creditline.CreditLineEvent.DelinquencyCured;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.IncreaseOutcome;
import com.uplift.domain.creditline.ReviewOutcome;
import org.junit.jupiter.api.Test;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static com.uplift.domain.Fixtures.goodBorrower;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a human reviewer cannot wave through, and what a token payment cannot undo. */
class ReviewerBoundsTest {

    @Test
    void aReferralForAStaleBureauReportIsNotApprovedWithoutAFreshOne() {
        // pulled 40 days ago: older than the policy's 30 days, so the request is referred for insufficient data
        DeciderSpec.Then decided = borrower().bureauPulledAt(NOW.minusSeconds(40L * 86_400)).spec()
                .when(new RequestLimitIncrease("REQ-S", null, "APP", "B-1", NOW));
        assertEquals(IncreaseOutcome.REFERRED, decided.event(IncreaseDecided.class).outcome());
        decided.andThen().when(new ReviewIncrease("REQ-S", "RO-1", 1, ReviewOutcome.APPROVE, null, "looks fine", NOW))
                .thenRejects("BUREAU_REPORT_REQUIRED");
    }

    @Test
    void aKnockOutAfterTheReferralIsNotApprovedByTheReviewer() {
        DeciderSpec.Then decided = borrower().limit("40000.00").incomes("40000.00", "41000.00").spec()
                .when(new RequestLimitIncrease("REQ-K", null, "BRANCH", "A-7", NOW));
        assertEquals(IncreaseOutcome.REFERRED, decided.event(IncreaseDecided.class).outcome());
        decided.andThen()
                .when(new ReceiveBureauReport("PBOC", "R-2", 700, java.util.List.of("COURT_JUDGMENT"), NOW, NOW)).andThen()
                .when(new ReviewIncrease("REQ-K", "RO-1", 1, ReviewOutcome.APPROVE, null, "ok", NOW))
                .thenRejects("NO_LONGER_ELIGIBLE");
    }

    @Test
    void aTokenRepaymentDoesNotCureDaysPastDueThatServicingReported() {
        DeciderSpec severe = goodBorrower().when(new ReportDelinquency(65, TODAY, NOW)).andThen();
        severe.when(new RecordRepayment(cny("0.01"), TODAY.minusDays(65), TODAY, NOW)).thenLacks(DelinquencyCured.class);
        severe.when(new ReportDelinquency(0, TODAY, NOW)).thenContains(DelinquencyCured.class);
    }
}
