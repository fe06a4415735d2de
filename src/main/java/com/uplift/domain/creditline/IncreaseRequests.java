package com.uplift.domain.creditline;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.history.CreditFacts;
import com.uplift.domain.increase.DecreaseFreeze;
import com.uplift.domain.increase.IncreaseEligibility;
import com.uplift.domain.increase.IncreaseOutcome;
import com.uplift.domain.increase.IncreaseVerdict;
import com.uplift.domain.policy.IncreaseRules;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.StrategyArm;
import com.uplift.domain.policy.StrategyAssignment;
import com.uplift.domain.risk.RiskAssessment;
import com.uplift.domain.risk.RiskAssessor;
import com.uplift.domain.risk.RiskInputs;
import com.uplift.domain.warning.EarlyWarnings;
import com.uplift.domain.warning.WarningFlag;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

import static com.uplift.domain.creditline.CommandValues.ZERO;
import static com.uplift.domain.creditline.CommandValues.blank;
import static com.uplift.domain.creditline.CommandValues.money;
import static com.uplift.domain.creditline.Decision.reject;

/**
 * 提额: the first decision on a limit-increase request. Every eligibility rule is evaluated and recorded
 * ({@link IncreaseEligibility}); an approval applies the new limit in the same decision.
 */
final class IncreaseRequests {

    private IncreaseRequests() {
    }

    static Decision decide(RequestLimitIncrease c, CreditLineState state, DecisionBasis basis) {
        Policy policy = basis.policy();
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
        Evaluation evaluation = evaluate(state, requested, c.borrowerOtherLimits(), basis,
                RiskInputs.businessDate(c.occurredAt(), policy), c.occurredAt());
        IncreaseVerdict verdict = evaluation.verdict();
        RiskAssessment assessment = evaluation.assessment();
        SortedMap<String, WarningFlag> flags = evaluation.flags();

        BigDecimal newLimit = verdict.outcome() == IncreaseOutcome.APPROVED ? verdict.proposedLimit() : null;
        List<CreditLineEvent> events = new ArrayList<>();
        events.add(new IncreaseDecided(c.requestId(), c.channel(), c.requestedBy(), requested, verdict.outcome(),
                state.limit(), newLimit, verdict.proposedLimit(), verdict.sizing(), verdict.reviewLevelsRequired(),
                assessment, verdict.rules(), List.copyOf(flags.keySet()), verdict.reasons(), state.segment(),
                arm(state, basis).name(),
                c.borrowerOtherLimits() == null ? null : money(c.borrowerOtherLimits()),
                basis.policyNumber(), basis.policyHash(), basis.rulesVersion(), c.occurredAt()));
        if (newLimit != null) {
            events.add(new CreditLimitChanged(state.limit(), newLimit, c.requestId(), "AUTOMATIC_INCREASE",
                    basis.policyNumber(), basis.policyHash(), basis.rulesVersion(), c.occurredAt()));
        }
        return new Decision.Accepted(events);
    }

    /**
     * Rules v5, under a policy with decreases or on a line that had one: what the line's decreases say about an
     * increase (a freeze outlives the policy that decided the decrease); null otherwise, so decisions under a policy
     * without decreases record the same rules as before.
     */
    private static DecreaseFreeze decreaseFreeze(CreditLineState state, DecisionBasis basis) {
        if (!DeciderRules.limitsDecreaseOnDeterioration(basis.rulesVersion())
                || basis.policy().decreases().isEmpty() && state.decreases().decided() == 0) {
            return null;
        }
        return new DecreaseFreeze(state.increasesFrozenUntil(), state.decreases().pending() != null);
    }

    /** An increase evaluated on a line: what a request is decided on, and what the offer scan offers on. */
    record Evaluation(RiskAssessment assessment, SortedMap<String, WarningFlag> flags, IncreaseVerdict verdict) {
    }

    /**
     * Every increase rule on the line as of a business date: the one evaluation a requested increase, an offer scan and
     * an acceptance decided afresh share, so the increase list has no rules of its own beyond whom it offers to.
     *
     * @param today the business date the inputs are measured as of (a request's own date; a scan run's date)
     * @param now   the instant windows such as cooling-off are measured to
     */
    static Evaluation evaluate(CreditLineState state, BigDecimal requested, BigDecimal borrowerOtherLimits,
                               DecisionBasis basis, LocalDate today, Instant now) {
        Policy policy = basis.policy();
        CreditFacts facts = state.facts();
        RiskInputs in = RiskInputs.measure(facts, policy, today, basis.rulesVersion());
        RiskAssessment assessment = RiskAssessor.assess(in, policy);
        SortedMap<String, WarningFlag> flags = EarlyWarnings.evaluate(facts, in, policy, now);
        // The product maximum caps a borrower, not a line: the command carries what their other lines expose.
        IncreaseRules rules = perBorrower(policy.increaseFor(state.segment()), borrowerOtherLimits);
        // Rules v4: the income multiple caps the borrower too, so the other lines' exposure comes off affordability.
        BigDecimal affordabilityOthers = DeciderRules.exposurePerBorrower(basis.rulesVersion())
                && borrowerOtherLimits != null ? money(borrowerOtherLimits).max(ZERO) : ZERO;
        IncreaseVerdict verdict = IncreaseEligibility.evaluate(facts, requested, in, assessment, flags.values(), rules,
                policy.badRecord(), affordabilityOthers, now, decreaseFreeze(state, basis), basis.rulesVersion());
        return new Evaluation(assessment, flags, verdict);
    }

    /** The champion/challenger arm the line is decided in: the one its policy was chosen for, else its own hash's. */
    static StrategyArm arm(CreditLineState state, DecisionBasis basis) {
        return basis.policyVersion().arm() != null ? basis.policyVersion().arm()
                : StrategyAssignment.assign(state.creditLineId(), basis.policy().championChallenger());
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
}
