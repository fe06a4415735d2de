package com.uplift.domain.creditline;

import com.uplift.domain.creditline.CreditLineCommand.ReviewDecrease;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReviewed;
import com.uplift.domain.creditline.CreditLineState.PendingDecrease;
import com.uplift.domain.decrease.DecreaseStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static com.uplift.domain.creditline.CommandValues.blank;
import static com.uplift.domain.creditline.CommandValues.money;
import static com.uplift.domain.creditline.Decision.accept;
import static com.uplift.domain.creditline.Decision.reject;

/**
 * Reviews of a referred decrease (rules v5), with the increase reviews' four eyes: levels in order, nobody reviews
 * twice, a decline says why. An approval never takes the limit below the drawn balance at review time, and must
 * still be a decrease. The last level's approval applies it and starts the cooling-off; a decline starts the
 * cooling-off for new proposals only (the limit stays, so increases are not frozen).
 */
final class DecreaseReviews {

    private DecreaseReviews() {
    }

    static Decision decide(ReviewDecrease c, CreditLineState state, DecisionBasis basis) {
        if (blank(c.decreaseId()) || blank(c.reviewer()) || c.outcome() == null) {
            return reject("INVALID_COMMAND", "decreaseId, reviewer and outcome are required");
        }
        PendingDecrease pending = state.decreases().pending();
        if (pending == null || !pending.decreaseId().equals(c.decreaseId())) {
            return reject("DECREASE_NOT_PENDING", "no decrease " + c.decreaseId() + " awaits review");
        }
        if (c.level() != pending.nextLevel()) {
            return reject("WRONG_REVIEW_LEVEL", "decrease " + c.decreaseId() + " awaits level " + pending.nextLevel()
                    + ", not " + c.level());
        }
        if (pending.reviewedBy(c.reviewer())) {
            return reject("ALREADY_REVIEWED", c.reviewer() + " already reviewed decrease " + c.decreaseId());
        }
        Instant coolingOffEnd = Deterioration.coolingOffEnd(basis.policy(), c.occurredAt());
        if (c.outcome() == ReviewOutcome.DECLINE) {
            if (blank(c.comment())) {
                return reject("COMMENT_REQUIRED", "a decline must say why");
            }
            return accept(reviewed(c, null, state, DecreaseStatus.DECLINED, null, null, coolingOffEnd, basis));
        }
        BigDecimal previous = pending.reviews().isEmpty() ? null : pending.reviews().getLast().approvedLimit();
        BigDecimal limit = money(c.approvedLimit() != null ? c.approvedLimit()
                : previous != null ? previous : pending.proposedLimit());
        if (limit.compareTo(state.drawn()) < 0) {
            return reject("BELOW_DRAWN", "a limit of " + limit + " is below the drawn balance " + state.drawn()
                    + ": a decrease takes away headroom, never money already lent");
        }
        if (limit.compareTo(state.limit()) >= 0) {
            return reject("NOT_A_DECREASE", "a limit of " + limit + " is not below the current limit " + state.limit());
        }
        if (c.level() < pending.reviewLevelsRequired()) {
            return accept(reviewed(c, limit, state, DecreaseStatus.PENDING, c.level() + 1, null, null, basis));
        }
        return new Decision.Accepted(List.of(
                reviewed(c, limit, state, DecreaseStatus.APPLIED, null, coolingOffEnd, coolingOffEnd, basis),
                new CreditLimitChanged(state.limit(), limit, c.decreaseId(), "REVIEWED_DECREASE", basis.policyNumber(),
                        basis.policyHash(), basis.rulesVersion(), c.occurredAt())));
    }

    private static LimitDecreaseReviewed reviewed(ReviewDecrease c, BigDecimal limit, CreditLineState state,
                                                  DecreaseStatus after, Integer nextLevel, Instant frozenUntil,
                                                  Instant notBefore, DecisionBasis basis) {
        return new LimitDecreaseReviewed(c.decreaseId(), c.reviewer(), c.level(), c.outcome(), limit, state.drawn(),
                c.comment(), after, nextLevel, frozenUntil, notBefore, basis.policyNumber(), basis.policyHash(),
                basis.rulesVersion(), c.occurredAt());
    }
}
