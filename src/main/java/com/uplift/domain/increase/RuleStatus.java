package com.uplift.domain.increase;

/** The result of evaluating one eligibility rule; UNKNOWN when the rule's input is missing, stale or contradictory. */
public enum RuleStatus {
    PASS, FAIL, UNKNOWN
}
