package com.uplift.audit.scorecard;

import java.time.Instant;

/**
 * Facts of a scorecard development's stream ({@code scorecard-development-<id>}). Stored forever and hash-chained
 * like every other event, so the evidence an approval relied on cannot change after it.
 */
public sealed interface ScorecardEvent {

    Instant occurredAt();

    /**
     * A scorecard was fitted on the book's recorded outcomes and proposed as {@code proposedPolicyVersion}, with the
     * whole development report (sample, fit, scaling, validation).
     */
    record ScorecardDeveloped(String developmentId, int proposedPolicyVersion, DevelopmentReport report,
                              Instant occurredAt) implements ScorecardEvent {
    }
}
