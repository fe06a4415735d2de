package com.uplift.domain.creditline;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.Rejection;
import com.uplift.domain.creditline.CreditLineCommand.OpenCreditLine;
import com.uplift.domain.creditline.CreditLineCommand.ReassessOverTime;
import com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport;
import com.uplift.domain.creditline.CreditLineCommand.RecordDrawdown;
import com.uplift.domain.creditline.CreditLineCommand.RecordMissedPayment;
import com.uplift.domain.creditline.CreditLineCommand.RecordRepayment;
import com.uplift.domain.creditline.CreditLineCommand.RecordServiceNote;
import com.uplift.domain.creditline.CreditLineCommand.RecordWriteOff;
import com.uplift.domain.creditline.CreditLineCommand.ReportAssetChange;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineCommand.ServicingFact;
import com.uplift.domain.creditline.CreditLineCommand.VerifyIncome;
import com.uplift.domain.creditline.CreditLineEvent.AssetChangeReported;
import com.uplift.domain.creditline.CreditLineEvent.BureauReportReceived;
import com.uplift.domain.creditline.CreditLineEvent.CreditLineOpened;
import com.uplift.domain.creditline.CreditLineEvent.DelinquencyCured;
import com.uplift.domain.creditline.CreditLineEvent.DelinquencyReported;
import com.uplift.domain.creditline.CreditLineEvent.DrawdownRecorded;
import com.uplift.domain.creditline.CreditLineEvent.IncomeVerified;
import com.uplift.domain.creditline.CreditLineEvent.PaymentMissed;
import com.uplift.domain.creditline.CreditLineEvent.RepaymentRecorded;
import com.uplift.domain.creditline.CreditLineEvent.ServiceNoteRecorded;
import com.uplift.domain.creditline.CreditLineEvent.TimeElapsed;
import com.uplift.domain.history.CreditHistory;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.Severity;
import com.uplift.domain.risk.RiskInputs;
import com.uplift.domain.signals.RiskSignal;
import com.uplift.domain.signals.NoteSignalReader;
import com.uplift.domain.signals.RiskSignalExtractor;
import com.uplift.domain.warning.WarningFlag;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static com.uplift.domain.creditline.CommandValues.ZERO;
import static com.uplift.domain.creditline.CommandValues.blank;
import static com.uplift.domain.creditline.CommandValues.money;
import static com.uplift.domain.creditline.CommandValues.positive;
import static com.uplift.domain.creditline.Decision.accept;
import static com.uplift.domain.creditline.Decision.reject;

/**
 * The servicing facts' own events: a fact is validated and recorded as it comes (opening, drawdowns, repayments,
 * missed payments, delinquency reports, income, assets, bureau reports, notes, time passing). What follows from it
 * (re-assessment, pricing, warnings) is {@link Consequences}' concern.
 */
final class ServicingFacts {

    private ServicingFacts() {
    }

    static Decision decide(ServicingFact command, CreditLineState state, DecisionBasis basis) {
        Policy policy = basis.policy();
        return switch (command) {
            case OpenCreditLine c -> open(c, state, policy);
            case RecordDrawdown c -> drawdown(c, state, policy, basis.rulesVersion());
            case RecordRepayment c -> repayment(c, state, policy, basis.rulesVersion());
            case RecordMissedPayment c -> missedPayment(c, state, policy);
            case ReportDelinquency c -> delinquency(c, state, policy, basis.rulesVersion());
            case VerifyIncome c -> income(c, policy);
            case ReportAssetChange c -> assetChange(c, policy, basis.rulesVersion());
            case ReceiveBureauReport c -> bureauReport(c, policy);
            case RecordServiceNote c -> serviceNote(c, policy, basis.rulesVersion());
            case RecordWriteOff c -> WriteOffs.decide(c, state, policy);
            case ReassessOverTime c -> accept(new TimeElapsed(RiskInputs.businessDate(c.occurredAt(), policy), c.occurredAt()));
        };
    }

    private static Decision open(OpenCreditLine c, CreditLineState state, Policy policy) {
        if (state.opened()) {
            return reject("ALREADY_OPEN", "credit line " + c.creditLineId() + " is already open");
        }
        if (blank(c.creditLineId()) || blank(c.borrowerId()) || blank(c.productCode()) || c.initialLimit() == null) {
            return reject("INVALID_COMMAND", "creditLineId, borrowerId, productCode and initialLimit are required");
        }
        BigDecimal limit = money(c.initialLimit());
        if (limit.signum() <= 0) {
            return reject("INVALID_LIMIT", "the initial limit must be positive");
        }
        if (c.segment() != null && !"STANDARD".equals(c.segment()) && !policy.segments().containsKey(c.segment())) {
            // an unknown segment would silently get the base rules: say so instead
            return reject("UNKNOWN_SEGMENT", "segment " + c.segment() + " is not in policy v" + policy.version()
                    + "; known: STANDARD, " + String.join(", ", policy.segments().keySet()));
        }
        if (c.borrowerOtherLimits() != null
                && limit.add(c.borrowerOtherLimits()).compareTo(policy.increaseFor(c.segment()).productMaxLimit()) > 0) {
            return reject("ABOVE_BORROWER_MAX", "the borrower's lines would total " + limit.add(c.borrowerOtherLimits())
                    + ", above the maximum of " + policy.increaseFor(c.segment()).productMaxLimit() + " per borrower");
        }
        if (limit.compareTo(policy.increaseFor(c.segment()).productMaxLimit()) > 0) {
            return reject("ABOVE_PRODUCT_MAX", "the initial limit exceeds the product maximum "
                    + policy.increaseFor(c.segment()).productMaxLimit());
        }
        LocalDate today = RiskInputs.businessDate(c.occurredAt(), policy);
        LocalDate openedOn = c.openedOn() == null ? today : c.openedOn();
        if (openedOn.isAfter(today)) {
            return reject("FUTURE_DATE", "openedOn " + openedOn + " is after today " + today);
        }
        String currency = c.currency() == null ? policy.defaultCurrency() : c.currency().getCurrencyCode();
        return accept(new CreditLineOpened(c.creditLineId(), c.borrowerId(), c.productCode(), limit, currency,
                c.segment(), openedOn, c.borrowerOtherLimits() == null ? null : money(c.borrowerOtherLimits()), c.occurredAt()));
    }

    private static Decision drawdown(RecordDrawdown c, CreditLineState state, Policy policy, int rulesVersion) {
        if (!positive(c.amount())) {
            return reject("INVALID_AMOUNT", "the drawdown amount must be positive");
        }
        var writtenOff = WriteOffs.drawdownRefused(state);
        if (writtenOff.isPresent()) {
            return writtenOff.get();
        }
        BigDecimal amount = money(c.amount());
        List<String> severe = Consequences.flagsNow(state, policy, c.occurredAt(), rulesVersion).values().stream()
                .filter(f -> f.severity() == Severity.SEVERE).map(WarningFlag::flag).toList();
        if (!severe.isEmpty()) {
            return new Decision.Rejected(new Rejection("DRAWDOWN_FROZEN",
                    "drawdowns are frozen while a SEVERE warning is active: " + severe, severe));
        }
        if (amount.compareTo(state.available()) > 0) {
            return reject("INSUFFICIENT_AVAILABLE_CREDIT", "drawdown " + amount + " exceeds available " + state.available());
        }
        return accept(new DrawdownRecorded(amount, state.drawn().add(amount), c.occurredAt()));
    }

    private static Decision repayment(RecordRepayment c, CreditLineState state, Policy policy, int rulesVersion) {
        if (!positive(c.amount())) {
            return reject("INVALID_AMOUNT", "the repayment amount must be positive");
        }
        if (c.dueDate() == null || c.paidOn() == null) {
            return reject("INVALID_COMMAND", "dueDate and paidOn are required");
        }
        LocalDate today = RiskInputs.businessDate(c.occurredAt(), policy);
        if (c.paidOn().isAfter(today)) {
            return reject("FUTURE_DATE", "paidOn " + c.paidOn() + " is after today " + today);
        }
        BigDecimal amount = money(c.amount());
        int daysLate = (int) Math.max(0, c.dueDate().until(c.paidOn(), ChronoUnit.DAYS));
        BigDecimal arrearsBefore = state.history().arrears();
        BigDecimal arrearsAfter = arrearsBefore.subtract(amount).max(ZERO);
        // the servicing system is the ledger of record; the line only tracks drawn for available credit, floored at 0
        BigDecimal drawnAfter = state.drawn().subtract(amount).max(ZERO);
        List<CreditLineEvent> events = new ArrayList<>();
        events.add(new RepaymentRecorded(amount, c.dueDate(), c.paidOn(), daysLate, arrearsAfter, drawnAfter, c.occurredAt()));
        CreditHistory known = state.history().readUnder(rulesVersion);
        int dpdBefore = known.daysPastDueOn(today);
        // A repayment that pays off the recorded arrears cures the delinquency. Where servicing reported days past
        // due without amounts, nothing says how much is owed: any payment would "cure" it (a 0.01 payment would lift
        // a SEVERE freeze), so only servicing's own report of 0 days cures that. From rules v4 "servicing reports"
        // means its newest report by date, not the one that arrived last.
        boolean servicingReportsLate = known.delinquency() != null && known.delinquency().daysPastDue() > 0;
        if (arrearsBefore.signum() > 0 && arrearsAfter.signum() == 0 && !servicingReportsLate) {
            events.add(new DelinquencyCured(today, dpdBefore, "REPAYMENT", c.occurredAt()));
        }
        return new Decision.Accepted(events);
    }

    private static Decision missedPayment(RecordMissedPayment c, CreditLineState state, Policy policy) {
        if (!positive(c.amountDue())) {
            return reject("INVALID_AMOUNT", "the amount due must be positive");
        }
        if (c.dueDate() == null) {
            return reject("INVALID_COMMAND", "dueDate is required");
        }
        LocalDate today = RiskInputs.businessDate(c.occurredAt(), policy);
        if (c.dueDate().isAfter(today)) {
            return reject("FUTURE_DATE", "an instalment due " + c.dueDate() + " cannot be missed on " + today);
        }
        if (state.history().missedPayments().stream().anyMatch(m -> m.dueDate().equals(c.dueDate()))) {
            return reject("DUPLICATE_MISSED_PAYMENT", "the instalment due " + c.dueDate() + " is already recorded as missed");
        }
        return accept(new PaymentMissed(c.dueDate(), money(c.amountDue()), c.occurredAt()));
    }

    private static Decision delinquency(ReportDelinquency c, CreditLineState state, Policy policy, int rulesVersion) {
        if (c.daysPastDue() < 0) {
            return reject("INVALID_DAYS_PAST_DUE", "days past due cannot be negative");
        }
        if (c.asOf() == null) {
            return reject("INVALID_COMMAND", "asOf is required");
        }
        LocalDate today = RiskInputs.businessDate(c.occurredAt(), policy);
        if (c.asOf().isAfter(today)) {
            return reject("FUTURE_DATE", "asOf " + c.asOf() + " is after today " + today);
        }
        List<CreditLineEvent> events = new ArrayList<>();
        events.add(new DelinquencyReported(c.daysPastDue(), c.asOf(), c.occurredAt()));
        if (DeciderRules.newestBusinessDateWins(rulesVersion)) {
            events.addAll(cureAsOfItsDate(c, state.history().readUnder(rulesVersion)));
            return new Decision.Accepted(events);
        }
        int dpdBefore = state.history().daysPastDueOn(today);
        if (c.daysPastDue() == 0 && (dpdBefore > 0 || state.history().arrears().signum() > 0)) {
            events.add(new DelinquencyCured(c.asOf(), dpdBefore, "SERVICING_REPORT", c.occurredAt()));
        }
        return new Decision.Accepted(events);
    }

    /**
     * Rules v4: a report of 0 days past due cures the line only if it is servicing's newest word. A report dated before
     * the newest one is a fact about the past: it is recorded, and counts in the line's history, but it cures nothing,
     * so no warning clears and no freeze lifts on it. Nor does a report dated before an unpaid instalment fell due:
     * it could not have known of those arrears. The days past due it ends are counted on its own date.
     */
    private static List<CreditLineEvent> cureAsOfItsDate(ReportDelinquency c, CreditHistory known) {
        if (c.daysPastDue() != 0 || known.olderThanNewestReport(new CreditHistory.DelinquencyReport(0, c.asOf()))) {
            return List.of();
        }
        boolean unpaidFallsDueLater = known.missedPayments().stream()
                .anyMatch(m -> m.outstanding().signum() > 0 && m.dueDate().isAfter(c.asOf()));
        int dpdBefore = known.daysPastDueOn(c.asOf());
        if (unpaidFallsDueLater || (dpdBefore == 0 && known.arrears().signum() == 0)) {
            return List.of();
        }
        return List.of(new DelinquencyCured(c.asOf(), dpdBefore, "SERVICING_REPORT", c.occurredAt()));
    }

    private static Decision income(VerifyIncome c, Policy policy) {
        if (!positive(c.monthlyIncome())) {
            return reject("INVALID_AMOUNT", "the monthly income must be positive");
        }
        if (c.source() == null || c.period() == null) {
            return reject("INVALID_COMMAND", "source and period are required");
        }
        YearMonth thisMonth = YearMonth.from(RiskInputs.businessDate(c.occurredAt(), policy));
        if (c.period().isAfter(thisMonth)) {
            return reject("FUTURE_DATE", "income period " + c.period() + " is after " + thisMonth);
        }
        return accept(new IncomeVerified(money(c.monthlyIncome()), c.source(), c.period(), c.occurredAt()));
    }

    /**
     * From rules v4 an asset change has a business date of its own ({@code changedOn}, the day it is reported when
     * not given), so the lookback counts it by when it happened, not by when servicing got round to reporting it.
     * Rules v1-v3 dated it by its arrival and record no date.
     */
    private static Decision assetChange(ReportAssetChange c, Policy policy, int rulesVersion) {
        if (!positive(c.estimatedValue())) {
            return reject("INVALID_AMOUNT", "the estimated value must be positive");
        }
        if (c.kind() == null || c.direction() == null) {
            return reject("INVALID_COMMAND", "kind and direction are required");
        }
        if (!DeciderRules.newestBusinessDateWins(rulesVersion)) {
            return accept(new AssetChangeReported(c.kind(), c.direction(), money(c.estimatedValue()), c.occurredAt()));
        }
        LocalDate today = RiskInputs.businessDate(c.occurredAt(), policy);
        LocalDate changedOn = c.changedOn() == null ? today : c.changedOn();
        if (changedOn.isAfter(today)) {
            return reject("FUTURE_DATE", "changedOn " + changedOn + " is after today " + today);
        }
        return accept(new AssetChangeReported(c.kind(), c.direction(), money(c.estimatedValue()), changedOn,
                c.occurredAt()));
    }

    private static Decision bureauReport(ReceiveBureauReport c, Policy policy) {
        if (blank(c.bureau()) || blank(c.reportId()) || c.pulledAt() == null || c.negativeRecords() == null) {
            return reject("INVALID_COMMAND", "bureau, reportId, negativeRecords and pulledAt are required");
        }
        // compared by business date, not instant: a pull stamped seconds "after" arrival is clock skew, not the future
        LocalDate today = RiskInputs.businessDate(c.occurredAt(), policy);
        if (RiskInputs.businessDate(c.pulledAt(), policy).isAfter(today)) {
            return reject("FUTURE_DATE", "the report was pulled after it was received");
        }
        // recorded as received, even a score outside the valid range: data quality marks it contradictory
        return accept(new BureauReportReceived(c.bureau(), c.reportId(), c.score(),
                c.negativeRecords().stream().sorted().toList(), c.pulledAt(), c.occurredAt()));
    }

    private static Decision serviceNote(RecordServiceNote c, Policy policy, int rulesVersion) {
        if (blank(c.text())) {
            return reject("INVALID_COMMAND", "the note text is required");
        }
        List<RiskSignal> signals = DeciderRules.negationAwareNoteSignals(rulesVersion)
                ? NoteSignalReader.read(c.text(), policy.signalLexicon())
                : RiskSignalExtractor.extract(c.text(), policy.signalLexicon());
        return accept(new ServiceNoteRecorded(c.text(), c.channel(), signals, c.occurredAt()));
    }
}
