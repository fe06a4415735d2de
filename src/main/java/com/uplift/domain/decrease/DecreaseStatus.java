package com.uplift.domain.decrease;

/** Where a referred decrease stands after a review: another level follows, or it was applied or declined. */
public enum DecreaseStatus {
    PENDING, APPLIED, DECLINED
}
