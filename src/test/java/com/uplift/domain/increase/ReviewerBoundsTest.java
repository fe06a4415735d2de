package com.uplift.domain.increase;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport;
import com.uplift.domain.creditline.CreditLineCommand.RecordRepayment;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ReviewIncrease;
import com.uplift.domain.creditline.CreditLineEvent.DelinquencyCured;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.ReviewOutcome;
import com.uplift.domain.increase.IncreaseOutcome;
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
                .thenRejects("NEGATIVE_BUREAU_RECORD"); // named since rules v4; v3 said NO_LONGER_ELIGIBLE (ReviewKnockoutRecheckTest)
    }

    @Test
    void aTokenRepaymentDoesNotCureDaysPastDueThatServicingReported() {
        DeciderSpec severe = goodBorrower().when(new ReportDelinquency(65, TODAY, NOW)).andThen();
        severe.when(new RecordRepayment(cny("0.01"), TODAY.minusDays(65), TODAY, NOW)).thenLacks(DelinquencyCured.class);
        severe.when(new ReportDelinquency(0, TODAY, NOW)).thenContains(DelinquencyCured.class);
    }

    @Test
    void repayingTheMissedInstalmentDoesNotCureDaysPastDueServicingStillReports() {
        DeciderSpec severe = goodBorrower()
                .when(new com.uplift.domain.creditline.CreditLineCommand.RecordMissedPayment(TODAY.minusDays(95), cny("50.00"), NOW)).andThen()
                .when(new ReportDelinquency(95, TODAY, NOW)).andThen();
        severe.when(new RecordRepayment(cny("50.00"), TODAY.minusDays(95), TODAY, NOW)).thenLacks(DelinquencyCured.class);
    }

    @Test
    void aReviewerCannotTakeTheBorrowerAboveTheMaximumEvenWhenTheReferralWasNotSized() {
        // income 200 days old: unusable, so the request is referred without sizing; the borrower holds 195,000 elsewhere
        DeciderSpec.Then referred = borrower().newestIncomePeriod(java.time.YearMonth.from(TODAY).minusMonths(8)).spec()
                .when(new RequestLimitIncrease("REQ-U", null, "APP", "B-1", cny("195000"), NOW));
        assertEquals(IncreaseOutcome.REFERRED, referred.event(IncreaseDecided.class).outcome());
        DeciderSpec refreshed = referred.andThen().andCommands(
                new com.uplift.domain.creditline.CreditLineCommand.VerifyIncome(cny("30000"), com.uplift.domain.history.IncomeSource.SALARY_SLIP,
                        java.time.YearMonth.from(TODAY).minusMonths(1), NOW),
                new com.uplift.domain.creditline.CreditLineCommand.VerifyIncome(cny("30000"), com.uplift.domain.history.IncomeSource.SALARY_SLIP,
                        java.time.YearMonth.from(TODAY).minusMonths(2), NOW));
        refreshed.when(new ReviewIncrease("REQ-U", "RO-1", 1, ReviewOutcome.APPROVE, cny("12000"), "payslips", NOW))
                .thenRejects("ABOVE_BORROWER_MAX");
    }
}
