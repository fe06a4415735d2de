package com.uplift.domain.warning;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport;
import com.uplift.domain.creditline.CreditLineCommand.RecordDrawdown;
import com.uplift.domain.creditline.CreditLineCommand.RecordRepayment;
import com.uplift.domain.creditline.CreditLineCommand.RecordServiceNote;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineCommand.VerifyIncome;
import com.uplift.domain.creditline.CreditLineEvent.DelinquencyCured;
import com.uplift.domain.creditline.CreditLineEvent.WarningCleared;
import com.uplift.domain.creditline.CreditLineEvent.WarningRaised;
import com.uplift.domain.history.IncomeSource;
import com.uplift.domain.policy.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 智能预警: each rule raises its flag by event when its threshold is reached, and clears it when the condition ends. */
class EarlyWarningTest {

    private static List<String> raised(DeciderSpec.Then then) {
        return then.all(WarningRaised.class).stream().map(WarningRaised::flag).toList();
    }

    private static List<String> cleared(DeciderSpec.Then then) {
        return then.all(WarningCleared.class).stream().map(WarningCleared::flag).toList();
    }

    private static DeciderSpec.Then daysPastDue(int days) {
        return borrower().spec().when(new ReportDelinquency(days, TODAY, NOW));
    }

    @Test
    void dpd_1_is_watch_29_is_not_yet_warning_30_is() {
        // rules v2: a report costs severity points only, so 1 DPD moves the score too little for a score drop
        assertEquals(List.of("DPD_1"), raised(borrower().spec(2).when(new ReportDelinquency(1, TODAY, NOW))));
        assertTrue(raised(daysPastDue(1)).contains("DPD_1"));
        assertTrue(!raised(daysPastDue(1)).contains("DPD_30"));
        assertTrue(!raised(daysPastDue(29)).contains("DPD_30"));
        assertTrue(raised(daysPastDue(30)).contains("DPD_30"));
        WarningRaised warning = daysPastDue(30).all(WarningRaised.class).stream()
                .filter(w -> w.flag().equals("DPD_30")).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, warning.severity());
        assertEquals("DAYS_PAST_DUE 30 >= 30", warning.detail());
    }

    @Test
    void dpd_59_is_not_severe_60_is_and_freezes_drawdowns() {
        assertTrue(!raised(daysPastDue(59)).contains("DPD_60"));
        DeciderSpec.Then sixty = daysPastDue(60);
        assertTrue(raised(sixty).contains("DPD_60"));
        var rejection = sixty.andThen().when(new RecordDrawdown(cny("100.00"), NOW)).thenRejects("DRAWDOWN_FROZEN");
        assertEquals(List.of("DPD_60"), rejection.reasons());
        daysPastDue(59).andThen().when(new RecordDrawdown(cny("100.00"), NOW)).thenContains(
                com.uplift.domain.creditline.CreditLineEvent.DrawdownRecorded.class);
    }

    @Test
    void a_repayment_that_clears_arrears_cures_and_clears_the_dpd_flags() {
        DeciderSpec delinquent = borrower()
                .then(new com.uplift.domain.creditline.CreditLineCommand.RecordMissedPayment(TODAY.minusDays(40), cny("1500.00"), NOW))
                .spec();
        assertTrue(delinquent.state().warnings().keySet().containsAll(List.of("DPD_1", "DPD_30")));

        DeciderSpec.Then partial = delinquent.when(new RecordRepayment(cny("1000.00"), TODAY.minusDays(40), TODAY, NOW));
        partial.thenLacks(DelinquencyCured.class).thenLacks(WarningCleared.class);

        DeciderSpec.Then full = partial.andThen().when(new RecordRepayment(cny("500.00"), TODAY.minusDays(40), TODAY, NOW));
        assertEquals(40, full.event(DelinquencyCured.class).daysPastDueBefore());
        assertTrue(cleared(full).containsAll(List.of("DPD_1", "DPD_30")), full.events()::toString);
        assertEquals(40, full.event(com.uplift.domain.creditline.CreditLineEvent.RepaymentRecorded.class).daysLate());
    }

    @Test
    void a_servicing_report_of_zero_days_cures() {
        DeciderSpec.Then cured = daysPastDue(35).andThen().when(new ReportDelinquency(0, TODAY, NOW));
        assertEquals("SERVICING_REPORT", cured.event(DelinquencyCured.class).cause());
        assertTrue(cleared(cured).containsAll(List.of("DPD_1", "DPD_30")));
    }

    @Test
    void utilization_of_90_percent_raises_and_a_repayment_below_clears() {
        DeciderSpec.Then at89 = borrower().spec().when(new RecordDrawdown(cny("8999.00"), NOW));
        assertTrue(!raised(at89).contains("HIGH_UTILIZATION"));
        DeciderSpec.Then at90 = borrower().spec().when(new RecordDrawdown(cny("9000.00"), NOW));
        assertTrue(raised(at90).contains("HIGH_UTILIZATION"));
        DeciderSpec.Then repaid = at90.andThen().when(new RecordRepayment(cny("500.00"), TODAY, TODAY, NOW));
        assertTrue(cleared(repaid).contains("HIGH_UTILIZATION"));
    }

    @Test
    void a_score_drop_of_15_points_within_90_days_raises() {
        // 94 -> 79: worst DPD 30..59 earns 5 instead of 20
        DeciderSpec.Then then = daysPastDue(35);
        assertTrue(raised(then).contains("SCORE_DROP"), then.events()::toString);
        // under rules v2 a smaller drop does not: 1..29 DPD earns 12 (-8)
        assertTrue(!raised(borrower().spec(2).when(new ReportDelinquency(5, TODAY, NOW))).contains("SCORE_DROP"));
        // from rules v3 the reported instalment is also a late one (on time 12 of 13: 14 instead of 25): -19
        assertTrue(raised(daysPastDue(5)).contains("SCORE_DROP"));
    }

    @Test
    void an_income_drop_of_30_percent_raises() {
        YearMonth thisMonth = YearMonth.from(TODAY);
        // earlier months average 20,250; 14,175 is 30% below, 14,200 is 29.88% below
        assertTrue(raised(borrower().spec().when(new VerifyIncome(cny("14175.00"), IncomeSource.SALARY_SLIP, thisMonth, NOW)))
                .contains("INCOME_DROP"));
        assertTrue(!raised(borrower().spec().when(new VerifyIncome(cny("14200.00"), IncomeSource.SALARY_SLIP, thisMonth, NOW)))
                .contains("INCOME_DROP"));
    }

    @Test
    void a_negative_bureau_record_raises_and_a_clean_report_clears() {
        DeciderSpec.Then negative = borrower().spec().when(new ReceiveBureauReport("PBOC", "R-2", 700,
                List.of("COURT_JUDGMENT"), NOW, NOW));
        assertTrue(raised(negative).contains("NEGATIVE_BUREAU_RECORD"));
        DeciderSpec.Then clean = negative.andThen().when(new ReceiveBureauReport("PBOC", "R-3", 700, List.of(), NOW, NOW));
        assertTrue(cleared(clean).contains("NEGATIVE_BUREAU_RECORD"));
    }

    @Test
    void a_note_signal_raises_its_flag_for_90_days() {
        DeciderSpec.Then note = borrower().spec().when(new RecordServiceNote("客户说他失业了", "CALL_CENTER", NOW));
        assertEquals(List.of("NOTE_JOB_LOSS"), raised(note));
        DeciderSpec after = note.andThen();
        // still active on day 90, cleared by the first command after it
        assertTrue(raised(after.when(new RecordServiceNote("follow-up call", "CALL_CENTER", NOW.plus(Duration.ofDays(90))))).isEmpty());
        assertTrue(cleared(after.when(new RecordServiceNote("follow-up call", "CALL_CENTER", NOW.plus(Duration.ofDays(90)))))
                .isEmpty());
        assertEquals(List.of("NOTE_JOB_LOSS"),
                cleared(after.when(new RecordServiceNote("follow-up call", "CALL_CENTER", NOW.plus(Duration.ofDays(91))))));
    }

    @Test
    void a_flag_is_raised_once() {
        DeciderSpec twice = daysPastDue(35).andThen();
        assertTrue(raised(twice.when(new ReportDelinquency(36, TODAY, NOW))).isEmpty());
    }
}
