package com.uplift.domain.decrease;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the tripped triggers propose: the new limit (below the current one, never below the drawn balance), how many
 * review levels it needs (0: applied at once), the triggers that held and the customer-facing reasons.
 */
public record DecreaseVerdict(BigDecimal proposedLimit, int reviewLevelsRequired, List<TriggerHit> hits,
                              List<String> reasons) {

    public DecreaseVerdict {
        hits = List.copyOf(hits);
        reasons = List.copyOf(reasons);
    }
}
