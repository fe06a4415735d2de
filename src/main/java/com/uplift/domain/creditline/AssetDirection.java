package com.uplift.domain.creditline;

/** Whether the borrower gained or gave up the asset. */
public enum AssetDirection {
    ACQUIRED, DISPOSED
}
