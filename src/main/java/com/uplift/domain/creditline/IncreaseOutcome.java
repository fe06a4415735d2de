package com.uplift.domain.creditline;

/** The outcome of an increase request as first decided. */
public enum IncreaseOutcome {
    APPROVED, REFERRED, DECLINED
}
