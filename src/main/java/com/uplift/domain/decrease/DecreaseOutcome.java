package com.uplift.domain.decrease;

/** What a tripped trigger did: the decrease was applied at once, or referred to review. Stored by name. */
public enum DecreaseOutcome {
    APPLIED, REFERRED
}
