package com.uplift.api;

import com.uplift.domain.creditline.CreditLineEvent.IncreaseReviewed;
import com.uplift.domain.creditline.IncreaseStatus;
import com.uplift.domain.creditline.Money;
import com.uplift.domain.creditline.ReviewOutcome;
import com.uplift.domain.increase.OverrideReason;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** The outcome of one review: where the request stands after it, and the line's state. */
@Schema(description = "One review of a referred request: where the request stands after it, and the line's state")
public record ReviewView(String requestId, int level, String reviewer, ReviewOutcome outcome,
                         @Schema(nullable = true, description = "APPROVE only") BigDecimal approvedLimit,
                         IncreaseStatus statusAfter,
                         @Schema(nullable = true, description = "the level that must review next, while still PENDING") Integer nextLevel,
                         List<String> reasons,
                         @Schema(description = "each reason with its text for the customer, in the language Accept-Language"
                                 + " chooses (zh-CN unless English is preferred)") List<ReasonTexts.ReasonText> reasonTexts,
                         @Schema(nullable = true, description = "the override reason code of an approval above the policy's increase band (docs/policy.md)")
                         OverrideReason overrideReason,
                         CreditLineView creditLine) {

    static ReviewView of(IncreaseReviewed r, CreditLineView line, Locale language) {
        return new ReviewView(r.requestId(), r.level(), r.reviewer(), r.outcome(),
                Money.inCurrency(line.currency(), r.approvedLimit()), r.statusAfter(),
                r.nextLevel(), r.reasons(), ReasonTexts.texts(r.reasons(), language), r.overrideReason(), line);
    }
}
