package com.uplift.domain.history;

/** Whether the borrower gained or gave up the asset. */
public enum AssetDirection {
    ACQUIRED, DISPOSED
}
