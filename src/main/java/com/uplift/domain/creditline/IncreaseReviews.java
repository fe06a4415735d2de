package com.uplift.domain.creditline;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.creditline.CreditLineCommand.ReviewIncrease;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseReviewed;
import com.uplift.domain.creditline.CreditLineState.IncreaseRequest;
import com.uplift.domain.increase.ReviewRules;
import com.uplift.domain.increase.ReviewRules.ReviewCase;
import com.uplift.domain.increase.ReviewRules.ReviewVerdict;
import com.uplift.domain.policy.IncreaseRules;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.Severity;
import com.uplift.domain.risk.RiskAssessment;
import com.uplift.domain.risk.RiskAssessor;
import com.uplift.domain.risk.RiskInputs;
import com.uplift.domain.warning.EarlyWarnings;
import com.uplift.domain.warning.WarningFlag;

import java.math.BigDecimal;
import java.util.List;

import static com.uplift.domain.creditline.CommandValues.blank;
import static com.uplift.domain.creditline.CommandValues.money;
import static com.uplift.domain.creditline.Decision.accept;
import static com.uplift.domain.creditline.Decision.reject;

/**
 * 多层级审核 with four-eyes: the maker never checks, nobody reviews twice, levels go in order, and the amount approved
 * decides how many levels are needed. What an approval must pass is {@link ReviewRules}: one list that refuses and,
 * when everything passes, is recorded as the review's checks.
 */
final class IncreaseReviews {

    private IncreaseReviews() {
    }

    static Decision decide(ReviewIncrease c, CreditLineState state, DecisionBasis basis) {
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
        return c.outcome() == ReviewOutcome.DECLINE ? decline(c, state, request, basis) : approve(c, state, request, basis);
    }

    private static Decision decline(ReviewIncrease c, CreditLineState state, IncreaseRequest request, DecisionBasis basis) {
        if (blank(c.comment())) {
            return reject("COMMENT_REQUIRED", "a decline must say why");
        }
        if (c.overrideReason() != null) {
            return reject("INVALID_COMMAND", "an override reason belongs to an approval above the increase band");
        }
        RiskAssessment seen = RiskAssessor.assess(state.facts(), basis.policy(),
                RiskInputs.businessDate(c.occurredAt(), basis.policy()), basis.rulesVersion());
        return accept(new IncreaseReviewed(c.requestId(), c.reviewer(), c.level(), c.outcome(), null, c.comment(), null,
                request.requestedBy(), IncreaseStatus.DECLINED, null, List.of("DECLINED_AT_LEVEL_" + c.level()),
                seen, List.of(), null, basis.policyNumber(), basis.policyHash(), basis.rulesVersion(), c.occurredAt()));
    }

    private static Decision approve(ReviewIncrease c, CreditLineState state, IncreaseRequest request, DecisionBasis basis) {
        Policy policy = basis.policy();
        IncreaseRules rules = policy.increaseFor(state.segment());
        BigDecimal previous = request.reviews().isEmpty() ? null
                : request.reviews().get(request.reviews().size() - 1).approvedLimit();
        BigDecimal limit = c.approvedLimit() != null ? money(c.approvedLimit())
                : previous != null ? previous : request.proposedLimit();
        if (limit == null) {
            return reject("APPROVED_LIMIT_REQUIRED", "the request could not be sized: the reviewer must name the limit");
        }
        RiskInputs in = RiskInputs.measure(state.facts(), policy, RiskInputs.businessDate(c.occurredAt(), policy),
                basis.rulesVersion());
        List<String> blocking = EarlyWarnings.evaluate(state.facts(), in, policy, c.occurredAt()).values().stream()
                .filter(f -> f.severity().atLeast(Severity.WARNING)).map(WarningFlag::flag).toList();
        RiskAssessment now = RiskAssessor.assess(in, policy);
        // Rules v4 check against the borrower's other lines as they are now: since the referral, another line may have
        // opened, grown or been referred. Earlier rules checked against what the request recorded.
        boolean atReview = DeciderRules.exposurePerBorrower(basis.rulesVersion()) && c.borrowerOtherLimits() != null;
        BigDecimal others = atReview ? money(c.borrowerOtherLimits()) : request.borrowerOtherLimits();
        ReviewCase approval = new ReviewCase(c.level(), limit, state.limit(), previous, request.requestedLimit(),
                request.maxLimit(), others, money(IncreaseRequests.perBorrower(rules, others).productMaxLimit()), rules, in,
                now, blocking, state.history().arrears(), c.overrideReason(), state.facts(), policy.badRecord(),
                DeciderRules.exposurePerBorrower(basis.rulesVersion()) && others != null ? others : CommandValues.ZERO);
        BigDecimal recordedOthers = atReview ? others : null;

        return switch (ReviewRules.evaluate(approval, basis.rulesVersion())) {
            case ReviewVerdict.Refused refused -> reject(refused.code(), refused.message());
            case ReviewVerdict.Passed passed -> {
                int required = Math.max(request.reviewLevelsRequired(), passed.levelsRequired());
                if (c.level() < required) {
                    yield accept(new IncreaseReviewed(c.requestId(), c.reviewer(), c.level(), c.outcome(), limit,
                            c.comment(), c.overrideReason(), request.requestedBy(), IncreaseStatus.PENDING, c.level() + 1,
                            List.of(), now, passed.checks(), recordedOthers, basis.policyNumber(), basis.policyHash(),
                            basis.rulesVersion(), c.occurredAt()));
                }
                yield new Decision.Accepted(List.of(
                        new IncreaseReviewed(c.requestId(), c.reviewer(), c.level(), c.outcome(), limit, c.comment(),
                                c.overrideReason(), request.requestedBy(), IncreaseStatus.APPROVED, null, List.of(), now,
                                passed.checks(), recordedOthers, basis.policyNumber(), basis.policyHash(), basis.rulesVersion(),
                                c.occurredAt()),
                        new CreditLimitChanged(state.limit(), limit, c.requestId(), "REVIEWED_INCREASE",
                                basis.policyNumber(), basis.policyHash(), basis.rulesVersion(), c.occurredAt())));
            }
        };
    }
}
