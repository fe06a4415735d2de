package com.uplift.domain.increase;

/** The outcome of an increase request as first decided. */
public enum IncreaseOutcome {
    APPROVED, REFERRED, DECLINED
}
