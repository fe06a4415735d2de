package com.uplift.domain.creditline;

import com.uplift.domain.Rejection;
import com.uplift.domain.creditline.CreditLineCommand.OpenCreditLine;
import com.uplift.domain.creditline.CreditLineCommand.ReassessOverTime;
import com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport;
import com.uplift.domain.creditline.CreditLineCommand.RecordDrawdown;
import com.uplift.domain.creditline.CreditLineCommand.RecordMissedPayment;
import com.uplift.domain.creditline.CreditLineCommand.RecordRepayment;
import com.uplift.domain.creditline.CreditLineCommand.RecordServiceNote;
import com.uplift.domain.creditline.CreditLineCommand.ReportAssetChange;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ReviewIncrease;
import com.uplift.domain.creditline.CreditLineCommand.VerifyIncome;
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
import com.uplift.domain.creditline.CreditLineState.ActiveWarning;
import com.uplift.domain.creditline.CreditLineState.IncreaseBook;
import com.uplift.domain.creditline.CreditLineState.IncreaseRequest;
import com.uplift.domain.creditline.CreditLineState.Review;
import com.uplift.domain.creditline.CreditLineState.RiskStatus;
import com.uplift.domain.history.CreditFacts;
import com.uplift.domain.history.CreditHistory;
import com.uplift.domain.history.ScorePoint;
import com.uplift.domain.increase.IncreaseEligibility;
import com.uplift.domain.increase.IncreaseOutcome;
import com.uplift.domain.increase.IncreaseSizer;
import com.uplift.domain.increase.IncreaseVerdict;
import com.uplift.domain.increase.RuleEffect;
import com.uplift.domain.increase.RuleResult;
import com.uplift.domain.increase.RuleStatus;
import com.uplift.domain.policy.IncreaseRules;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.PolicyVersion;
import com.uplift.domain.policy.Severity;
import com.uplift.domain.policy.StrategyAssignment;
import com.uplift.domain.risk.RiskAssessment;
import com.uplift.domain.risk.RiskAssessor;
import com.uplift.domain.risk.RiskInputs;
import com.uplift.domain.signals.RiskSignal;
import com.uplift.domain.signals.RiskSignalExtractor;
import com.uplift.domain.warning.EarlyWarnings;
import com.uplift.domain.warning.WarningFlag;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The credit line's decider: pure functions from (command, state, policy) to events, and from (state, event) to state.
 * <p>
 * Deciding has two steps. The command's own events come first (a repayment, an increase decision...). Then their
 * consequences, derived from the state those events produce: a re-assessment when a risk input changed
 * ({@link RiskAssessed}, and {@link PricingTierChanged} if the grade moved), and the early-warning flags raised or
 * cleared. Everything a projection or an auditor needs is therefore an event; replay never recomputes a score.
 */
public final class CreditLineDecider {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    /** Long enough for any score-drop window in a policy; older points are dropped while folding. */
    private static final Duration SCORE_MEMORY = Duration.ofDays(400);

    private CreditLineDecider() {
    }

    public static CreditLineState initialState() {
        return CreditLineState.INITIAL;
    }

    public static Decision decide(CreditLineCommand command, CreditLineState state, PolicyVersion policy) {
        if (command.occurredAt() == null) {
            return reject("INVALID_COMMAND", "occurredAt is required");
        }
        if (!(command instanceof OpenCreditLine) && !state.opened()) {
            return reject("NOT_OPEN", "the credit line has not been opened");
        }
        Decision decision = switch (command) {
            case OpenCreditLine c -> open(c, state, policy.rules());
            case RecordDrawdown c -> drawdown(c, state, policy.rules());
            case RecordRepayment c -> repayment(c, state, policy.rules());
            case RecordMissedPayment c -> missedPayment(c, state, policy.rules());
            case ReportDelinquency c -> delinquency(c, state, policy.rules());
            case VerifyIncome c -> income(c, policy.rules());
            case ReportAssetChange c -> assetChange(c);
            case ReceiveBureauReport c -> bureauReport(c, policy.rules());
            case RecordServiceNote c -> serviceNote(c, policy.rules());
            case RequestLimitIncrease c -> requestIncrease(c, state, policy);
            case ReviewIncrease c -> reviewIncrease(c, state, policy);
            case ReassessOverTime c -> state.opened()
                    ? new Decision.Accepted(List.of(new TimeElapsed(RiskInputs.businessDate(c.occurredAt(), policy.rules()), c.occurredAt())))
                    : reject("NOT_OPEN", "no credit line here yet");
        };
        return switch (decision) {
            case Decision.Accepted accepted -> {
                List<CreditLineEvent> all = withConsequences(state, accepted.events(), policy, command.occurredAt());
                // the passing of time alone is recorded only when it changed something
                yield command instanceof ReassessOverTime && nothingChangedBy(state, all)
                        ? new Decision.Accepted(List.of()) : new Decision.Accepted(all);
            }
            case Decision.Rejected rejected -> rejected;
        };
    }

    public static CreditLineState evolve(CreditLineState state, CreditLineEvent event) {
        return switch (event) {
            case CreditLineOpened e -> new CreditLineState(true, e.creditLineId(), e.borrowerId(), e.productCode(),
                    e.currency(), e.segment(), e.initialLimit(), ZERO, e.openedOn(), CreditHistory.EMPTY,
                    RiskStatus.NONE, new TreeMap<>(), IncreaseBook.EMPTY);
            case DrawdownRecorded e -> state.withDrawn(e.drawnAfter());
            case TimeElapsed e -> state; // what time changed is in the re-assessment and warnings that follow
            case RepaymentRecorded e -> state.withDrawn(e.drawnAfter()).withHistory(state.history().withRepayment(
                    new CreditHistory.Repayment(e.dueDate(), e.paidOn(), e.amount(), e.daysLate()), e.occurredAt()));
            case PaymentMissed e -> state.withHistory(state.history().withMissedPayment(
                    new CreditHistory.MissedPayment(e.dueDate(), e.amountDue(), e.amountDue()), e.occurredAt()));
            case DelinquencyReported e -> state.withHistory(state.history().withDelinquencyReport(
                    new CreditHistory.DelinquencyReport(e.daysPastDue(), e.asOf()), e.occurredAt()));
            case DelinquencyCured e -> state.withHistory(state.history().cured(e.curedOn(), e.daysPastDueBefore(), e.occurredAt()));
            case IncomeVerified e -> state.withHistory(state.history().withIncome(
                    new CreditHistory.IncomeRecord(e.period(), e.monthlyIncome(), e.source(), e.occurredAt()), e.occurredAt()));
            case AssetChangeReported e -> state.withHistory(state.history().withAsset(
                    new CreditHistory.AssetRecord(e.occurredAt(), e.kind(), e.direction(), e.estimatedValue()), e.occurredAt()));
            case BureauReportReceived e -> state.withHistory(state.history().withBureau(new CreditHistory.BureauRecord(
                    e.bureau(), e.reportId(), e.score(), e.negativeRecords(), e.pulledAt(), e.occurredAt())));
            case ServiceNoteRecorded e -> state.withHistory(state.history().withNoteSignals(e.signals().stream()
                    .map(RiskSignal::code).distinct().map(code -> new CreditHistory.NoteSignal(e.occurredAt(), code)).toList(),
                    e.occurredAt()));
            case RiskAssessed e -> state.withRisk(scored(state.risk(), e.assessment(), e.occurredAt()));
            case PricingTierChanged e -> state.withRisk(new RiskStatus(state.risk().score(), e.grade(), e.aprPercent(),
                    state.risk().recentScores()));
            case WarningRaised e -> {
                SortedMap<String, ActiveWarning> warnings = new TreeMap<>(state.warnings());
                warnings.put(e.flag(), new ActiveWarning(e.flag(), e.severity(), e.detail(), e.occurredAt()));
                yield state.withWarnings(warnings);
            }
            case WarningCleared e -> {
                SortedMap<String, ActiveWarning> warnings = new TreeMap<>(state.warnings());
                warnings.remove(e.flag());
                yield state.withWarnings(warnings);
            }
            case IncreaseDecided e -> state.withIncreases(withRequest(state.increases(), new IncreaseRequest(
                    e.requestId(), e.requestedBy(), e.channel(), e.requestedLimit(), e.proposedLimit(),
                    e.sizing() == null ? null : e.sizing().productMax(), e.borrowerOtherLimits(), e.reviewLevelsRequired(), List.of(),
                    switch (e.outcome()) {
                        case APPROVED -> IncreaseStatus.APPROVED;
                        case REFERRED -> IncreaseStatus.PENDING;
                        case DECLINED -> IncreaseStatus.DECLINED;
                    })));
            case IncreaseReviewed e -> state.withIncreases(withReview(state.increases(), e));
            case CreditLimitChanged e -> state.withLimit(e.newLimit()).withIncreases(new IncreaseBook(
                    state.increases().requests(),
                    e.newLimit().compareTo(e.oldLimit()) > 0 ? e.occurredAt() : state.increases().lastIncreaseAt()));
        };
    }

    // ---------------------------------------------------------------- the commands' own events

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

    private static Decision drawdown(RecordDrawdown c, CreditLineState state, Policy policy) {
        if (!positive(c.amount())) {
            return reject("INVALID_AMOUNT", "the drawdown amount must be positive");
        }
        BigDecimal amount = money(c.amount());
        List<String> severe = flagsNow(state, policy, c.occurredAt()).values().stream()
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

    private static Decision repayment(RecordRepayment c, CreditLineState state, Policy policy) {
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
        int dpdBefore = state.history().daysPastDueOn(today);
        // A repayment that pays off the recorded arrears cures the delinquency. Where servicing reported days past
        // due without amounts, nothing says how much is owed: any payment would "cure" it (a 0.01 payment would lift
        // a SEVERE freeze), so only servicing's own report of 0 days cures that.
        boolean servicingReportsLate = state.history().delinquency() != null && state.history().delinquency().daysPastDue() > 0;
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

    private static Decision delinquency(ReportDelinquency c, CreditLineState state, Policy policy) {
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
        int dpdBefore = state.history().daysPastDueOn(today);
        if (c.daysPastDue() == 0 && (dpdBefore > 0 || state.history().arrears().signum() > 0)) {
            events.add(new DelinquencyCured(c.asOf(), dpdBefore, "SERVICING_REPORT", c.occurredAt()));
        }
        return new Decision.Accepted(events);
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

    private static Decision assetChange(ReportAssetChange c) {
        if (!positive(c.estimatedValue())) {
            return reject("INVALID_AMOUNT", "the estimated value must be positive");
        }
        if (c.kind() == null || c.direction() == null) {
            return reject("INVALID_COMMAND", "kind and direction are required");
        }
        return accept(new AssetChangeReported(c.kind(), c.direction(), money(c.estimatedValue()), c.occurredAt()));
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

    private static Decision serviceNote(RecordServiceNote c, Policy policy) {
        if (blank(c.text())) {
            return reject("INVALID_COMMAND", "the note text is required");
        }
        List<RiskSignal> signals = RiskSignalExtractor.extract(c.text(), policy.signalLexicon());
        return accept(new ServiceNoteRecorded(c.text(), c.channel(), signals, c.occurredAt()));
    }

    /** The increase rules with the product maximum reduced by the borrower's other lines (never below 0). */
    static IncreaseRules perBorrower(IncreaseRules rules, BigDecimal otherLimits) {
        if (otherLimits == null || otherLimits.signum() <= 0) {
            return rules;
        }
        BigDecimal remaining = rules.productMaxLimit().subtract(otherLimits).max(ZERO);
        return new IncreaseRules(rules.minScore(), rules.minMonthsOnBook(), rules.coolingOffDays(), rules.minIncreasePct(),
                rules.maxIncreasePct(), rules.scoreAtMinPct(), rules.scoreAtMaxPct(), rules.affordabilityMultiple(),
                remaining, rules.roundingUnit(), rules.autoApproveCeiling(), rules.level1Ceiling());
    }

    private static Decision requestIncrease(RequestLimitIncrease c, CreditLineState state, PolicyVersion version) {
        Policy policy = version.rules();
        if (blank(c.requestId()) || blank(c.requestedBy()) || blank(c.channel())) {
            return reject("INVALID_COMMAND", "requestId, channel and requestedBy are required");
        }
        if (state.increases().requests().containsKey(c.requestId())) {
            return reject("DUPLICATE_REQUEST", "request " + c.requestId() + " was already decided");
        }
        if (!state.increases().pending().isEmpty()) {
            return reject("INCREASE_ALREADY_PENDING", "request " + state.increases().pending().get(0).requestId()
                    + " is still under review");
        }
        BigDecimal requested = c.requestedLimit() == null ? null : money(c.requestedLimit());
        if (requested != null && requested.compareTo(state.limit()) <= 0) {
            return reject("REQUESTED_LIMIT_NOT_HIGHER", "requested " + requested + " is not above the current limit " + state.limit());
        }
        LocalDate today = RiskInputs.businessDate(c.occurredAt(), policy);
        CreditFacts facts = state.facts();
        RiskInputs in = RiskInputs.measure(facts, policy, today);
        RiskAssessment assessment = RiskAssessor.assess(in, policy);
        SortedMap<String, WarningFlag> flags = EarlyWarnings.evaluate(facts, in, policy, c.occurredAt());
        // The product maximum caps a borrower, not a line: what their other lines hold is not available here.
        IncreaseRules rules = perBorrower(policy.increaseFor(state.segment()), c.borrowerOtherLimits());
        IncreaseVerdict verdict = IncreaseEligibility.evaluate(facts, requested, in, assessment, flags.values(), rules,
                c.occurredAt());

        BigDecimal newLimit = verdict.outcome() == IncreaseOutcome.APPROVED ? verdict.proposedLimit() : null;
        List<CreditLineEvent> events = new ArrayList<>();
        events.add(new IncreaseDecided(c.requestId(), c.channel(), c.requestedBy(), requested, verdict.outcome(),
                state.limit(), newLimit, verdict.proposedLimit(), verdict.sizing(), verdict.reviewLevelsRequired(),
                assessment, verdict.rules(), List.copyOf(flags.keySet()), verdict.reasons(), state.segment(),
                (version.arm() != null ? version.arm() : StrategyAssignment.assign(state.creditLineId(), policy.championChallenger())).name(),
                c.borrowerOtherLimits() == null ? null : money(c.borrowerOtherLimits()),
                version.version(), version.contentHash(), c.occurredAt()));
        if (newLimit != null) {
            events.add(new CreditLimitChanged(state.limit(), newLimit, c.requestId(), "AUTOMATIC_INCREASE",
                    version.version(), version.contentHash(), c.occurredAt()));
        }
        return new Decision.Accepted(events);
    }

    /**
     * 多层级审核 with four-eyes: the maker never checks, nobody reviews twice, levels go in order, and the amount
     * approved decides how many levels are needed.
     */
    private static Decision reviewIncrease(ReviewIncrease c, CreditLineState state, PolicyVersion version) {
        Policy policy = version.rules();
        if (blank(c.requestId()) || blank(c.reviewer()) || c.outcome() == null) {
            return reject("INVALID_COMMAND", "requestId, reviewer and outcome are required");
        }
        IncreaseRequest request = state.increases().requests().get(c.requestId());
        if (request == null) {
            return reject("REQUEST_NOT_FOUND", "no increase request " + c.requestId());
        }
        if (request.status() != IncreaseStatus.PENDING) {
            return reject("REQUEST_NOT_PENDING", "request " + c.requestId() + " is " + request.status());
        }
        if (c.level() != request.nextLevel()) {
            return reject("WRONG_REVIEW_LEVEL", "request " + c.requestId() + " awaits level " + request.nextLevel()
                    + ", not " + c.level());
        }
        if (c.reviewer().equals(request.requestedBy())) {
            return reject("SELF_REVIEW", c.reviewer() + " made the request and cannot review it");
        }
        if (request.reviewedBy(c.reviewer())) {
            return reject("ALREADY_REVIEWED", c.reviewer() + " already reviewed request " + c.requestId());
        }
        if (c.outcome() == ReviewOutcome.DECLINE) {
            if (blank(c.comment())) {
                return reject("COMMENT_REQUIRED", "a decline must say why");
            }
            RiskAssessment seen = RiskAssessor.assess(state.facts(), version.rules(), RiskInputs.businessDate(c.occurredAt(), version.rules()));
            return accept(new IncreaseReviewed(c.requestId(), c.reviewer(), c.level(), c.outcome(), null, c.comment(),
                    request.requestedBy(), IncreaseStatus.DECLINED, null, List.of("DECLINED_AT_LEVEL_" + c.level()),
                    seen, List.of(), version.version(), version.contentHash(), c.occurredAt()));
        }
        return approveAtLevel(c, state, request, version);
    }

    private static Decision approveAtLevel(ReviewIncrease c, CreditLineState state, IncreaseRequest request,
                                           PolicyVersion version) {
        Policy policy = version.rules();
        IncreaseRules rules = policy.increaseFor(state.segment());
        BigDecimal previous = request.reviews().isEmpty() ? request.proposedLimit()
                : request.reviews().get(request.reviews().size() - 1).approvedLimit();
        BigDecimal limit = c.approvedLimit() != null ? money(c.approvedLimit()) : previous;
        if (limit == null) {
            return reject("APPROVED_LIMIT_REQUIRED", "the request could not be sized: the reviewer must name the limit");
        }
        if (limit.compareTo(state.limit()) <= 0) {
            return reject("INVALID_APPROVED_LIMIT", "approved " + limit + " is not above the current limit " + state.limit());
        }
        if (limit.compareTo(IncreaseSizer.roundDown(limit, rules.roundingUnit())) != 0) {
            return reject("INVALID_APPROVED_LIMIT", "approved " + limit + " is not a multiple of " + rules.roundingUnit());
        }
        if (limit.compareTo(rules.productMaxLimit()) > 0) {
            return reject("ABOVE_PRODUCT_MAX", "approved " + limit + " exceeds the product maximum " + rules.productMaxLimit());
        }
        BigDecimal borrowerMax = money(perBorrower(rules, request.borrowerOtherLimits()).productMaxLimit());
        if (limit.compareTo(borrowerMax) > 0) {
            return reject("ABOVE_BORROWER_MAX", "approved " + limit + " exceeds " + borrowerMax
                    + ": the product maximum less the borrower's other lines");
        }
        if (request.maxLimit() != null && limit.compareTo(request.maxLimit()) > 0) {
            return reject("ABOVE_BORROWER_MAX", "approved " + limit + " exceeds " + request.maxLimit()
                    + ": the product maximum less the borrower's other lines");
        }
        if (request.requestedLimit() != null && limit.compareTo(request.requestedLimit()) > 0) {
            return reject("ABOVE_REQUESTED", "approved " + limit + " exceeds the " + request.requestedLimit() + " the borrower asked for");
        }
        // a reviewer may size differently from the model, but never beyond what verified income can carry
        LocalDate reviewDay = RiskInputs.businessDate(c.occurredAt(), policy);
        RiskInputs in = RiskInputs.measure(state.facts(), policy, reviewDay);
        if (!in.usable(RiskInputs.INCOME)) {
            return reject("AFFORDABILITY_UNKNOWN", "verify the borrower's income before approving: "
                    + in.dataQuality().stream().filter(i -> i.input().equals(RiskInputs.INCOME)).map(i -> i.problem() + " " + i.detail()).toList());
        }
        // The pilot's rules bind reviewers too: no approval below the minimum score, on a knock-out, or without a
        // usable bureau report (a referral for stale data is resolved by refreshing it, not by waving it through).
        if (!in.usable(RiskInputs.BUREAU_REPORT)) {
            return reject("BUREAU_REPORT_REQUIRED", "attach a current bureau report before approving: "
                    + in.dataQuality().stream().filter(i -> i.input().equals(RiskInputs.BUREAU_REPORT)).map(i -> i.problem() + " " + i.detail()).toList());
        }
        RiskAssessment now = RiskAssessor.assess(in, policy);
        if (!now.knockOuts().isEmpty() || now.score() < rules.minScore()) {
            return reject("NO_LONGER_ELIGIBLE", "score " + now.score() + " (minimum " + rules.minScore() + ")"
                    + (now.knockOuts().isEmpty() ? "" : ", knock-outs " + now.knockOuts()) + ": decline instead");
        }
        BigDecimal affordability = rules.affordabilityMultiple().multiply(in.affordabilityIncome());
        if (limit.compareTo(affordability) > 0) {
            return reject("ABOVE_AFFORDABILITY", "approved " + limit + " exceeds " + rules.affordabilityMultiple()
                    + " x verified monthly income = " + affordability.setScale(2, RoundingMode.HALF_EVEN));
        }
        if (!request.reviews().isEmpty() && limit.compareTo(previous) > 0) {
            return reject("ABOVE_PREVIOUS_APPROVAL", "level " + c.level() + " cannot approve more than level "
                    + (c.level() - 1) + " did (" + previous + ")");
        }
        List<String> blocking = flagsNow(state, policy, c.occurredAt()).values().stream()
                .filter(f -> f.severity().atLeast(Severity.WARNING)).map(WarningFlag::flag).toList();
        if (!blocking.isEmpty() || in.currentDaysPastDue() > 0 || state.history().arrears().signum() > 0) {
            return reject("NO_LONGER_ELIGIBLE", "the line became past due or carries " + blocking
                    + " since the referral: decline instead");
        }
        // Everything above passed: record each rule with the values it was checked on, as the first decision does.
        List<RuleResult> checks = List.of(
                passed("APPROVED_ABOVE_CURRENT_LIMIT", limit + " > " + state.limit()),
                passed("MULTIPLE_OF_ROUNDING_UNIT", limit + " is a multiple of " + rules.roundingUnit()),
                passed("WITHIN_PRODUCT_MAX", limit + " <= " + rules.productMaxLimit()),
                passed("WITHIN_BORROWER_MAX", limit + " <= " + borrowerMax + " (other lines: "
                        + (request.borrowerOtherLimits() == null ? "unknown" : request.borrowerOtherLimits()) + ")"),
                passed("WITHIN_REQUESTED", request.requestedLimit() == null ? "no limit requested" : limit + " <= " + request.requestedLimit()),
                passed("BUREAU_REPORT_USABLE", "present and fresh"),
                passed("MIN_SCORE", "score " + now.score() + " >= " + rules.minScore()),
                passed("NO_KNOCK_OUT", "none"),
                passed("INCOME_VERIFIED", "usable"),
                passed("WITHIN_AFFORDABILITY", limit + " <= " + rules.affordabilityMultiple() + " x "
                        + in.affordabilityIncome().setScale(2, RoundingMode.HALF_EVEN) + " = " + affordability.setScale(2, RoundingMode.HALF_EVEN)),
                passed("NOT_ABOVE_PREVIOUS_APPROVAL", request.reviews().isEmpty() ? "first level" : limit + " <= " + previous),
                passed("NOT_PAST_DUE", "0 days past due, no arrears"),
                passed("NO_BLOCKING_WARNING", "no WARNING or SEVERE flag"));
        int required = Math.max(request.reviewLevelsRequired(), rules.reviewLevelsFor(limit));
        if (c.level() < required) {
            return accept(new IncreaseReviewed(c.requestId(), c.reviewer(), c.level(), c.outcome(), limit, c.comment(),
                    request.requestedBy(), IncreaseStatus.PENDING, c.level() + 1, List.of(), now, checks,
                    version.version(), version.contentHash(), c.occurredAt()));
        }
        return new Decision.Accepted(List.of(
                new IncreaseReviewed(c.requestId(), c.reviewer(), c.level(), c.outcome(), limit, c.comment(),
                        request.requestedBy(), IncreaseStatus.APPROVED, null, List.of(), now, checks,
                        version.version(), version.contentHash(), c.occurredAt()),
                new CreditLimitChanged(state.limit(), limit, c.requestId(), "REVIEWED_INCREASE",
                        version.version(), version.contentHash(), c.occurredAt())));
    }

    private static RuleResult passed(String rule, String detail) {
        return new RuleResult(rule, RuleStatus.PASS, RuleEffect.DECLINE, null, detail);
    }

    // ---------------------------------------------------------------- consequences

    /** The command's events, then the re-assessment and warning flags that follow from the state they produce. */
    private static List<CreditLineEvent> withConsequences(CreditLineState state, List<CreditLineEvent> primary,
                                                          PolicyVersion version, Instant now) {
        Policy policy = version.rules();
        List<CreditLineEvent> events = new ArrayList<>(primary);
        CreditLineState after = fold(state, primary);
        LocalDate today = RiskInputs.businessDate(now, policy);
        List<CreditLineEvent> inputs = primary.stream().filter(CreditLineDecider::changesRiskInputs).toList();
        if (!inputs.isEmpty()) {
            RiskAssessment assessment = RiskAssessor.assess(after.facts(), policy, today);
            String trigger = inputs.get(inputs.size() - 1).getClass().getSimpleName();
            List<CreditLineEvent> assessed = new ArrayList<>();
            assessed.add(new RiskAssessed(trigger, assessment, version.version(), version.contentHash(), now));
            if (!assessment.grade().equals(after.risk().grade())) {
                assessed.add(new PricingTierChanged(after.risk().grade(), after.risk().aprPercent(), assessment.grade(),
                        assessment.aprPercent(), assessment.score(), version.version(), version.contentHash(), now));
            }
            events.addAll(assessed);
            after = fold(after, assessed);
        }
        events.addAll(warningChanges(after, policy, version, now));
        return events;
    }

    private static boolean nothingChangedBy(CreditLineState before, List<CreditLineEvent> events) {
        for (CreditLineEvent event : events) {
            switch (event) {
                case RiskAssessed e -> {
                    if (!java.util.Objects.equals(before.risk().score(), e.assessment().score())) {
                        return false;
                    }
                }
                case TimeElapsed e -> {
                }
                default -> {
                    return false; // a tier change or a warning raised or cleared
                }
            }
        }
        return true;
    }

    /** Opening a line and pure bookkeeping (notes, reviews, flags) do not change what the scorecard reads. */
    private static boolean changesRiskInputs(CreditLineEvent event) {
        return switch (event) {
            case DrawdownRecorded e -> true;
            case RepaymentRecorded e -> true;
            case PaymentMissed e -> true;
            case DelinquencyReported e -> true;
            case DelinquencyCured e -> true;
            case IncomeVerified e -> true;
            case AssetChangeReported e -> true;
            case BureauReportReceived e -> true;
            case CreditLimitChanged e -> true;
            case TimeElapsed e -> true;
            case CreditLineOpened e -> false;
            case ServiceNoteRecorded e -> false;
            case RiskAssessed e -> false;
            case PricingTierChanged e -> false;
            case WarningRaised e -> false;
            case WarningCleared e -> false;
            case IncreaseDecided e -> false;
            case IncreaseReviewed e -> false;
        };
    }

    private static List<CreditLineEvent> warningChanges(CreditLineState state, Policy policy, PolicyVersion version, Instant now) {
        SortedMap<String, WarningFlag> active = flagsNow(state, policy, now);
        List<CreditLineEvent> events = new ArrayList<>();
        state.warnings().values().stream().filter(w -> !active.containsKey(w.flag())).forEach(w ->
                events.add(new WarningCleared(w.flag(), w.severity(), "condition ended", version.version(),
                        version.contentHash(), now)));
        active.values().stream().filter(f -> !state.warnings().containsKey(f.flag())).forEach(f ->
                events.add(new WarningRaised(f.flag(), f.severity(), f.detail(), version.version(),
                        version.contentHash(), now)));
        return events;
    }

    private static SortedMap<String, WarningFlag> flagsNow(CreditLineState state, Policy policy, Instant now) {
        CreditFacts facts = state.facts();
        RiskInputs in = RiskInputs.measure(facts, policy, RiskInputs.businessDate(now, policy));
        return EarlyWarnings.evaluate(facts, in, policy, now);
    }

    // ---------------------------------------------------------------- helpers

    private static CreditLineState fold(CreditLineState state, List<CreditLineEvent> events) {
        CreditLineState result = state;
        for (CreditLineEvent event : events) {
            result = evolve(result, event);
        }
        return result;
    }

    /**
     * Appends the new score, keeping only the points that can still be a window's high: reliable points not older
     * than the memory and not dominated by a later, higher-or-equal reliable score. That bounds the list by the
     * number of distinct scores (at most 101), so long histories fold in linear time, and the maximum over any window
     * ending now is unchanged. The newest point is always last, reliable or not.
     */
    private static RiskStatus scored(RiskStatus risk, RiskAssessment assessment, Instant at) {
        int score = assessment.score();
        boolean reliable = assessment.reliable();
        Instant horizon = at.minus(SCORE_MEMORY);
        List<ScorePoint> points = new ArrayList<>(risk.recentScores().stream()
                .filter(p -> p.reliable() && !p.at().isBefore(horizon))
                .filter(p -> !(reliable && p.score() <= score))
                .toList());
        points.add(new ScorePoint(at, score, reliable));
        return new RiskStatus(score, risk.grade(), risk.aprPercent(), points);
    }

    private static IncreaseBook withRequest(IncreaseBook book, IncreaseRequest request) {
        SortedMap<String, IncreaseRequest> requests = new TreeMap<>(book.requests());
        requests.put(request.requestId(), request);
        return new IncreaseBook(requests, book.lastIncreaseAt());
    }

    private static IncreaseBook withReview(IncreaseBook book, IncreaseReviewed e) {
        IncreaseRequest r = book.requests().get(e.requestId());
        List<Review> reviews = new ArrayList<>(r.reviews());
        reviews.add(new Review(e.level(), e.reviewer(), e.outcome(), e.approvedLimit()));
        int required = e.nextLevel() == null ? r.reviewLevelsRequired() : Math.max(r.reviewLevelsRequired(), e.nextLevel());
        return withRequest(book, new IncreaseRequest(r.requestId(), r.requestedBy(), r.channel(), r.requestedLimit(),
                r.proposedLimit(), r.maxLimit(), r.borrowerOtherLimits(), required, reviews, e.statusAfter()));
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }

    private static boolean positive(BigDecimal amount) {
        return amount != null && money(amount).signum() > 0;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Decision accept(CreditLineEvent event) {
        return new Decision.Accepted(List.of(event));
    }

    private static Decision reject(String code, String message) {
        return new Decision.Rejected(Rejection.of(code, message));
    }
}
