package com.uplift.domain.increase;

import com.uplift.domain.policy.IncreaseRules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Sizes a limit increase: 30%..50% of the current limit (policy values), rising linearly with the score, then capped by
 * affordability (k x verified monthly income), the product maximum and the requested limit, and rounded DOWN to the
 * rounding unit. Rounding down means a cap is never exceeded and a score-bound increase may fall short of the exact
 * percentage by less than one rounding unit.
 */
public final class IncreaseSizer {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private IncreaseSizer() {
    }

    /** @param affordabilityIncome verified monthly income to apply the multiple to (must be usable: the caller checks) */
    public static Sizing size(BigDecimal currentLimit, int score, BigDecimal affordabilityIncome,
                              BigDecimal requestedLimit, IncreaseRules rules) {
        return size(currentLimit, score, affordabilityIncome, BigDecimal.ZERO, requestedLimit, rules);
    }

    /**
     * @param affordabilityOthers what the borrower's other lines already take from the affordability cap: the
     *                            multiple caps the borrower (rules v4), so this line is sized to what is left
     */
    public static Sizing size(BigDecimal currentLimit, int score, BigDecimal affordabilityIncome,
                              BigDecimal affordabilityOthers, BigDecimal requestedLimit, IncreaseRules rules) {
        BigDecimal pct = increasePct(score, rules);
        BigDecimal target = currentLimit.multiply(HUNDRED.add(pct)).divide(HUNDRED, 2, RoundingMode.HALF_EVEN);
        BigDecimal affordability = rules.affordabilityMultiple().multiply(affordabilityIncome)
                .subtract(affordabilityOthers).max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_EVEN);
        BigDecimal productMax = rules.productMaxLimit().setScale(2, RoundingMode.HALF_EVEN);

        String boundBy = "SCORE_TARGET";
        BigDecimal bound = target;
        if (affordability.compareTo(bound) < 0) {
            boundBy = "AFFORDABILITY";
            bound = affordability;
        }
        if (productMax.compareTo(bound) < 0) {
            boundBy = "PRODUCT_MAX";
            bound = productMax;
        }
        if (requestedLimit != null && requestedLimit.compareTo(bound) < 0) {
            boundBy = "REQUESTED";
            bound = requestedLimit;
        }
        BigDecimal proposed = roundDown(bound, rules.roundingUnit());
        return new Sizing(pct, target, affordability, productMax,
                requestedLimit == null ? null : requestedLimit.setScale(2, RoundingMode.HALF_EVEN), proposed, boundBy);
    }

    /** minPct at scoreAtMinPct, maxPct at scoreAtMaxPct, linear in between, flat outside. */
    public static BigDecimal increasePct(int score, IncreaseRules rules) {
        int span = rules.scoreAtMaxPct() - rules.scoreAtMinPct();
        int clamped = Math.max(rules.scoreAtMinPct(), Math.min(rules.scoreAtMaxPct(), score));
        BigDecimal share = span <= 0 ? BigDecimal.ONE
                : BigDecimal.valueOf(clamped - rules.scoreAtMinPct()).divide(BigDecimal.valueOf(span), 10, RoundingMode.HALF_EVEN);
        return rules.minIncreasePct().add(rules.maxIncreasePct().subtract(rules.minIncreasePct()).multiply(share))
                .setScale(2, RoundingMode.HALF_EVEN);
    }

    public static BigDecimal roundDown(BigDecimal amount, BigDecimal unit) {
        return amount.divide(unit, 0, RoundingMode.DOWN).multiply(unit).setScale(2, RoundingMode.UNNECESSARY);
    }
}
