package com.uplift.domain.policy;

import java.math.BigDecimal;

/**
 * 客户分层: a segment's own increase parameters. Every field is optional (null = the base rule applies).
 * Caps that protect the borrower and the lender as a whole (product maximum, review ceilings) are deliberately
 * not overridable per segment.
 */
public record SegmentOverride(String description,
                              Integer minScore,
                              Integer minMonthsOnBook,
                              Integer coolingOffDays,
                              BigDecimal minIncreasePct,
                              BigDecimal maxIncreasePct,
                              BigDecimal affordabilityMultiple) {

    public IncreaseRules applyTo(IncreaseRules base) {
        return new IncreaseRules(
                minScore != null ? minScore : base.minScore(),
                minMonthsOnBook != null ? minMonthsOnBook : base.minMonthsOnBook(),
                coolingOffDays != null ? coolingOffDays : base.coolingOffDays(),
                minIncreasePct != null ? minIncreasePct : base.minIncreasePct(),
                maxIncreasePct != null ? maxIncreasePct : base.maxIncreasePct(),
                base.scoreAtMinPct(),
                base.scoreAtMaxPct(),
                affordabilityMultiple != null ? affordabilityMultiple : base.affordabilityMultiple(),
                base.productMaxLimit(),
                base.roundingUnit(),
                base.autoApproveCeiling(),
                base.level1Ceiling());
    }
}
