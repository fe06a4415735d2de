package com.uplift.domain.policy;

import java.math.BigDecimal;

/**
 * One deterioration that decreases a limit: while {@code measure >= threshold} (for {@code WARNING_SEVERITY}: while a
 * warning of {@code severity} or worse is active) the line's limit is cut by {@code method}.
 *
 * @param trigger      the trigger's name, recorded with the decision (e.g. {@code DPD_60})
 * @param threshold    for DAYS_PAST_DUE, NEGATIVE_BUREAU_RECORDS and INCOME_DROP_PCT; null for WARNING_SEVERITY
 * @param severity     for WARNING_SEVERITY only: the least severity that trips it
 * @param percent      PERCENT_OF_LIMIT: the cut, percent of the current limit; DRAWN_PLUS_BUFFER: the buffer left
 *                     above the drawn balance, percent of the current limit
 * @param reviewLevels 0 applies the decrease automatically; 1 or 2 refers it to that many review levels
 */
public record DecreaseTrigger(String trigger, DecreaseMeasure measure, BigDecimal threshold, Severity severity,
                              DecreaseMethod method, BigDecimal percent, int reviewLevels, String description) {
}
