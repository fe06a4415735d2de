package com.uplift.domain.governance;

import com.uplift.domain.policy.Policy;

import java.time.Instant;

/** Commands on the policy book: the one stream in which policy versions are proposed, approved and activated. */
public sealed interface PolicyCommand {

    Instant occurredAt();

    /** Installs a policy shipped with the service (reviewed in the repository) when the book is empty. */
    record InstallShippedPolicy(Policy policy, String contentHash, String source, Instant occurredAt) implements PolicyCommand {
    }

    /**
     * An admin proposes a new version; it does nothing until a different admin approves it.
     *
     * @param challengerSharePercent null: the approval puts it in force for every line; a share: the approval starts it
     *                               as the challenger of the policy in force for that share of the lines
     */
    record ProposePolicy(Policy policy, String contentHash, Integer basedOn, String reason, String proposedBy,
                         Integer challengerSharePercent, Instant occurredAt) implements PolicyCommand {

        public ProposePolicy(Policy policy, String contentHash, Integer basedOn, String reason, String proposedBy, Instant occurredAt) {
            this(policy, contentHash, basedOn, reason, proposedBy, null, occurredAt);
        }
    }

    /** A second admin approves a proposal, which then becomes the policy in force. */
    record ApprovePolicy(int version, String approvedBy, String comment, Instant occurredAt) implements PolicyCommand {
    }

    /** A second admin rejects a proposal. */
    record RejectPolicy(int version, String rejectedBy, String comment, Instant occurredAt) implements PolicyCommand {
    }

    /** An admin proposes promoting the running challenger to champion (for every line). */
    record ProposePromotion(int version, String proposedBy, String reason, Instant occurredAt) implements PolicyCommand {
    }

    /** A second admin approves the proposed promotion: the challenger becomes the policy in force. */
    record ApprovePromotion(int version, String approvedBy, String comment, Instant occurredAt) implements PolicyCommand {
    }

    /** An admin ends the running challenger: every line is decided by the champion again (see docs/policy.md for why one admin may). */
    record EndChallenger(int version, String endedBy, String comment, Instant occurredAt) implements PolicyCommand {
    }
}
