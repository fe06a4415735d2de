package com.uplift.api;

import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReviewed;
import com.uplift.domain.creditline.Money;
import com.uplift.domain.creditline.ReviewOutcome;
import com.uplift.domain.decrease.DecreaseStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;

/** The outcome of one review of a referred decrease, and the line after it. */
@Schema(description = "One review of a referred decrease: where the decrease stands after it, and the line's state")
public record DecreaseReviewView(String decreaseId, int level, String reviewer, ReviewOutcome outcome,
                                 @Schema(nullable = true, description = "APPROVE only") BigDecimal approvedLimit,
                                 BigDecimal drawn, DecreaseStatus statusAfter,
                                 @Schema(nullable = true, description = "the level that must review next, while PENDING") Integer nextLevel,
                                 @Schema(nullable = true, description = "APPLIED: until when increases are declined") Instant increasesFrozenUntil,
                                 CreditLineView creditLine) {

    static DecreaseReviewView of(LimitDecreaseReviewed r, CreditLineView line) {
        return new DecreaseReviewView(r.decreaseId(), r.level(), r.reviewer(), r.outcome(),
                Money.inCurrency(line.currency(), r.approvedLimit()), Money.inCurrency(line.currency(), r.drawn()),
                r.statusAfter(), r.nextLevel(), r.increasesFrozenUntil(), line);
    }
}
