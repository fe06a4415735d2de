package com.uplift.domain.decrease;

/**
 * A decrease trigger that held, as recorded with the decision.
 *
 * @param trigger    the policy's name for it
 * @param measured   what was measured against what, in words ({@code DAYS_PAST_DUE 65 >= 60})
 * @param reasonCode the customer-facing reason, from the same closed set as declines ({@code AdverseActionReason})
 */
public record TriggerHit(String trigger, String measured, String reasonCode) {
}
