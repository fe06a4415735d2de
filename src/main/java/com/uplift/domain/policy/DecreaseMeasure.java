package com.uplift.domain.policy;

/** What a decrease trigger measures (the same measures the early warnings read, {@code RiskInputs}). */
public enum DecreaseMeasure {
    /** current days past due */
    DAYS_PAST_DUE,
    /** an active warning flag of the trigger's severity or worse */
    WARNING_SEVERITY,
    /** negative records in the latest bureau report, count */
    NEGATIVE_BUREAU_RECORDS,
    /** drop of the newest verified income against the earlier months of the income window, percent */
    INCOME_DROP_PCT
}
