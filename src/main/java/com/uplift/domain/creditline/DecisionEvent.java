package com.uplift.domain.creditline;

/**
 * An event that records a decision (an assessment, a price, a warning, an increase decision or review, a limit
 * change): it names what it was decided under, the published policy (version and content hash) and the decider's
 * rules version ({@link com.uplift.domain.DeciderRules}), so it can be decided again under exactly those.
 */
public interface DecisionEvent {

    int policyVersion();

    String policyContentHash();

    int rulesVersion();
}
