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
}
