package com.uplift.domain.policy;

import java.math.BigDecimal;

/**
 * Limit-increase (提额) eligibility, sizing and review routing.
 *
 * @param minScore              score at or above which a line may enter the increase list (pilot: 70)
 * @param minMonthsOnBook       months since opening before a first increase
 * @param coolingOffDays        days after an applied increase during which no other is considered
 * @param minIncreasePct        increase at {@code scoreAtMinPct} (pilot: 30% of the current limit)
 * @param maxIncreasePct        increase at {@code scoreAtMaxPct} (pilot: 50%)
 * @param scoreAtMinPct         score of the minimum percentage; the percentage rises linearly to scoreAtMaxPct
 * @param scoreAtMaxPct         score of the maximum percentage
 * @param affordabilityMultiple a limit never exceeds this multiple of verified monthly income
 * @param productMaxLimit       ceiling per borrower and product (China: RMB 200,000 for internet consumer credit)
 * @param roundingUnit          new limits are rounded DOWN to a multiple of this
 * @param autoApproveCeiling    new limits up to this are approved without a human
 * @param level1Ceiling         new limits up to this need one review (risk officer); above, a second (senior)
 */
public record IncreaseRules(int minScore,
                            int minMonthsOnBook,
                            int coolingOffDays,
                            BigDecimal minIncreasePct,
                            BigDecimal maxIncreasePct,
                            int scoreAtMinPct,
                            int scoreAtMaxPct,
                            BigDecimal affordabilityMultiple,
                            BigDecimal productMaxLimit,
                            BigDecimal roundingUnit,
                            BigDecimal autoApproveCeiling,
                            BigDecimal level1Ceiling) {

    /** How many review levels a new limit needs: 0 (automatic), 1 (risk officer) or 2 (then a senior risk officer). */
    public int reviewLevelsFor(BigDecimal newLimit) {
        if (newLimit.compareTo(autoApproveCeiling) <= 0) {
            return 0;
        }
        return newLimit.compareTo(level1Ceiling) <= 0 ? 1 : 2;
    }
}
