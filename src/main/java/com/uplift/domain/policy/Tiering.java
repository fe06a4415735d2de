package com.uplift.domain.policy;

import java.util.List;

/**
 * Tiers that move (客户分层, issue 14, part 3): after every re-assessment the line's tier (its segment) is the tier of
 * the first rule whose every condition holds; when no rule holds the line keeps its tier. A tier is a segment of the
 * policy ({@code segments}) or {@code STANDARD} (the base increase rules), so the tier's increase scheme (bands, caps,
 * cooling-off) applies to the line from the move on. Absent from a policy (policy v1 among them): tiers never move
 * by themselves.
 *
 * @param manualHoldDays after operations set a tier by hand, days during which the rules do not move it
 */
public record Tiering(int manualHoldDays, List<TierRule> rules) {

    public static final String STANDARD = "STANDARD";

    public Tiering {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
