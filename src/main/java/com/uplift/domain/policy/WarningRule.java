package com.uplift.domain.policy;

import java.math.BigDecimal;

/**
 * An early-warning rule: the flag is active while {@code measure(trigger) >= threshold}; it is raised by an event
 * when it becomes active and cleared by an event when it stops being so.
 *
 * @param signal     for NOTE_SIGNAL only: the risk signal code the rule watches
 * @param windowDays for SCORE_DROP_POINTS and NOTE_SIGNAL: how far back the measure looks
 */
public record WarningRule(String flag, WarningTrigger trigger, BigDecimal threshold, Severity severity,
                          String signal, Integer windowDays, String description) {
}
