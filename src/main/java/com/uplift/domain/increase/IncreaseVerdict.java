package com.uplift.domain.increase;

import java.math.BigDecimal;
import java.util.List;

/** The first decision on an increase request: outcome, every rule as evaluated, the reasons, and the sizing if any. */
public record IncreaseVerdict(IncreaseOutcome outcome, List<RuleResult> rules, List<String> reasons, Sizing sizing,
                              BigDecimal proposedLimit, int reviewLevelsRequired) {

    public IncreaseVerdict {
        rules = List.copyOf(rules);
        reasons = List.copyOf(reasons);
    }
}
