package com.uplift.domain.creditline;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.creditline.CreditLineCommand.AcceptIncreaseOffer;
import com.uplift.domain.creditline.CreditLineCommand.ClearWarning;
import com.uplift.domain.creditline.CreditLineCommand.ScanForOffer;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferAccepted;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferWithdrawn;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOffered;
import com.uplift.domain.creditline.CreditLineState.Offer;
import com.uplift.domain.creditline.CreditLineState.OfferBook;
import com.uplift.domain.creditline.CreditLineCommand.OpenCreditLine;
import com.uplift.domain.creditline.CreditLineCommand.ReassessOverTime;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ReviewDecrease;
import com.uplift.domain.creditline.CreditLineCommand.ReviewIncrease;
import com.uplift.domain.creditline.CreditLineCommand.SetTier;
import com.uplift.domain.creditline.CreditLineCommand.ServicingFact;
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
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReferralExpired;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReviewed;
import com.uplift.domain.creditline.CreditLineEvent.TierChanged;
import com.uplift.domain.creditline.CreditLineEvent.PaymentMissed;
import com.uplift.domain.creditline.CreditLineEvent.PricingTierChanged;
import com.uplift.domain.creditline.CreditLineEvent.RepaymentRecorded;
import com.uplift.domain.creditline.CreditLineEvent.RiskAssessed;
import com.uplift.domain.creditline.CreditLineEvent.ServiceNoteRecorded;
import com.uplift.domain.creditline.CreditLineEvent.TimeElapsed;
import com.uplift.domain.creditline.CreditLineEvent.WarningCleared;
import com.uplift.domain.creditline.CreditLineEvent.WarningClearedByOfficer;
import com.uplift.domain.creditline.CreditLineEvent.WarningRaised;
import com.uplift.domain.creditline.CreditLineEvent.WriteOffRecorded;
import com.uplift.domain.creditline.CreditLineState.ActiveWarning;
import com.uplift.domain.creditline.CreditLineState.DecreaseBook;
import com.uplift.domain.creditline.CreditLineState.PendingDecrease;
import com.uplift.domain.creditline.CreditLineState.IncreaseBook;
import com.uplift.domain.creditline.CreditLineState.IncreaseRequest;
import com.uplift.domain.creditline.CreditLineState.Review;
import com.uplift.domain.creditline.CreditLineState.RiskStatus;
import com.uplift.domain.decrease.DecreaseOutcome;
import com.uplift.domain.decrease.DecreaseStatus;
import com.uplift.domain.history.CreditHistory;
import com.uplift.domain.history.ScorePoint;
import com.uplift.domain.policy.PolicyVersion;
import com.uplift.domain.risk.RiskAssessment;
import com.uplift.domain.signals.RiskSignal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The credit line's decider: pure functions from (command, state, policy, rules version) to events, and from
 * (state, event) to state. The application and the audit call it; each concern has a decider of its own, with the same
 * shape ({@code decide(command, state, basis)}):
 * <ul>
 *     <li>{@link ServicingFacts}: the servicing facts' own events (opening, ledger, income, assets, bureau, notes, time);</li>
 *     <li>{@link IncreaseRequests}: the first decision on a limit-increase request;</li>
 *     <li>{@link IncreaseReviews}: reviews of referred requests;</li>
 *     <li>{@link WarningClearances}: a senior risk officer clearing a note's warning flag by hand;</li>
 *     <li>{@link DecreaseReviews}: reviews of referred limit decreases (rules v5);</li>
 *     <li>{@link TierSettings}: operations setting a line's tier by hand (rules v5);</li>
 *     <li>{@link Consequences}: what follows from any command's own events (re-assessment, pricing, warnings, and
 *     from rules v5 the tier move and the limit decrease, {@link Deterioration}).</li>
 * </ul>
 * Everything a projection or an auditor needs is an event; replay never recomputes a score.
 */
public final class CreditLineDecider {

    private CreditLineDecider() {
    }

    public static CreditLineState initialState() {
        return CreditLineState.INITIAL;
    }

    /** Decides under the rules of this build ({@link DeciderRules#CURRENT}): what the service does with a new command. */
    public static Decision decide(CreditLineCommand command, CreditLineState state, PolicyVersion policy) {
        return decide(command, state, policy, DeciderRules.CURRENT);
    }

    /**
     * Decides under a given rules version: re-verification re-decides a recorded command under the rules it was
     * decided with. Only versions this build carries can be asked for ({@link DeciderRules#canDecide(int)}).
     */
    public static Decision decide(CreditLineCommand command, CreditLineState state, PolicyVersion policy, int rulesVersion) {
        if (!DeciderRules.canDecide(rulesVersion)) {
            throw new IllegalArgumentException("this build cannot decide under rules v" + rulesVersion + " (it knows v"
                    + DeciderRules.OLDEST_SUPPORTED + " to v" + DeciderRules.CURRENT + ")");
        }
        if (command.occurredAt() == null) {
            return Decision.reject("INVALID_COMMAND", "occurredAt is required");
        }
        if (!(command instanceof OpenCreditLine) && !state.opened()) {
            return Decision.reject("NOT_OPEN", "the credit line has not been opened");
        }
        DecisionBasis basis = new DecisionBasis(policy, rulesVersion);
        Decision decision = switch (command) {
            case ServicingFact c -> ServicingFacts.decide(c, state, basis);
            case RequestLimitIncrease c -> IncreaseRequests.decide(c, state, basis);
            case ReviewIncrease c -> IncreaseReviews.decide(c, state, basis);
            case ClearWarning c -> WarningClearances.decide(c, state, basis);
            case ReviewDecrease c -> DecreaseReviews.decide(c, state, basis);
            case SetTier c -> TierSettings.decide(c, state, basis);
            case ScanForOffer c -> IncreaseOffers.scan(c, state, basis);
            case AcceptIncreaseOffer c -> IncreaseOffers.accept(c, state, basis);
        };
        if (command instanceof ScanForOffer) {
            // an offer changes no risk input and no warning: nothing follows from it (and a scan that offers nothing
            // records nothing, so a batch never starts with a consequence no command produces first)
            return decision;
        }
        return switch (decision) {
            case Decision.Accepted accepted -> {
                List<CreditLineEvent> all = Consequences.follow(state, accepted.events(), basis, command.occurredAt());
                // the passing of time alone is recorded only when it changed something
                yield command instanceof ReassessOverTime && Consequences.nothingChangedBy(state, all)
                        ? new Decision.Accepted(List.of()) : new Decision.Accepted(all);
            }
            case Decision.Rejected rejected -> rejected;
        };
    }

    /**
     * The policy version a command must be decided under when it is not the line's current one: a review of the
     * referred decrease is decided under the policy the decrease was decided under (its cooling-off and the rest of its
     * {@code decreases} section), not under one a challenger, promotion or new champion put the line under meanwhile,
     * which may set other terms or have no {@code decreases} section at all. Empty: the line's current policy.
     */
    public static OptionalInt policyVersionToDecide(CreditLineCommand command, CreditLineState state) {
        PendingDecrease pending = state.decreases().pending();
        return command instanceof ReviewDecrease review && pending != null
                && pending.decreaseId().equals(review.decreaseId())
                ? OptionalInt.of(pending.policyVersion()) : OptionalInt.empty();
    }

    public static CreditLineState evolve(CreditLineState state, CreditLineEvent event) {
        CreditLineState next = evolveFact(state, event);
        // a live offer remembers every material change after it: its acceptance is honoured only without one
        return next.offers().offers().isEmpty() || !OfferMateriality.isMaterial(event) ? next
                : next.withOffers(withMaterialChange(next.offers(), event.getClass().getSimpleName()));
    }

    private static CreditLineState evolveFact(CreditLineState state, CreditLineEvent event) {
        return switch (event) {
            case CreditLineOpened e -> new CreditLineState(true, e.creditLineId(), e.borrowerId(), e.productCode(),
                    e.currency(), e.segment(), e.initialLimit(), CommandValues.ZERO, e.openedOn(), CreditHistory.EMPTY,
                    RiskStatus.NONE, new TreeMap<>(), IncreaseBook.EMPTY);
            case DrawdownRecorded e -> state.withDrawn(e.drawnAfter());
            case WriteOffRecorded e -> state.withWriteOff(new CreditLineState.WriteOff(e.amount(), e.writtenOffOn()));
            case TimeElapsed e -> state; // what time changed is in the re-assessment and warnings that follow
            case RepaymentRecorded e -> state.withDrawn(e.drawnAfter()).withHistory(state.history().withRepayment(
                    new CreditHistory.Repayment(e.dueDate(), e.paidOn(), e.amount(), e.daysLate()), e.occurredAt()));
            case PaymentMissed e -> state.withHistory(state.history().withMissedPayment(
                    new CreditHistory.MissedPayment(e.dueDate(), e.amountDue(), e.amountDue()), e.occurredAt()));
            case DelinquencyReported e -> state.withHistory(state.history().withDelinquencyReport(
                    new CreditHistory.DelinquencyReport(e.daysPastDue(), e.asOf()), e.occurredAt()));
            case DelinquencyCured e -> state.withHistory(state.history().cured(e.curedOn(), e.daysPastDueBefore(),
                    "SERVICING_REPORT".equals(e.cause()), e.occurredAt()));
            case IncomeVerified e -> state.withHistory(state.history().withIncome(
                    new CreditHistory.IncomeRecord(e.period(), e.monthlyIncome(), e.source(), e.occurredAt()), e.occurredAt()));
            case AssetChangeReported e -> state.withHistory(state.history().withAsset(
                    new CreditHistory.AssetRecord(e.occurredAt(), e.kind(), e.direction(), e.estimatedValue(), e.changedOn()),
                    e.occurredAt()));
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
            case WarningClearedByOfficer e -> {
                SortedMap<String, ActiveWarning> warnings = new TreeMap<>(state.warnings());
                warnings.remove(e.flag());
                // the notes' evidence was disproved or is over: it no longer counts towards any flag
                yield state.withWarnings(warnings).withHistory(state.history().withoutNoteSignal(e.signal()));
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
            case LimitDecreaseDecided e -> state.withDecreases(decided(state.decreases(), e));
            case LimitDecreaseReviewed e -> state.withDecreases(reviewed(state.decreases(), e));
            case LimitDecreaseReferralExpired e -> state.withDecreases(expired(state.decreases(), e));
            case TierChanged e -> state.withTier(e.toTier(),
                    TierChanged.BY_HAND.equals(e.cause()) ? e.occurredAt() : state.tierSetByHandAt());
            case IncreaseOffered e -> state.withOffers(state.offers().with(IncreaseOffers.offered(e)));
            case IncreaseOfferWithdrawn e -> state.withOffers(state.offers().with(
                    state.offers().offers().get(e.offerId()).withStatus(OfferStatus.WITHDRAWN, e.scanRunId())));
            case IncreaseOfferAccepted e -> state.withOffers(state.offers().with(
                    state.offers().offers().get(e.offerId()).withStatus(OfferStatus.ACCEPTED, null)));
        };
    }

    private static OfferBook withMaterialChange(OfferBook book, String change) {
        OfferBook next = book;
        for (Offer offer : book.offers().values()) {
            if (offer.status() == OfferStatus.LIVE) {
                next = next.with(offer.withMaterialChange(change));
            }
        }
        return next;
    }

    // ---------------------------------------------------------------- helpers

    static CreditLineState fold(CreditLineState state, List<CreditLineEvent> events) {
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
        Instant horizon = at.minus(DeciderRules.SCORE_MEMORY);
        List<ScorePoint> points = new ArrayList<>(risk.recentScores().stream()
                .filter(p -> p.reliable() && !p.at().isBefore(horizon))
                .filter(p -> !(reliable && p.score() <= score))
                .toList());
        points.add(new ScorePoint(at, score, reliable));
        return new RiskStatus(score, risk.grade(), risk.aprPercent(), points);
    }

    private static DecreaseBook decided(DecreaseBook book, LimitDecreaseDecided e) {
        return e.outcome() == DecreaseOutcome.REFERRED
                ? new DecreaseBook(book.decided() + 1, new PendingDecrease(e.decreaseId(), e.oldLimit(),
                e.proposedLimit(), e.reviewLevelsRequired(), List.of(), e.occurredAt(), e.policyVersion()),
                book.increasesFrozenUntil(),
                book.nextDecreaseNotBefore())
                : new DecreaseBook(book.decided() + 1, null, e.increasesFrozenUntil(), e.increasesFrozenUntil());
    }

    private static DecreaseBook reviewed(DecreaseBook book, LimitDecreaseReviewed e) {
        PendingDecrease p = book.pending();
        List<Review> reviews = new ArrayList<>(p.reviews());
        reviews.add(new Review(e.level(), e.reviewer(), e.outcome(), e.approvedLimit()));
        return switch (e.statusAfter()) {
            case PENDING -> new DecreaseBook(book.decided(), new PendingDecrease(p.decreaseId(), p.oldLimit(),
                    p.proposedLimit(), p.reviewLevelsRequired(), reviews, p.referredAt(), p.policyVersion()),
                    book.increasesFrozenUntil(),
                    book.nextDecreaseNotBefore());
            case APPLIED -> new DecreaseBook(book.decided(), null, e.increasesFrozenUntil(), e.nextDecreaseNotBefore());
            case DECLINED, LAPSED -> new DecreaseBook(book.decided(), null, book.increasesFrozenUntil(), e.nextDecreaseNotBefore());
        };
    }

    private static DecreaseBook expired(DecreaseBook book, LimitDecreaseReferralExpired e) {
        return new DecreaseBook(book.decided(), null,
                e.statusAfter() == DecreaseStatus.APPLIED ? e.increasesFrozenUntil() : book.increasesFrozenUntil(),
                e.nextDecreaseNotBefore());
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
}
