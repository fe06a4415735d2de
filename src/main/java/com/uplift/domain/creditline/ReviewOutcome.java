package com.uplift.domain.creditline;

/** A human reviewer's verdict on a referred increase. */
public enum ReviewOutcome {
    APPROVE, DECLINE
}
