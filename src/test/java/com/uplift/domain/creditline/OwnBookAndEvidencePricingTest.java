package com.uplift.domain.creditline;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport;
import com.uplift.domain.creditline.CreditLineCommand.RecordDrawdown;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.PricingTierChanged;
import com.uplift.domain.creditline.CreditLineEvent.RiskAssessed;
import com.uplift.domain.increase.IncreaseOutcome;
import com.uplift.domain.increase.RuleResult;
import com.uplift.domain.increase.RuleStatus;
import com.uplift.domain.risk.CharacteristicScore;
import com.uplift.domain.risk.RiskAssessment;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static com.uplift.domain.Fixtures.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 items 3 and 4 (rules v3): "no bad record" includes the lender's own book, lateness reported by servicing
 * counts in the repayment record, and the price moves only on evidence. Each scenario also runs under rules v2, which
 * must still decide as it did (verification re-decides old decisions under their own rules).
 */
class OwnBookAndEvidencePricingTest {

    /** After the 90-day score-drop window: the drop the delinquency caused no longer blocks on its own. */
    private static final Instant LATER = NOW.plus(Duration.ofDays(91));

    /** A clean year but for one episode 45 days past due, cured; then, past the window, a fresh bureau report. */
    private static DeciderSpec worst45DaysPastDue(int rulesVersion) {
        return borrower()
                .then(new ReportDelinquency(45, TODAY, NOW),
                        new ReportDelinquency(0, TODAY, NOW),
                        new ReceiveBureauReport("PBOC", "R-2", 720, List.of(), LATER, LATER))
                .spec(rulesVersion);
    }

    @Test
    void a_45_days_past_due_history_is_declined_as_a_bad_record_under_rules_v3() {
        IncreaseDecided d = worst45DaysPastDue(3).when(requestLater()).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.DECLINED, d.outcome(), d::toString);
        assertTrue(d.reasons().contains("OWN_BOOK_BAD_RECORD"), d.reasons()::toString);
        RuleResult rule = d.rules().stream().filter(r -> r.rule().equals("NO_OWN_BOOK_BAD_RECORD")).findFirst().orElseThrow();
        assertEquals(RuleStatus.FAIL, rule.status());
        assertEquals("worst 45 days past due in the last 12 months vs bad record at 30", rule.detail());
    }

    @Test
    void a_45_days_past_due_history_is_still_auto_approved_under_rules_v2() {
        IncreaseDecided d = worst45DaysPastDue(2).when(requestLater()).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.APPROVED, d.outcome(), d::toString);
        assertTrue(d.rules().stream().noneMatch(r -> r.rule().equals("NO_OWN_BOOK_BAD_RECORD")));
    }

    @Test
    void a_29_days_past_due_episode_is_not_a_bad_record() {
        IncreaseDecided d = borrower()
                .then(new ReportDelinquency(29, TODAY, NOW),
                        new ReportDelinquency(0, TODAY, NOW),
                        new ReceiveBureauReport("PBOC", "R-2", 720, List.of(), LATER, LATER))
                .spec(3).when(requestLater()).event(IncreaseDecided.class);
        RuleResult rule = d.rules().stream().filter(r -> r.rule().equals("NO_OWN_BOOK_BAD_RECORD")).findFirst().orElseThrow();
        assertEquals(RuleStatus.PASS, rule.status(), rule::toString);
        assertTrue(!d.reasons().contains("OWN_BOOK_BAD_RECORD"), d.reasons()::toString);
    }

    @Test
    void lateness_known_only_from_a_delinquency_report_counts_in_the_repayment_record_under_rules_v3() {
        // twelve instalments paid on time; servicing then reports 20 days past due on an instalment it never recorded
        ReportDelinquency report = new ReportDelinquency(20, TODAY, NOW);
        BigDecimal v2 = onTime(borrower().spec(2).when(report).event(RiskAssessed.class).assessment());
        BigDecimal v3 = onTime(borrower().spec(3).when(report).event(RiskAssessed.class).assessment());
        assertEquals(0, new BigDecimal("100").compareTo(v2), "rules v2: " + v2);
        assertEquals(new BigDecimal("92.31"), v3); // 12 of 13 instalments on time
    }

    @Test
    void a_31_day_old_bureau_report_does_not_reprice_under_rules_v3() {
        Instant stale = NOW.plus(Duration.ofDays(31));
        DeciderSpec.Then v3 = borrower().spec(3).when(new RecordDrawdown(cny("100"), stale));
        RiskAssessment seen = v3.event(RiskAssessed.class).assessment();
        assertEquals(81, seen.score()); // 94 less the bureau's 13 points: the score tells the truth about the data
        assertTrue(seen.dataQuality().stream().anyMatch(i -> i.input().equals("BUREAU_REPORT")), seen::toString);
        v3.thenLacks(PricingTierChanged.class);
        assertEquals("A", v3.andThen().state().risk().grade());
        assertEquals(new BigDecimal("7.20"), v3.andThen().state().risk().aprPercent());

        // rules v2, as before: the stale report alone moved the price A -> B
        PricingTierChanged v2 = borrower().spec(2).when(new RecordDrawdown(cny("100"), stale)).event(PricingTierChanged.class);
        assertEquals(List.of("A", "B"), List.of(v2.previousGrade(), v2.grade()));
        assertNull(v2.reason());
    }

    @Test
    void a_fresh_bureau_report_after_a_stale_one_leaves_the_price_where_the_evidence_puts_it() {
        Instant stale = NOW.plus(Duration.ofDays(31));
        DeciderSpec.Then refreshed = borrower().spec(3).andCommands(new RecordDrawdown(cny("100"), stale))
                .when(new ReceiveBureauReport("PBOC", "R-2", 720, List.of(), stale, stale));
        assertEquals(94, refreshed.event(RiskAssessed.class).assessment().score());
        refreshed.thenLacks(PricingTierChanged.class); // still A: nothing to reprice
    }

    @Test
    void a_new_lines_first_drawdown_keeps_the_opening_price_under_rules_v3() {
        DeciderSpec.Then v3 = DeciderSpec.givenCommandsUnderRules(3, open("10000.00", TODAY))
                .when(new RecordDrawdown(cny("1000"), NOW));
        assertTrue(!v3.event(RiskAssessed.class).assessment().reliable());
        v3.thenLacks(PricingTierChanged.class);
        assertNull(v3.andThen().state().risk().grade());

        PricingTierChanged v2 = DeciderSpec.givenCommandsUnderRules(2, open("10000.00", TODAY))
                .when(new RecordDrawdown(cny("1000"), NOW)).event(PricingTierChanged.class);
        assertEquals("E", v2.grade()); // rules v2 priced a line with no data at the worst grade
    }

    @Test
    void a_price_change_records_why_under_rules_v3() {
        // the good borrower's history without its bureau report is not yet graded; the report completes the evidence
        var commands = borrower().commands();
        var bureau = commands.remove(commands.size() - 1);
        PricingTierChanged first = DeciderSpec.givenCommandsUnderRules(3, commands.toArray(CreditLineCommand[]::new))
                .when(bureau).event(PricingTierChanged.class);
        assertNull(first.previousGrade());
        assertEquals("A", first.grade());
        assertEquals(3, first.rulesVersion());
        assertEquals("first grading at score 94 on an assessment with every input fresh, after BureauReportReceived; "
                + "principal reasons R06_ASSET_CHANGES, R07_MONTHS_ON_BOOK, R08_BUREAU_SCORE", first.reason());
    }

    private static BigDecimal onTime(RiskAssessment assessment) {
        return assessment.breakdown().stream().filter(s -> s.characteristic().equals("REPAYMENT_ON_TIME"))
                .map(CharacteristicScore::value).findFirst().orElseThrow();
    }

    private static CreditLineCommand.RequestLimitIncrease requestLater() {
        return new CreditLineCommand.RequestLimitIncrease("REQ-1", null, "APP", "B-1", LATER);
    }
}
