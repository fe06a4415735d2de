package com.uplift.domain.policy;

import java.math.BigDecimal;

/**
 * When an input stops counting as evidence.
 *
 * @param maxIncomeAgeDays             the newest verified income period must have ended at most this many days ago
 * @param maxBureauAgeDays             the bureau report must have been pulled at most this many days ago
 * @param incomeContradictionPct       two verifications of the same month differing by more than this (% of the lower) contradict
 * @param bureauScoreMin               a bureau score outside [min, max] is not a valid reading (contradictory input)
 * @param bureauScoreMax               see bureauScoreMin
 */
public record DataQualityLimits(int maxIncomeAgeDays,
                                int maxBureauAgeDays,
                                BigDecimal incomeContradictionPct,
                                int bureauScoreMin,
                                int bureauScoreMax) {
}
