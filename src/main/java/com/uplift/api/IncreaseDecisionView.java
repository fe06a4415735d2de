package com.uplift.api;

import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.Money;
import com.uplift.domain.increase.IncreaseOutcome;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

@Schema(description = "The decision on a limit-increase request, in short; 'explanation' links to the full record")
public record IncreaseDecisionView(String requestId, IncreaseOutcome outcome,
                                   @Schema(nullable = true, description = "the review level that must act next, when REFERRED") Integer referralLevel,
                                   @Schema(description = "review levels the proposed limit needs: 0 automatic, 1 risk officer, 2 then a senior risk officer")
                                   int reviewLevelsRequired,
                                   BigDecimal oldLimit,
                                   @Schema(nullable = true, description = "the limit now in force, when APPROVED") BigDecimal newLimit,
                                   @Schema(nullable = true, description = "the limit the policy would grant, when it could be sized") BigDecimal proposedLimit,
                                   @Schema(nullable = true) Integer score, @Schema(nullable = true) String grade,
                                   @Schema(nullable = true) BigDecimal aprPercent, List<String> reasons,
                                   @Schema(description = "each reason with its text for the customer, in the language Accept-Language "
                                           + "chooses (zh-CN unless English is preferred)") List<ReasonTexts.ReasonText> reasonTexts,
                                   int policyVersion, String explanation, CreditLineView creditLine) {

    static IncreaseDecisionView of(String creditLineId, IncreaseDecided d, CreditLineView line, Locale language) {
        return new IncreaseDecisionView(d.requestId(), d.outcome(),
                d.outcome() == IncreaseOutcome.REFERRED ? 1 : null, d.reviewLevelsRequired(),
                Money.inCurrency(line.currency(), d.oldLimit()), Money.inCurrency(line.currency(), d.newLimit()),
                Money.inCurrency(line.currency(), d.proposedLimit()),
                d.assessment() == null ? null : d.assessment().score(),
                d.assessment() == null ? null : d.assessment().grade(),
                d.assessment() == null ? null : d.assessment().aprPercent(),
                d.reasons(), ReasonTexts.texts(d.reasons(), language), d.policyVersion(),
                "/api/credit-lines/" + creditLineId + "/decisions/" + d.requestId(), line);
    }
}
