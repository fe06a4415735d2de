package com.uplift.domain.approval;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ReviewIncrease;
import com.uplift.domain.creditline.CreditLineEvent.AssetChangeReported;
import com.uplift.domain.creditline.CreditLineEvent.BureauReportReceived;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.CreditLineOpened;
import com.uplift.domain.creditline.CreditLineEvent.DelinquencyCured;
import com.uplift.domain.creditline.CreditLineEvent.DelinquencyReported;
import com.uplift.domain.creditline.CreditLineEvent.DrawdownRecorded;
import com.uplift.domain.creditline.CreditLineEvent.IncomeVerified;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseReviewed;
import com.uplift.domain.creditline.CreditLineEvent.PaymentMissed;
import com.uplift.domain.creditline.CreditLineEvent.PricingTierChanged;
import com.uplift.domain.creditline.CreditLineEvent.RepaymentRecorded;
import com.uplift.domain.creditline.CreditLineEvent.RiskAssessed;
import com.uplift.domain.creditline.CreditLineEvent.ServiceNoteRecorded;
import com.uplift.domain.creditline.CreditLineEvent.TimeElapsed;
import com.uplift.domain.creditline.CreditLineEvent.WarningCleared;
import com.uplift.domain.creditline.CreditLineEvent.WarningRaised;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.ReviewOutcome;
import com.uplift.domain.history.AssetDirection;
import com.uplift.domain.history.AssetKind;
import com.uplift.domain.history.IncomeSource;
import com.uplift.domain.policy.Severity;
import com.uplift.domain.signals.RiskSignal;
import com.uplift.eventstore.CanonicalJson;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Freezes the canonical JSON of every event type: stored events are forever, so a changed shape must be a conscious
 * decision (new approved file + upcaster), never an accident. Decision events come from the real decider, so their
 * nested records (assessment, rules, sizing) are frozen too.
 */
class EventShapesApprovalTest {

    /** One sample of each type; the test below fails if a new event type has no sample here. */
    static List<CreditLineEvent> samples() {
        DeciderSpec.Then increase = borrower().spec().when(new RequestLimitIncrease("REQ-1", null, "APP", "B-1", NOW));
        DeciderSpec.Then referred = borrower().limit("40000.00").incomes("40000.00", "41000.00").spec()
                .when(new RequestLimitIncrease("REQ-9", cny("110000"), "BRANCH", "A-7", NOW));
        DeciderSpec.Then reviewed = referred.andThen()
                .when(new ReviewIncrease("REQ-9", "RO-1", 1, ReviewOutcome.APPROVE, cny("60000"), "payslips checked", NOW));
        DeciderSpec.Then cured = borrower().spec().when(new ReportDelinquency(35, TODAY, NOW)).andThen()
                .when(new ReportDelinquency(0, TODAY, NOW));
        return List.of(
                new CreditLineOpened("CL-1", "B-1", "XIAOMI-LOAN", cny("10000.00"), "CNY", "STANDARD", TODAY.minusMonths(13), NOW),
                new DrawdownRecorded(cny("2500.00"), cny("2500.00"), NOW),
                new RepaymentRecorded(cny("1000.00"), TODAY.minusDays(3), TODAY, 3, cny("0.00"), cny("1500.00"), NOW),
                new PaymentMissed(TODAY.minusDays(10), cny("1000.00"), NOW),
                new DelinquencyReported(35, TODAY, NOW),
                cured.event(DelinquencyCured.class),
                new IncomeVerified(cny("20500.00"), IncomeSource.BANK_STATEMENT, YearMonth.of(2026, 2), NOW),
                new AssetChangeReported(AssetKind.PROPERTY, AssetDirection.ACQUIRED, cny("1500000.00"), NOW),
                new BureauReportReceived("PBOC", "R-1", 720, List.of("COURT_JUDGMENT"), NOW, NOW),
                new ServiceNoteRecorded("客户说他失业了 and is struggling to pay", "CALL_CENTER",
                        List.of(new RiskSignal("HARDSHIP", "en", List.of("struggling to pay")),
                                new RiskSignal("JOB_LOSS", "zh", List.of("失业"))), NOW),
                increase.andThen().when(new ReportDelinquency(35, TODAY, NOW)).all(RiskAssessed.class).get(0),
                new PricingTierChanged("B", cny("9.90"), "A", cny("7.20"), 94, 1, "test-hash-v1", NOW),
                new WarningRaised("DPD_30", Severity.WARNING, "DAYS_PAST_DUE 35 >= 30", 1, "test-hash-v1", NOW),
                new WarningCleared("DPD_30", Severity.WARNING, "condition ended", 1, "test-hash-v1", NOW),
                increase.event(IncreaseDecided.class),
                reviewed.event(IncreaseReviewed.class),
                new CreditLimitChanged(cny("10000.00"), cny("14600.00"), "REQ-1", "AUTOMATIC_INCREASE", 1, "test-hash-v1", NOW),
                new TimeElapsed(TODAY, NOW));
    }

    @Test
    void every_event_type_has_a_sample() {
        Set<String> permitted = Arrays.stream(CreditLineEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        assertEquals(permitted, samples().stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toSet()));
    }

    @Test
    void samples_round_trip_through_canonical_json() {
        for (CreditLineEvent event : samples()) {
            assertEquals(event, CanonicalJson.fromTree(CanonicalJson.toTree(event), event.getClass()), event.getClass().getSimpleName());
        }
    }

    @Test void creditLineOpened() { verify(CreditLineOpened.class); }
    @Test void drawdownRecorded() { verify(DrawdownRecorded.class); }
    @Test void repaymentRecorded() { verify(RepaymentRecorded.class); }
    @Test void paymentMissed() { verify(PaymentMissed.class); }
    @Test void delinquencyReported() { verify(DelinquencyReported.class); }
    @Test void delinquencyCured() { verify(DelinquencyCured.class); }
    @Test void incomeVerified() { verify(IncomeVerified.class); }
    @Test void assetChangeReported() { verify(AssetChangeReported.class); }
    @Test void bureauReportReceived() { verify(BureauReportReceived.class); }
    @Test void serviceNoteRecorded() { verify(ServiceNoteRecorded.class); }
    @Test void riskAssessed() { verify(RiskAssessed.class); }
    @Test void pricingTierChanged() { verify(PricingTierChanged.class); }
    @Test void warningRaised() { verify(WarningRaised.class); }
    @Test void warningCleared() { verify(WarningCleared.class); }
    @Test void increaseDecided() { verify(IncreaseDecided.class); }
    @Test void increaseReviewed() { verify(IncreaseReviewed.class); }
    @Test void creditLimitChanged() { verify(CreditLimitChanged.class); }
    @Test void timeElapsed() { verify(TimeElapsed.class); }

    private static void verify(Class<? extends CreditLineEvent> type) {
        CreditLineEvent sample = samples().stream().filter(type::isInstance).findFirst().orElseThrow();
        Approvals.verify(CanonicalJson.pretty(sample), new Options());
    }
}
