package com.uplift.domain.increase;

/**
 * One eligibility rule as evaluated, whether or not it fired: auditors see every rule, not only the failures.
 *
 * @param reasonCode the reason quoted when the rule fails (FAIL) or cannot be evaluated (UNKNOWN)
 */
public record RuleResult(String rule, RuleStatus status, RuleEffect effect, String reasonCode, String detail) {
}
