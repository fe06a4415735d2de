package com.uplift.domain.governance;

import com.uplift.domain.policy.Policy;

import java.time.Instant;

/** Commands on the policy book: the one stream in which policy versions are proposed, approved and activated. */
public sealed interface PolicyCommand {

    Instant occurredAt();

    /** Installs a policy shipped with the service (reviewed in the repository) when the book is empty. */
    record InstallShippedPolicy(Policy policy, String contentHash, String source, Instant occurredAt) implements PolicyCommand {
    }

    /** An admin proposes a new version; it does nothing until a different admin approves it. */
    record ProposePolicy(Policy policy, String contentHash, Integer basedOn, String reason, String proposedBy,
                         Instant occurredAt) implements PolicyCommand {
    }

    /** A second admin approves a proposal, which then becomes the policy in force. */
    record ApprovePolicy(int version, String approvedBy, String comment, Instant occurredAt) implements PolicyCommand {
    }

    /** A second admin rejects a proposal. */
    record RejectPolicy(int version, String rejectedBy, String comment, Instant occurredAt) implements PolicyCommand {
    }
}
