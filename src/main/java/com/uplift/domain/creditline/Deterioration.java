package com.uplift.domain.creditline;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReferralExpired;
import com.uplift.domain.creditline.CreditLineState.PendingDecrease;
import com.uplift.domain.decrease.DecreaseStatus;
import com.uplift.domain.policy.DecreaseReferralExpiry;
import com.uplift.domain.creditline.CreditLineEvent.TierChanged;
import com.uplift.domain.decrease.DecreaseOutcome;
import com.uplift.domain.decrease.DecreaseTriggers;
import com.uplift.domain.decrease.DecreaseVerdict;
import com.uplift.domain.history.ScorePoint;
import com.uplift.domain.policy.LimitDecreases;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.Tiering;
import com.uplift.domain.risk.RiskInputs;
import com.uplift.domain.tiering.TierRules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Rules v5's consequences of a line's facts beyond its score and flags: the tier its behaviour earns now (客户分层),
 * and a decrease of its limit when the policy's triggers hold (降额). Both are decided on the state a command's events
 * (and their re-assessment and flags) produce, like every consequence, so replay decides them again exactly.
 */
final class Deterioration {

    private Deterioration() {
    }

    /**
     * A move to the tier the policy's tiering rules give the line now, if it differs from the line's tier. Not while a
     * tier set by hand is within its hold, and not on a written-off line.
     */
    static List<CreditLineEvent> tierMove(CreditLineState state, DecisionBasis basis, Instant now) {
        Policy policy = basis.policy();
        if (!DeciderRules.tiersMove(basis.rulesVersion()) || policy.tiering().isEmpty() || state.writeOff() != null) {
            return List.of();
        }
        Tiering tiering = policy.tiering().get();
        if (state.tierSetByHandAt() != null
                && now.isBefore(state.tierSetByHandAt().plus(Duration.ofDays(tiering.manualHoldDays())))) {
            return List.of();
        }
        RiskInputs in = RiskInputs.measure(state.facts(), policy, RiskInputs.businessDate(now, policy), basis.rulesVersion());
        return TierRules.evaluate(tiering, in, reliableScore(state))
                .filter(match -> !match.tier().equals(state.tier()))
                .<List<CreditLineEvent>>map(match -> List.of(new TierChanged(state.tier(), match.tier(),
                        TierChanged.BY_RULES, match.reasons(), null, basis.policyNumber(), basis.policyHash(),
                        basis.rulesVersion(), now)))
                .orElse(List.of());
    }

    /**
     * A decrease when the policy's triggers hold: applied at once (with the new limit and the freeze) or referred to
     * review, as the triggers say. Not while one waits for review or the last one's cooling-off runs, and not on a
     * written-off line (it lends no more; its limit is moot).
     */
    static List<CreditLineEvent> decrease(CreditLineState state, DecisionBasis basis, Instant now) {
        Policy policy = basis.policy();
        if (!DeciderRules.limitsDecreaseOnDeterioration(basis.rulesVersion()) || policy.decreases().isEmpty()
                || state.writeOff() != null || !state.decreases().mayDecideAt(now)) {
            return List.of();
        }
        LimitDecreases decreases = policy.decreases().get();
        RiskInputs in = RiskInputs.measure(state.facts(), policy, RiskInputs.businessDate(now, policy), basis.rulesVersion());
        Optional<DecreaseVerdict> proposed = DecreaseTriggers.evaluate(state.facts(), in,
                Consequences.flagsNow(state, policy, now, basis.rulesVersion()).values(), decreases,
                policy.increaseFor(state.segment()).roundingUnit());
        if (proposed.isEmpty()) {
            return List.of();
        }
        DecreaseVerdict verdict = proposed.get();
        String decreaseId = "LD-" + (state.decreases().decided() + 1);
        if (verdict.reviewLevelsRequired() > 0) {
            return List.of(new LimitDecreaseDecided(decreaseId, DecreaseOutcome.REFERRED, state.limit(), state.drawn(),
                    verdict.proposedLimit(), null, verdict.reviewLevelsRequired(), verdict.hits(), verdict.reasons(),
                    null, basis.policyNumber(), basis.policyHash(), basis.rulesVersion(), now));
        }
        Instant frozenUntil = coolingOffEnd(policy, now);
        return List.of(
                new LimitDecreaseDecided(decreaseId, DecreaseOutcome.APPLIED, state.limit(), state.drawn(),
                        verdict.proposedLimit(), verdict.proposedLimit(), 0, verdict.hits(), verdict.reasons(),
                        frozenUntil, basis.policyNumber(), basis.policyHash(), basis.rulesVersion(), now),
                new CreditLimitChanged(state.limit(), verdict.proposedLimit(), decreaseId, "AUTOMATIC_DECREASE",
                        basis.policyNumber(), basis.policyHash(), basis.rulesVersion(), now));
    }

    /**
     * A referred decrease whose review window passed, under a policy whose decreases section sets one
     * ({@link DecreaseReferralExpiry}): applied at what the last level approved, else the proposal, floored at the drawn
     * balance now and never above the limit now; LAPSED (no change) when that leaves nothing to take. Either way the
     * referral is concluded and the cooling-off starts, as after a review.
     */
    static List<CreditLineEvent> expireReferral(CreditLineState state, DecisionBasis basis, Instant now) {
        Policy policy = basis.policy();
        PendingDecrease pending = state.decreases().pending();
        Optional<DecreaseReferralExpiry> expiry = policy.decreases().flatMap(LimitDecreases::referralExpiry);
        if (!DeciderRules.limitsDecreaseOnDeterioration(basis.rulesVersion()) || pending == null || expiry.isEmpty()
                || pending.referredAt() == null || state.writeOff() != null
                || now.isBefore(pending.referredAt().plus(Duration.ofDays(expiry.get().afterDays())))) {
            return List.of();
        }
        BigDecimal approved = pending.reviews().isEmpty() ? pending.proposedLimit()
                : pending.reviews().getLast().approvedLimit();
        BigDecimal limit = approved.max(state.drawn()).setScale(2, RoundingMode.UNNECESSARY);
        Instant coolingOffEnd = coolingOffEnd(policy, now);
        if (limit.compareTo(state.limit()) >= 0) {
            return List.of(new LimitDecreaseReferralExpired(pending.decreaseId(), pending.nextLevel(),
                    expiry.get().afterDays(), state.drawn(), null, DecreaseStatus.LAPSED, null, coolingOffEnd,
                    basis.policyNumber(), basis.policyHash(), basis.rulesVersion(), now));
        }
        return List.of(
                new LimitDecreaseReferralExpired(pending.decreaseId(), pending.nextLevel(), expiry.get().afterDays(),
                        state.drawn(), limit, DecreaseStatus.APPLIED, coolingOffEnd, coolingOffEnd,
                        basis.policyNumber(), basis.policyHash(), basis.rulesVersion(), now),
                new CreditLimitChanged(state.limit(), limit, pending.decreaseId(), LimitDecreaseReferralExpired.LIMIT_CAUSE,
                        basis.policyNumber(), basis.policyHash(), basis.rulesVersion(), now));
    }

    /** The end of the policy's decrease cooling-off from an instant (0 days when the policy has no decreases). */
    static Instant coolingOffEnd(Policy policy, Instant from) {
        return from.plus(Duration.ofDays(policy.decreases().map(LimitDecreases::coolingOffDays).orElse(0)));
    }

    /** The latest score when the assessment it came from had every input fresh; null otherwise. */
    private static Integer reliableScore(CreditLineState state) {
        List<ScorePoint> points = state.risk().recentScores();
        return points.isEmpty() || !points.getLast().reliable() ? null : points.getLast().score();
    }
}
