package com.uplift.domain.creditline;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.creditline.CreditLineCommand.OpenCreditLine;
import com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport;
import com.uplift.domain.creditline.CreditLineCommand.RecordDrawdown;
import com.uplift.domain.creditline.CreditLineCommand.RecordMissedPayment;
import com.uplift.domain.creditline.CreditLineCommand.RecordRepayment;
import com.uplift.domain.creditline.CreditLineCommand.RecordServiceNote;
import com.uplift.domain.creditline.CreditLineCommand.ReportAssetChange;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineCommand.VerifyIncome;
import com.uplift.domain.creditline.CreditLineEvent.CreditLineOpened;
import com.uplift.domain.creditline.CreditLineEvent.DrawdownRecorded;
import com.uplift.domain.creditline.CreditLineEvent.PricingTierChanged;
import com.uplift.domain.creditline.CreditLineEvent.RepaymentRecorded;
import com.uplift.domain.creditline.CreditLineEvent.RiskAssessed;
import com.uplift.domain.creditline.CreditLineEvent.ServiceNoteRecorded;
import com.uplift.domain.history.AssetDirection;
import com.uplift.domain.history.AssetKind;
import com.uplift.domain.history.IncomeSource;
import com.uplift.domain.risk.CharacteristicScore;
import com.uplift.domain.risk.RiskAssessment;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.List;

import static com.uplift.domain.Fixtures.CNY;
import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening, drawing, repaying, validation, re-assessment and pricing. */
class LedgerAndAssessmentTest {

    @Test
    void opening_a_line_records_its_real_open_date_or_today() {
        DeciderSpec.given().when(new OpenCreditLine("CL-1", "B-1", "P", cny("10000"), CNY, "STANDARD",
                        TODAY.minusMonths(13), NOW))
                .then(new CreditLineOpened("CL-1", "B-1", "P", cny("10000.00"), "CNY", "STANDARD", TODAY.minusMonths(13), NOW));
        DeciderSpec.given().when(new OpenCreditLine("CL-1", "B-1", "P", cny("10000"), null, null, NOW))
                .then(new CreditLineOpened("CL-1", "B-1", "P", cny("10000.00"), "CNY", null, TODAY, NOW));
    }

    @Test
    void opening_is_validated() {
        DeciderSpec.given().when(new OpenCreditLine("CL-1", "B-1", "P", cny("0"), CNY, null, NOW)).thenRejects("INVALID_LIMIT");
        DeciderSpec.given().when(new OpenCreditLine("CL-1", "B-1", "P", cny("200000.01"), CNY, null, NOW)).thenRejects("ABOVE_PRODUCT_MAX");
        DeciderSpec.given().when(new OpenCreditLine("CL-1", "B-1", "P", cny("100"), CNY, null, TODAY.plusDays(1), NOW)).thenRejects("FUTURE_DATE");
        borrower().spec().when(new OpenCreditLine("CL-1", "B-1", "P", cny("100"), CNY, null, NOW)).thenRejects("ALREADY_OPEN");
        DeciderSpec.given().when(new RecordDrawdown(cny("1"), NOW)).thenRejects("NOT_OPEN");
    }

    @Test
    void drawdowns_up_to_available_credit() {
        DeciderSpec spec = borrower().spec();
        assertEquals(new DrawdownRecorded(cny("10000.00"), cny("10000.00"), NOW),
                spec.when(new RecordDrawdown(cny("10000"), NOW)).events().get(0));
        spec.when(new RecordDrawdown(cny("10000.01"), NOW)).thenRejects("INSUFFICIENT_AVAILABLE_CREDIT");
        spec.when(new RecordDrawdown(cny("0.004"), NOW)).thenRejects("INVALID_AMOUNT");
        spec.when(new RecordDrawdown(cny("-5"), NOW)).thenRejects("INVALID_AMOUNT");
    }

    @Test
    void a_late_repayment_records_how_late_and_lowers_the_score() {
        DeciderSpec.Then then = borrower().spec().when(new RecordRepayment(cny("1000"), TODAY.minusDays(5), TODAY, NOW));
        RepaymentRecorded repayment = then.event(RepaymentRecorded.class);
        assertEquals(5, repayment.daysLate());
        RiskAssessment assessment = then.event(RiskAssessed.class).assessment();
        assertEquals("RepaymentRecorded", then.event(RiskAssessed.class).trigger());
        assertEquals(12, points(assessment, "WORST_DAYS_PAST_DUE"));
        assertEquals(14, points(assessment, "REPAYMENT_ON_TIME"), "12 of 13 on time = 92.31%");
    }

    @Test
    void repayments_and_reports_are_validated() {
        DeciderSpec spec = borrower().spec();
        spec.when(new RecordRepayment(cny("0"), TODAY, TODAY, NOW)).thenRejects("INVALID_AMOUNT");
        spec.when(new RecordRepayment(cny("10"), TODAY, TODAY.plusDays(1), NOW)).thenRejects("FUTURE_DATE");
        spec.when(new RecordRepayment(cny("10"), null, TODAY, NOW)).thenRejects("INVALID_COMMAND");
        spec.when(new RecordMissedPayment(TODAY.plusDays(1), cny("10"), NOW)).thenRejects("FUTURE_DATE");
        spec.when(new ReportDelinquency(-1, TODAY, NOW)).thenRejects("INVALID_DAYS_PAST_DUE");
        spec.when(new VerifyIncome(cny("100"), IncomeSource.TAX_RECORD, YearMonth.from(TODAY).plusMonths(1), NOW)).thenRejects("FUTURE_DATE");
        spec.when(new VerifyIncome(cny("0"), IncomeSource.TAX_RECORD, YearMonth.from(TODAY), NOW)).thenRejects("INVALID_AMOUNT");
        spec.when(new ReportAssetChange(AssetKind.DEPOSIT, AssetDirection.ACQUIRED, cny("0"), NOW)).thenRejects("INVALID_AMOUNT");
        spec.when(new ReceiveBureauReport("PBOC", "R", 700, List.of(), NOW.plus(java.time.Duration.ofDays(1)), NOW)).thenRejects("FUTURE_DATE");
        spec.when(new ReceiveBureauReport("PBOC", "R", 700, List.of(), NOW.plusSeconds(5), NOW)).thenContains(
                com.uplift.domain.creditline.CreditLineEvent.BureauReportReceived.class);
        spec.when(new RecordServiceNote(" ", "CHAT", NOW)).thenRejects("INVALID_COMMAND");
        DeciderSpec missed = borrower().then(new RecordMissedPayment(TODAY.minusDays(3), cny("10"), NOW)).spec();
        missed.when(new RecordMissedPayment(TODAY.minusDays(3), cny("10"), NOW)).thenRejects("DUPLICATE_MISSED_PAYMENT");
    }

    @Test
    void an_out_of_range_bureau_score_is_recorded_but_counts_as_contradictory() {
        RiskAssessment a = borrower().spec().when(new ReceiveBureauReport("PBOC", "R-9", 999, List.of(), NOW, NOW))
                .event(RiskAssessed.class).assessment();
        assertEquals(0, points(a, "BUREAU_SCORE"));
        assertEquals("CONTRADICTORY", bin(a, "BUREAU_SCORE"));
    }

    @Test
    void a_change_of_grade_changes_the_price() {
        // the bureau report is what lifts the good borrower from 81 (B) to 94 (A)
        var commands = borrower().commands();
        var bureau = commands.remove(commands.size() - 1);
        DeciderSpec.Then then = DeciderSpec.givenCommandsUnderRules(2, commands.toArray(CreditLineCommand[]::new))
                .when(bureau);
        assertEquals(new PricingTierChanged("B", cny("9.90"), "A", cny("7.20"), 94, 1, "test-hash-v1", 2, null, NOW),
                then.event(PricingTierChanged.class));
        // no grade change, no pricing event
        borrower().spec().when(new RecordDrawdown(cny("100"), NOW)).thenLacks(PricingTierChanged.class);
    }

    @Test
    void principal_reasons_are_the_four_biggest_losses_best_bin_first() {
        // score-70 borrower: bureau -15, utilization -7, income trend -4, asset changes -2
        RiskAssessment a = borrower().bureauScore(540).incomes("20000.00", "17500.00").spec()
                .when(new RecordDrawdown(cny("7500"), NOW)).event(RiskAssessed.class).assessment();
        assertEquals(List.of("R08_BUREAU_SCORE", "R03_UTILIZATION", "R05_INCOME_TREND", "R06_ASSET_CHANGES"),
                a.principalReasons());
        assertEquals(a.pointsTotal(), a.breakdown().stream().mapToInt(CharacteristicScore::points).sum());
    }

    @Test
    void a_note_stores_its_signals_so_replay_never_re_tokenizes() {
        ServiceNoteRecorded note = borrower().spec().when(new RecordServiceNote("客户投诉扣款有误", "CALL_CENTER", NOW))
                .event(ServiceNoteRecorded.class);
        assertEquals("DISPUTE", note.signals().get(0).code());
        assertEquals(List.of("投诉"), note.signals().get(0).matchedTerms());
    }

    @Test
    void notes_do_not_move_the_score() {
        borrower().spec().when(new RecordServiceNote("客户说他失业了", "CALL_CENTER", NOW)).thenLacks(RiskAssessed.class);
    }

    private static int points(RiskAssessment a, String characteristic) {
        return a.breakdown().stream().filter(s -> s.characteristic().equals(characteristic)).findFirst().orElseThrow().points();
    }

    private static String bin(RiskAssessment a, String characteristic) {
        return a.breakdown().stream().filter(s -> s.characteristic().equals(characteristic)).findFirst().orElseThrow().bin();
    }

    @Test
    void open_has_no_assessment_so_a_new_line_is_not_priced_on_nothing() {
        assertTrue(DeciderSpec.given().when(new OpenCreditLine("CL-1", "B-1", "P", cny("100"), CNY, null, NOW))
                .all(RiskAssessed.class).isEmpty());
    }

    @Test
    void commands_deserialize_with_the_canonical_mapper_despite_the_compatibility_constructor() {
        OpenCreditLine open = new OpenCreditLine("CL-1", "B-1", "P", cny("10000.00"), CNY, "PRIME", TODAY.minusMonths(13), NOW);
        assertEquals(open, com.uplift.eventstore.CanonicalJson.fromTree(com.uplift.eventstore.CanonicalJson.toTree(open),
                OpenCreditLine.class));
    }
}
