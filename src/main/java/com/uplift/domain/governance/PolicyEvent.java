package com.uplift.domain.governance;

import com.uplift.domain.policy.Policy;

import java.time.Instant;

/** Facts of the policy book. Stored forever; the policy content travels inside, so any version can be replayed. */
public sealed interface PolicyEvent {

    Instant occurredAt();

    record PolicyInstalled(int version, Policy policy, String contentHash, String source, Instant occurredAt)
            implements PolicyEvent {
    }

    record PolicyProposed(int version, Policy policy, String contentHash, Integer basedOn, String reason,
                          String proposedBy, Instant occurredAt) implements PolicyEvent {
    }

    record PolicyApproved(int version, String approvedBy, String proposedBy, String comment, Instant occurredAt)
            implements PolicyEvent {
    }

    record PolicyRejected(int version, String rejectedBy, String comment, Instant occurredAt) implements PolicyEvent {
    }

    /** The version in force from now on (the champion); {@code previousVersion} is null for the first. */
    record PolicyActivated(int version, Integer previousVersion, Instant occurredAt) implements PolicyEvent {
    }

    /**
     * Recorded with a {@link PolicyProposed} that asks to be rolled out as the challenger of the policy in force: its
     * approval then starts it in the challenger arm at this share instead of activating it for every line.
     */
    record ChallengerRolloutRequested(int version, int challengerSharePercent, Instant occurredAt) implements PolicyEvent {
    }

    /**
     * An approved version now decides the lines that hash into the challenger arm ({@code salt}, share) beside the
     * champion in force, which keeps deciding the rest.
     */
    record ChallengerStarted(int version, int championVersion, int challengerSharePercent, String salt, Instant occurredAt)
            implements PolicyEvent {
    }

    /** An admin proposes that the running challenger become the champion; a different admin must approve it. */
    record ChallengerPromotionProposed(int version, String proposedBy, String reason, Instant occurredAt) implements PolicyEvent {
    }

    /**
     * The running challenger stops deciding a share of the lines: {@code PROMOTED} (a {@link PolicyActivated} of it
     * follows) or {@code ENDED} (every line goes back to the champion).
     */
    record ChallengerEnded(int version, String outcome, String endedBy, String comment, Instant occurredAt) implements PolicyEvent {
    }
}
