package com.uplift.domain.policy;

import java.util.List;
import java.util.Optional;

/**
 * Limit decreases on deterioration (issue 14, part 2): the triggers that propose a decrease, and how long a decrease
 * freezes increases. Absent from a policy (every policy before it, policy v1 among them) means no decreases at all:
 * the decider never lowers a limit under it. Optional in {@link Policy} like {@code ownBookKnockout}, so a policy
 * without it hashes exactly as before the section existed.
 *
 * @param coolingOffDays after a decrease is applied, days during which increase requests are declined
 *                       ({@code LIMIT_DECREASE}) and no offer may be made; after any concluded decrease decision
 *                       (applied or declined in review), days before a trigger may propose another
 * @param triggers       evaluated in order; every trigger that holds contributes its reason, the deepest cut wins and
 *                       the most review levels any of them asks for apply
 * @param referralExpiry when a referred decrease nobody reviewed is applied unreviewed; empty (absent from the JSON,
 *                       so a section without it hashes as before the field existed): a referral waits for its review
 *                       however long it takes
 */
public record LimitDecreases(int coolingOffDays, List<DecreaseTrigger> triggers,
                             Optional<DecreaseReferralExpiry> referralExpiry) {

    public LimitDecreases {
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        referralExpiry = referralExpiry == null ? Optional.empty() : referralExpiry;
    }

    public LimitDecreases(int coolingOffDays, List<DecreaseTrigger> triggers) {
        this(coolingOffDays, triggers, Optional.empty());
    }
}
