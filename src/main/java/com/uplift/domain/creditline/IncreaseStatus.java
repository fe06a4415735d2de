package com.uplift.domain.creditline;

/** Where a limit-increase request stands. */
public enum IncreaseStatus {
    PENDING, APPROVED, DECLINED
}
