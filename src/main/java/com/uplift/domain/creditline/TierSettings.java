package com.uplift.domain.creditline;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.creditline.CreditLineCommand.SetTier;
import com.uplift.domain.creditline.CreditLineEvent.TierChanged;
import com.uplift.domain.policy.Policy;

import java.util.List;

import static com.uplift.domain.creditline.CommandValues.blank;
import static com.uplift.domain.creditline.Decision.accept;
import static com.uplift.domain.creditline.Decision.reject;

/** Operations set a line's tier by hand (rules v5): to a tier the policy knows, with a reason, recorded with who. */
final class TierSettings {

    private TierSettings() {
    }

    static Decision decide(SetTier c, CreditLineState state, DecisionBasis basis) {
        Policy policy = basis.policy();
        if (!DeciderRules.tiersMove(basis.rulesVersion())) {
            return reject("NOT_SUPPORTED", "rules v" + basis.rulesVersion() + " keep the tier a line opened with");
        }
        if (blank(c.tier()) || blank(c.reason()) || blank(c.setBy())) {
            return reject("INVALID_COMMAND", "tier, reason and setBy are required");
        }
        if (!policy.knowsTier(c.tier())) {
            return reject("UNKNOWN_SEGMENT", "tier " + c.tier() + " is not in policy v" + policy.version()
                    + "; known: STANDARD, " + String.join(", ", policy.segments().keySet()));
        }
        if (c.tier().equals(state.tier())) {
            return reject("TIER_UNCHANGED", "the line is in tier " + c.tier() + " already");
        }
        return accept(new TierChanged(state.tier(), c.tier(), TierChanged.BY_HAND, List.of(c.reason()), c.setBy(),
                basis.policyNumber(), basis.policyHash(), basis.rulesVersion(), c.occurredAt()));
    }
}
