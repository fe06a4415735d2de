package com.uplift.domain.increase;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.Rejection;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport;
import com.uplift.domain.creditline.CreditLineCommand.RecordWriteOff;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ReviewIncrease;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseReviewed;
import com.uplift.domain.creditline.IncreaseStatus;
import com.uplift.domain.creditline.ReviewOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 item 3, rules v4: a review re-checks the knock-outs on the state at review time. A referral decided before
 * a bad record arrived cannot be approved after it; the refusal names the knock-out. Under rules v1-v3 such reviews
 * were decided as recorded (and re-verify so).
 */
class ReviewKnockoutRecheckTest {

    private static final ReviewIncrease APPROVE = new ReviewIncrease("REQ-9", "RO-1", 1, ReviewOutcome.APPROVE,
            cny("60000"), "payslips checked", NOW);

    /** A 40,000 line asking for 110,000: referred to review (above the automatic ceiling), nothing wrong with it. */
    private static DeciderSpec referred(int rulesVersion) {
        DeciderSpec.Then request = borrower().limit("40000.00").incomes("40000.00", "41000.00").spec(rulesVersion)
                .when(new RequestLimitIncrease("REQ-9", cny("110000"), "BRANCH", "A-7", NOW));
        assertEquals(IncreaseOutcome.REFERRED, request.event(IncreaseDecided.class).outcome());
        return request.andThen();
    }

    private static DeciderSpec referredThen(int rulesVersion, CreditLineCommand... facts) {
        return referred(rulesVersion).andCommands(facts);
    }

    @Test
    void a_referral_pending_when_the_line_is_written_off_is_refused_at_review_as_an_own_book_bad_record() {
        Rejection refused = referredThen(4, new RecordWriteOff(cny("5000"), TODAY, NOW)).when(APPROVE)
                .thenRejects("OWN_BOOK_BAD_RECORD");
        assertEquals("written off on " + TODAY + ": any write-off is a bad record since the referral: a knock-out,"
                + " decline instead (NO_OWN_BOOK_BAD_RECORD)", refused.message());
    }

    @Test
    void under_rules_v3_the_same_review_was_approved_and_re_decides_so() {
        IncreaseReviewed v3 = referredThen(3, new RecordWriteOff(cny("5000"), TODAY, NOW)).when(APPROVE)
                .event(IncreaseReviewed.class);
        assertEquals(IncreaseStatus.APPROVED, v3.statusAfter(), v3::toString);
        assertEquals(3, v3.rulesVersion());
        assertTrue(v3.checks().stream().noneMatch(c -> c.rule().equals("NO_OWN_BOOK_BAD_RECORD")), v3.checks()::toString);
    }

    @Test
    void a_30_plus_days_past_due_episode_since_the_referral_is_refused_naming_the_knock_out_not_a_warning() {
        DeciderSpec episode = referredThen(4, new ReportDelinquency(35, TODAY, NOW), new ReportDelinquency(0, TODAY, NOW));
        Rejection v4 = episode.when(APPROVE).thenRejects("OWN_BOOK_BAD_RECORD");
        assertTrue(v4.message().startsWith("worst 35 days past due in the last 12 months vs bad record at 30"), v4::message);

        // rules v3 refused it too, but only through the score drop's warning, as "no longer eligible"
        referredThen(3, new ReportDelinquency(35, TODAY, NOW), new ReportDelinquency(0, TODAY, NOW)).when(APPROVE)
                .thenRejects("NO_LONGER_ELIGIBLE");
    }

    @Test
    void the_policys_threshold_binds_the_review_as_it_binds_the_request() {
        // a 20-day episode: no bad record under policy v1 (its score drop still blocks, as a warning), one under a
        // version that sets 15 days, named as such
        var episode = referredThen(4, new ReportDelinquency(20, TODAY, NOW), new ReportDelinquency(0, TODAY, NOW));
        episode.when(APPROVE).thenRejects("NO_LONGER_ELIGIBLE");
        Rejection stricter = episode.withPolicy(com.uplift.domain.TestPolicies.withOwnBookKnockout(15, 12, true))
                .when(APPROVE).thenRejects("OWN_BOOK_BAD_RECORD");
        assertTrue(stricter.message().startsWith("worst 20 days past due in the last 12 months vs bad record at 15"),
                stricter::message);
    }

    @Test
    void a_bureau_negative_since_the_referral_is_refused_as_negative_bureau_record_under_rules_v4() {
        ReceiveBureauReport negative = new ReceiveBureauReport("PBOC", "R-3", 720, List.of("COURT_JUDGMENT"), NOW, NOW);
        Rejection v4 = referredThen(4, negative).when(APPROVE).thenRejects("NEGATIVE_BUREAU_RECORD");
        assertTrue(v4.message().contains("COURT_JUDGMENT") && v4.message().endsWith("(NO_NEGATIVE_BUREAU_RECORD)"),
                v4::message);
        referredThen(3, negative).when(APPROVE).thenRejects("NO_LONGER_ELIGIBLE");
    }

    @Test
    void a_clean_approval_records_both_knock_out_checks_right_after_the_amounts_limits() {
        IncreaseReviewed review = referred(4).when(APPROVE).event(IncreaseReviewed.class);
        List<String> rules = review.checks().stream().map(RuleResult::rule).toList();
        assertEquals(List.of("APPROVED_ABOVE_CURRENT_LIMIT", "MULTIPLE_OF_ROUNDING_UNIT", "WITHIN_PRODUCT_MAX",
                "WITHIN_BORROWER_MAX", "WITHIN_REQUESTED", "NO_NEGATIVE_BUREAU_RECORD", "NO_OWN_BOOK_BAD_RECORD",
                "INCOME_VERIFIED", "BUREAU_REPORT_USABLE", "MIN_SCORE", "NO_KNOCK_OUT", "WITHIN_AFFORDABILITY",
                "NOT_ABOVE_PREVIOUS_APPROVAL", "NOT_PAST_DUE", "NO_BLOCKING_WARNING", "WITHIN_INCREASE_BAND"), rules);
        assertEquals("worst 0 days past due in the last 12 months vs bad record at 30", review.checks().get(6).detail());
    }
}
