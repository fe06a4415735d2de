package com.uplift.domain.creditline;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.DeciderSpec;
import com.uplift.domain.TestPolicies;
import com.uplift.domain.creditline.CreditLineCommand.RecordDrawdown;
import com.uplift.domain.creditline.CreditLineCommand.RecordMissedPayment;
import com.uplift.domain.creditline.CreditLineCommand.ReportAssetChange;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineCommand.VerifyIncome;
import com.uplift.domain.creditline.CreditLineEvent.AssetChangeReported;
import com.uplift.domain.creditline.CreditLineEvent.DelinquencyCured;
import com.uplift.domain.creditline.CreditLineEvent.DelinquencyReported;
import com.uplift.domain.creditline.CreditLineEvent.WarningCleared;
import com.uplift.domain.history.AssetDirection;
import com.uplift.domain.history.AssetKind;
import com.uplift.domain.history.IncomeSource;
import com.uplift.domain.risk.RiskInputs;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static com.uplift.domain.Fixtures.goodBorrower;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules v4: the newest business date of its kind wins. A fact dated before the newest of its kind is recorded and
 * counts as history, but never replaces the newer state, and nothing that follows from a current state (a cure, a
 * warning cleared, a freeze lifted) follows from it. Rules v1-v3 keep their behaviour, for re-verification.
 */
class LateFactsTest {

    private static final ReportDelinquency SIXTY_FIVE_DAYS_TODAY = new ReportDelinquency(65, TODAY, NOW);
    private static final ReportDelinquency CURRENT_SEVENTY_DAYS_AGO = new ReportDelinquency(0, TODAY.minusDays(70), NOW);

    @Test
    void aZeroDaysReportDatedSeventyDaysAgoDoesNotCureASixtyFiveDaysReportDatedToday() {
        DeciderSpec delinquent = goodBorrower().andCommands(SIXTY_FIVE_DAYS_TODAY);
        assertTrue(delinquent.state().warnings().containsKey("DPD_60"), "65 days past due raises the SEVERE flag");

        DeciderSpec.Then late = delinquent.when(CURRENT_SEVENTY_DAYS_AGO);

        late.thenContains(DelinquencyReported.class).thenLacks(DelinquencyCured.class).thenLacks(WarningCleared.class);
        DeciderSpec after = late.andThen();
        assertEquals(List.of("DPD_1", "DPD_30", "DPD_60"), after.state().warnings().keySet().stream()
                .filter(flag -> flag.startsWith("DPD")).toList());
        after.when(new RecordDrawdown(cny("100.00"), NOW)).thenRejects("DRAWDOWN_FROZEN");
        assertEquals(65, measured(after).currentDaysPastDue(), "the newest report still says how late the line is");
    }

    @Test
    void rulesV3StillCureOnTheReportThatArrivedLast() {
        DeciderSpec.Then late = borrower().spec(3).andCommands(SIXTY_FIVE_DAYS_TODAY).when(CURRENT_SEVENTY_DAYS_AGO);

        DelinquencyCured cured = late.event(DelinquencyCured.class);
        assertEquals(TODAY.minusDays(70), cured.curedOn());
        assertTrue(late.all(WarningCleared.class).stream().anyMatch(w -> w.flag().equals("DPD_60")),
                "what v3 decided, v3 still decides: re-verification of those decisions depends on it");
    }

    @Test
    void aNewerZeroDaysReportCuresCountingDaysPastDueOnItsOwnDate() {
        DeciderSpec delinquent = goodBorrower().andCommands(new ReportDelinquency(65, TODAY.minusDays(10), NOW));

        DeciderSpec.Then cure = delinquent.when(new ReportDelinquency(0, TODAY.minusDays(2), NOW));

        DelinquencyCured cured = cure.event(DelinquencyCured.class);
        assertEquals(73, cured.daysPastDueBefore(), "65 days on the 5th, aged 8 days to the cure's date");
        assertEquals(TODAY.minusDays(2), cured.curedOn());
        assertTrue(cure.all(WarningCleared.class).stream().anyMatch(w -> w.flag().equals("DPD_60")));
    }

    @Test
    void reportsArrivingInEitherOrderReadTheSame() {
        ReportDelinquency older = new ReportDelinquency(40, TODAY.minusDays(30), NOW);
        ReportDelinquency newer = new ReportDelinquency(0, TODAY.minusDays(5), NOW);

        RiskInputs inOrder = measured(goodBorrower().andCommands(older, newer));
        RiskInputs reversed = measured(goodBorrower().andCommands(newer, older));

        assertEquals(inOrder, reversed);
        assertEquals(0, reversed.currentDaysPastDue());
        assertEquals(65, reversed.worstDaysPastDue(), "40 days past due, aged 25 days until the newer report");
    }

    @Test
    void aCurrentReportDatedBeforeAnUnpaidInstalmentFellDueCuresNothing() {
        DeciderSpec missed = goodBorrower().andCommands(new RecordMissedPayment(TODAY.minusDays(20), cny("1000.00"), NOW));

        missed.when(new ReportDelinquency(0, TODAY.minusDays(25), NOW)).thenLacks(DelinquencyCured.class);
        missed.when(new ReportDelinquency(0, TODAY, NOW)).thenContains(DelinquencyCured.class);
    }

    @Test
    void anOlderIncomeMonthArrivingLateDoesNotReplaceTheNewerMonth() {
        YearMonth newest = YearMonth.from(TODAY).minusMonths(1);
        DeciderSpec late = goodBorrower().andCommands(
                new VerifyIncome(cny("9000.00"), IncomeSource.SALARY_SLIP, newest.minusMonths(4), NOW));

        RiskInputs in = measured(late);

        assertTrue(in.inputs().stream().anyMatch(i -> i.input().equals(RiskInputs.INCOME)
                && i.reference().contains("newest " + newest) && i.reference().endsWith(" 20500.00")), in.inputs()::toString);
    }

    @Test
    void anAssetChangeCountsByTheDateItHappenedNotTheDayItWasReported() {
        ReportAssetChange longAgo = new ReportAssetChange(AssetKind.PROPERTY, AssetDirection.ACQUIRED,
                cny("900000.00"), TODAY.minusMonths(13), NOW);
        ReportAssetChange lastMonth = new ReportAssetChange(AssetKind.VEHICLE, AssetDirection.ACQUIRED,
                cny("150000.00"), TODAY.minusMonths(1), NOW);

        AssetChangeReported recorded = goodBorrower().when(longAgo).event(AssetChangeReported.class);
        RiskInputs in = measured(goodBorrower().andCommands(longAgo, lastMonth));

        assertEquals(TODAY.minusMonths(13), recorded.changedOn());
        assertEquals(new BigDecimal("150000.00"), in.netAssetChange(), "the 13-month-old change is outside the lookback");
        assertEquals(TODAY, goodBorrower().when(new ReportAssetChange(AssetKind.DEPOSIT, AssetDirection.DISPOSED,
                cny("1000.00"), NOW)).event(AssetChangeReported.class).changedOn(), "undated: the day it is reported");
        goodBorrower().when(new ReportAssetChange(AssetKind.DEPOSIT, AssetDirection.DISPOSED, cny("1000.00"),
                TODAY.plusDays(1), NOW)).thenRejects("FUTURE_DATE");
    }

    @Test
    void rulesV3RecordNoDateForAnAssetChangeAndCountItByArrival() {
        ReportAssetChange longAgo = new ReportAssetChange(AssetKind.PROPERTY, AssetDirection.ACQUIRED,
                cny("900000.00"), TODAY.minusMonths(13), NOW);

        AssetChangeReported recorded = borrower().spec(3).when(longAgo).event(AssetChangeReported.class);

        assertEquals(null, recorded.changedOn());
        assertEquals(new BigDecimal("900000.00"), RiskInputs.measure(borrower().spec(3).andCommands(longAgo).state().facts(),
                TestPolicies.v1().rules(), TODAY, 3).netAssetChange());
    }

    private static RiskInputs measured(DeciderSpec spec) {
        return RiskInputs.measure(spec.state().facts(), TestPolicies.v1().rules(), TODAY, DeciderRules.CURRENT);
    }
}
