package com.uplift.domain.creditline;

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
import com.uplift.domain.DeciderRules;
import com.uplift.domain.history.CreditFacts;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.risk.RiskAssessment;
import com.uplift.domain.risk.RiskAssessor;
import com.uplift.domain.risk.RiskInputs;
import com.uplift.domain.warning.EarlyWarnings;
import com.uplift.domain.warning.WarningFlag;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * What follows from a command's own events, derived from the state they produce: a re-assessment when a risk input
 * changed ({@link RiskAssessed}, and {@link PricingTierChanged} if the grade moved), then the early-warning flags
 * raised or cleared. Everything a projection or an auditor needs is therefore an event; replay never recomputes a
 * score.
 */
final class Consequences {

    private Consequences() {
    }

    /**
     * The command's events, then the re-assessment and warning flags that follow from the state they produce; from
     * rules v5 then the tier the line's behaviour earns (after a re-assessment) and a limit decrease when the policy's
     * triggers hold. A decrease applied changes utilization, so the line is re-assessed and re-flagged on its new
     * limit in the same batch, as after any limit change.
     */
    static List<CreditLineEvent> follow(CreditLineState state, List<CreditLineEvent> primary, DecisionBasis basis,
                                        Instant now) {
        List<CreditLineEvent> events = reassessed(state, primary, basis, now);
        if (!DeciderRules.limitsDecreaseOnDeterioration(basis.rulesVersion())) {
            return events;
        }
        CreditLineState after = CreditLineDecider.fold(state, events);
        if (events.stream().anyMatch(RiskAssessed.class::isInstance)) {
            List<CreditLineEvent> moved = Deterioration.tierMove(after, basis, now);
            events.addAll(moved);
            after = CreditLineDecider.fold(after, moved);
        }
        // a referral whose review window passed is concluded first: while it waits no new decrease is proposed
        List<CreditLineEvent> expired = Deterioration.expireReferral(after, basis, now);
        if (!expired.isEmpty()) {
            List<CreditLineEvent> concluded = reassessed(after, expired, basis, now);
            events.addAll(concluded);
            after = CreditLineDecider.fold(after, concluded);
        }
        List<CreditLineEvent> decreased = Deterioration.decrease(after, basis, now);
        if (!decreased.isEmpty()) {
            events.addAll(reassessed(after, decreased, basis, now));
        }
        return events;
    }

    /** The events, then the re-assessment and warning flags that follow from the state they produce. */
    private static List<CreditLineEvent> reassessed(CreditLineState state, List<CreditLineEvent> primary,
                                                    DecisionBasis basis, Instant now) {
        Policy policy = basis.policy();
        List<CreditLineEvent> events = new ArrayList<>(primary);
        CreditLineState after = CreditLineDecider.fold(state, primary);
        LocalDate today = RiskInputs.businessDate(now, policy);
        List<CreditLineEvent> inputs = primary.stream().filter(Consequences::changesRiskInputs).toList();
        RiskInputs measured = null;
        CreditFacts measuredFacts = null;
        if (!inputs.isEmpty()) {
            measuredFacts = after.facts();
            measured = RiskInputs.measure(measuredFacts, policy, today, basis.rulesVersion());
            RiskAssessment assessment = RiskAssessor.assess(measured, policy);
            String trigger = inputs.get(inputs.size() - 1).getClass().getSimpleName();
            List<CreditLineEvent> assessed = new ArrayList<>();
            assessed.add(new RiskAssessed(trigger, assessment, basis.policyNumber(), basis.policyHash(),
                    basis.rulesVersion(), now));
            if (repriced(assessment, after, basis.rulesVersion())) {
                assessed.add(new PricingTierChanged(after.risk().grade(), after.risk().aprPercent(), assessment.grade(),
                        assessment.aprPercent(), assessment.score(), basis.policyNumber(), basis.policyHash(),
                        basis.rulesVersion(), whyRepriced(assessment, after, trigger, basis.rulesVersion()), now));
            }
            events.addAll(assessed);
            after = CreditLineDecider.fold(after, assessed);
        }
        // the flags read the same measures as the assessment when its events left the measured facts as they were
        // (they record a score and a price, not a fact): measuring the same facts on the same day twice was a fifth of
        // re-deciding. facts() is a new record on every call and the score just recorded is among them, so the test is
        // on what the measure reads, not on the record (it compared records by identity and never held).
        CreditFacts flagFacts = after.facts();
        RiskInputs flagInputs = measured != null && RiskInputs.measuresAlike(measuredFacts, flagFacts) ? measured
                : RiskInputs.measure(flagFacts, policy, today, basis.rulesVersion());
        events.addAll(warningChanges(after, flagInputs, basis, now));
        return events;
    }

    /**
     * Whether the assessment moves the price. Under rules v1 and v2 any change of grade did, so a report going stale
     * (its characteristic scored zero) repriced A to C and a new line's first drawdown, on no data, priced grade E.
     * From rules v3 the price follows evidence only: an assessment with a missing, stale or contradictory input is
     * recorded (and refers or flags) but leaves the price in force, so a line without enough data keeps its opening
     * price until an assessment on fresh inputs grades it.
     */
    private static boolean repriced(RiskAssessment assessment, CreditLineState before, int rulesVersion) {
        if (assessment.grade().equals(before.risk().grade())) {
            return false;
        }
        return !DeciderRules.pricesOnlyOnFreshEvidence(rulesVersion) || assessment.reliable();
    }

    /** Why the price changed, for the customer's file and the auditor; rules v1 and v2 did not record it. */
    private static String whyRepriced(RiskAssessment assessment, CreditLineState before, String trigger,
                                      int rulesVersion) {
        if (!DeciderRules.pricesOnlyOnFreshEvidence(rulesVersion)) {
            return null;
        }
        Integer previousScore = before.risk().score();
        String move = before.risk().grade() == null
                ? "first grading at score " + assessment.score()
                : "score " + previousScore + " -> " + assessment.score() + " moved grade " + before.risk().grade()
                + " -> " + assessment.grade();
        String reasons = assessment.principalReasons().isEmpty() ? ""
                : "; principal reasons " + String.join(", ", assessment.principalReasons());
        return move + " on an assessment with every input fresh, after " + trigger + reasons;
    }

    /** True when time passing changed nothing worth recording: the same score, no tier change, no flag raised or cleared. */
    static boolean nothingChangedBy(CreditLineState before, List<CreditLineEvent> events) {
        for (CreditLineEvent event : events) {
            switch (event) {
                case RiskAssessed e -> {
                    if (!Objects.equals(before.risk().score(), e.assessment().score())) {
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

    /** The flags whose conditions hold now, on the state as it is. */
    static SortedMap<String, WarningFlag> flagsNow(CreditLineState state, Policy policy, Instant now, int rulesVersion) {
        return EarlyWarnings.evaluate(state.facts(),
                RiskInputs.measure(state.facts(), policy, RiskInputs.businessDate(now, policy), rulesVersion), policy, now);
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
            case WriteOffRecorded e -> false; // a knock-out and a freeze, not a scorecard input
            case RiskAssessed e -> false;
            case PricingTierChanged e -> false;
            case WarningRaised e -> false;
            case WarningCleared e -> false;
            case WarningClearedByOfficer e -> false;
            case IncreaseDecided e -> false;
            case IncreaseReviewed e -> false;
            case LimitDecreaseDecided e -> false; // the limit change that applies it is the input
            case LimitDecreaseReviewed e -> false;
            case CreditLineEvent.LimitDecreaseReferralExpired e -> false; // like a review: the limit change is the input
            case TierChanged e -> false; // a tier moves the increase scheme, not the score
            case CreditLineEvent.IncreaseOffered e -> false;
            case CreditLineEvent.IncreaseOfferWithdrawn e -> false;
            case CreditLineEvent.IncreaseOfferAccepted e -> false;
        };
    }

    /** {@code in}: the state's facts measured on the business date of {@code now} under the basis' rules. */
    private static List<CreditLineEvent> warningChanges(CreditLineState state, RiskInputs in, DecisionBasis basis,
                                                        Instant now) {
        SortedMap<String, WarningFlag> active = EarlyWarnings.evaluate(state.facts(), in, basis.policy(), now);
        List<CreditLineEvent> events = new ArrayList<>();
        state.warnings().values().stream().filter(w -> !active.containsKey(w.flag())).forEach(w ->
                events.add(new WarningCleared(w.flag(), w.severity(), "condition ended", basis.policyNumber(),
                        basis.policyHash(), basis.rulesVersion(), now)));
        active.values().stream().filter(f -> !state.warnings().containsKey(f.flag())).forEach(f ->
                events.add(new WarningRaised(f.flag(), f.severity(), f.detail(), basis.policyNumber(),
                        basis.policyHash(), basis.rulesVersion(), now)));
        return events;
    }
}
