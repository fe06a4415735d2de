package com.uplift.domain.increase;

import java.math.BigDecimal;

/**
 * How the proposed limit was sized: the score-driven target and every cap, the lowest of which binds.
 *
 * @param increasePct      the percentage of the current limit earned by the score (30..50 by default)
 * @param scoreTarget      current limit x (1 + increasePct)
 * @param affordabilityCap affordability multiple x verified monthly income (null if income is not usable)
 * @param requestedCap     the limit the borrower asked for (null if none)
 * @param proposedLimit    min(target, caps) rounded down to the rounding unit
 * @param boundBy          which of SCORE_TARGET, AFFORDABILITY, PRODUCT_MAX, REQUESTED set the proposed limit
 */
public record Sizing(BigDecimal increasePct, BigDecimal scoreTarget, BigDecimal affordabilityCap,
                     BigDecimal productMax, BigDecimal requestedCap, BigDecimal proposedLimit, String boundBy) {
}
