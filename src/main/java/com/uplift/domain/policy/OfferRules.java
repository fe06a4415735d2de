package com.uplift.domain.policy;

import java.math.BigDecimal;
import java.util.List;

/**
 * 提额名单: the policy's rules for the proactive increase list. The scan evaluates every open line with the same
 * eligibility and sizing as a requested increase ({@code IncreaseRules} with the segment's overrides); these rules only
 * say which lines are offered an increase, how large it must be to be worth offering, and how long an offer lasts.
 * A policy without this section (policy v1 among them) offers nothing.
 *
 * @param enabled        false: the scan makes no new offer (offers already made stand until they expire or are withdrawn)
 * @param expiryDays     an offer can be accepted up to and including its business date plus this many days
 * @param segments       the segments offered to; empty: every segment
 * @param arms           the champion/challenger arms offered to; empty: both
 * @param minScore       the score an offered line must reach, on top of the increase rules' minimum; null: theirs alone
 * @param minIncreasePct the smallest increase worth offering, in percent of the current limit; null: any increase
 * @param maxIncreasePct the largest increase offered, in percent of the current limit; null: the sizing's own cap
 */
public record OfferRules(boolean enabled,
                         int expiryDays,
                         List<String> segments,
                         List<StrategyArm> arms,
                         Integer minScore,
                         BigDecimal minIncreasePct,
                         BigDecimal maxIncreasePct) {

    public OfferRules {
        segments = segments == null ? List.of() : List.copyOf(segments);
        arms = arms == null ? List.of() : List.copyOf(arms);
    }

    /** Whether a line of this segment, in this arm, may be offered an increase under these rules. */
    public boolean covers(String segment, StrategyArm arm) {
        return enabled && (segments.isEmpty() || segments.contains(segment)) && (arms.isEmpty() || arms.contains(arm));
    }
}
