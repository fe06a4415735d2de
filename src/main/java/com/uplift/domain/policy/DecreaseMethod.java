package com.uplift.domain.policy;

/** How a trigger sizes the new limit; either way never below the drawn balance. */
public enum DecreaseMethod {
    /** cut the current limit by the trigger's percent */
    PERCENT_OF_LIMIT,
    /** the drawn balance plus a buffer of the trigger's percent of the current limit */
    DRAWN_PLUS_BUFFER
}
