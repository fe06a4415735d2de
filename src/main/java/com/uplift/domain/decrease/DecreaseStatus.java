package com.uplift.domain.decrease;

/**
 * Where a referred decrease stands after a review: another level follows, or it was applied or declined. LAPSED: its
 * review window passed when the drawn balance left nothing to take, so it ended without a change.
 */
public enum DecreaseStatus {
    PENDING, APPLIED, DECLINED, LAPSED
}
