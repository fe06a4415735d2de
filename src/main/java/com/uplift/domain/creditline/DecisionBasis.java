package com.uplift.domain.creditline;

import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.PolicyVersion;

/**
 * What a decision is made under: the published policy (data) and the decider's rules version (code). Every decision
 * event records both, so a replay can decide again under the same ones.
 */
record DecisionBasis(PolicyVersion policyVersion, int rulesVersion) {

    Policy policy() {
        return policyVersion.rules();
    }

    int policyNumber() {
        return policyVersion.version();
    }

    String policyHash() {
        return policyVersion.contentHash();
    }
}
