package com.uplift.api;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReferralExpired;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReviewed;
import com.uplift.domain.creditline.Money;
import com.uplift.domain.decrease.DecreaseOutcome;
import com.uplift.domain.decrease.DecreaseStatus;
import com.uplift.domain.decrease.TriggerHit;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A limit decrease as decided and reviewed (rules v5), with its reasons' customer texts. */
@Schema(description = "A limit decrease (降额): the triggers that held, the customer's reasons, and its reviews")
public record DecreaseRecord(String decreaseId, DecreaseOutcome outcome,
                             @Schema(description = "PENDING while a review level is due; APPLIED or DECLINED after; APPLIED or LAPSED when"
                                     + " its review window passed (referralExpiredAt)") DecreaseStatus status,
                             BigDecimal oldLimit, BigDecimal drawn, BigDecimal proposedLimit,
                             @Schema(nullable = true, description = "the limit applied (at once, or by the last review)") BigDecimal newLimit,
                             int reviewLevelsRequired, List<TriggerHit> triggers, List<String> reasons,
                             @Schema(description = "each reason with its text for the customer, in the language Accept-Language"
                                     + " chooses (zh-CN unless English is preferred)") List<ReasonTexts.ReasonText> reasonTexts,
                             @Schema(nullable = true, description = "until when increases are declined (LIMIT_DECREASE)") Instant increasesFrozenUntil,
                             List<ReviewStep> reviews, int policyVersion, int rulesVersion, Instant decidedAt,
                             @Schema(nullable = true, description = "when the referral's review window passed and it was"
                                     + " applied (or lapsed) without the review still due") Instant referralExpiredAt) {

    public record ReviewStep(int level, String reviewer, String outcome, @Schema(nullable = true) BigDecimal approvedLimit,
                         String comment, DecreaseStatus statusAfter, Instant reviewedAt) {
    }

    /** Every decrease on a line, oldest first, from its events. */
    static List<DecreaseRecord> from(List<CreditLineEvent> events, Locale language) {
        Map<String, DecreaseRecord> records = new LinkedHashMap<>();
        String currency = null;
        for (CreditLineEvent event : events) {
            if (event instanceof CreditLineEvent.CreditLineOpened opened) {
                currency = opened.currency();
            } else if (event instanceof LimitDecreaseDecided d) {
                records.put(d.decreaseId(), new DecreaseRecord(d.decreaseId(), d.outcome(),
                        d.outcome() == DecreaseOutcome.APPLIED ? DecreaseStatus.APPLIED : DecreaseStatus.PENDING,
                        Money.inCurrency(currency, d.oldLimit()), Money.inCurrency(currency, d.drawn()),
                        Money.inCurrency(currency, d.proposedLimit()), Money.inCurrency(currency, d.newLimit()),
                        d.reviewLevelsRequired(), d.triggers(),
                        d.reasons(), ReasonTexts.texts(d.reasons(), language), d.increasesFrozenUntil(), List.of(),
                        d.policyVersion(), d.rulesVersion(), d.occurredAt(), null));
            } else if (event instanceof LimitDecreaseReviewed r && records.containsKey(r.decreaseId())) {
                records.put(r.decreaseId(), records.get(r.decreaseId()).reviewed(r, currency));
            } else if (event instanceof LimitDecreaseReferralExpired x && records.containsKey(x.decreaseId())) {
                records.put(x.decreaseId(), records.get(x.decreaseId()).expired(x, currency));
            }
        }
        return List.copyOf(records.values());
    }

    private DecreaseRecord reviewed(LimitDecreaseReviewed r, String currency) {
        BigDecimal approvedLimit = Money.inCurrency(currency, r.approvedLimit());
        List<ReviewStep> all = new ArrayList<>(reviews);
        all.add(new ReviewStep(r.level(), r.reviewer(), r.outcome().name(), approvedLimit, r.comment(), r.statusAfter(),
                r.occurredAt()));
        boolean applied = r.statusAfter() == DecreaseStatus.APPLIED;
        return new DecreaseRecord(decreaseId, outcome, r.statusAfter(), oldLimit, drawn, proposedLimit,
                applied ? approvedLimit : newLimit, reviewLevelsRequired, triggers, reasons, reasonTexts,
                applied ? r.increasesFrozenUntil() : increasesFrozenUntil, all, policyVersion, rulesVersion, decidedAt,
                referralExpiredAt);
    }

    private DecreaseRecord expired(LimitDecreaseReferralExpired x, String currency) {
        boolean applied = x.statusAfter() == DecreaseStatus.APPLIED;
        return new DecreaseRecord(decreaseId, outcome, x.statusAfter(), oldLimit, drawn, proposedLimit,
                applied ? Money.inCurrency(currency, x.newLimit()) : newLimit, reviewLevelsRequired, triggers, reasons, reasonTexts,
                applied ? x.increasesFrozenUntil() : increasesFrozenUntil, reviews, policyVersion, rulesVersion, decidedAt,
                x.occurredAt());
    }
}
