package com.uplift.domain.policy;

/**
 * A published policy as the decider receives it: its number, the SHA-256 of its canonical content, its rules, and
 * the champion/challenger arm the line was assigned to when this policy was chosen for it (null: let the decider
 * derive it from the rules' own setting, as for a policy passed in directly).
 */
public record PolicyVersion(int version, String contentHash, Policy rules, StrategyArm arm) {

    public PolicyVersion(int version, String contentHash, Policy rules) {
        this(version, contentHash, rules, null);
    }
}
