package com.uplift.api;

import com.uplift.domain.creditline.CreditLineEvent.TierChanged;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A tier move as recorded, and the line after it. */
@Schema(description = "A tier (segment) move: from, to, why, by whom, under which policy")
public record TierView(String fromTier, String toTier,
                       @Schema(description = "TIERING_RULES or SET_BY_HAND") String cause, List<String> reasons,
                       @Schema(nullable = true) String setBy, int policyVersion, int rulesVersion, Instant changedAt,
                       CreditLineView creditLine) {

    static TierView of(TierChanged e, CreditLineView line) {
        return new TierView(e.fromTier(), e.toTier(), e.cause(), e.reasons(), e.setBy(), e.policyVersion(),
                e.rulesVersion(), e.occurredAt(), line);
    }
}
