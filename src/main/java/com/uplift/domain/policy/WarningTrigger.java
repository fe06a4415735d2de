package com.uplift.domain.policy;

/** What an early-warning rule measures; the rule's threshold applies to that measure. */
public enum WarningTrigger {
    /** current days past due */
    DAYS_PAST_DUE,
    /** drawn / limit, percent */
    UTILIZATION_PCT,
    /** highest score in the last windowDays minus the current score, points */
    SCORE_DROP_POINTS,
    /** drop of the newest verified income against the mean of the earlier months in the income window, percent */
    INCOME_DROP_PCT,
    /** negative records in the latest bureau report, count */
    NEGATIVE_BUREAU_RECORDS,
    /** service notes in the last windowDays carrying the rule's signal, count */
    NOTE_SIGNAL
}
