package com.uplift.domain.borrower;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A fact on a borrower's exposure stream. Stored forever, like a credit line's events: a change of shape needs a new
 * schema version, an upcaster and a new approval file.
 */
public sealed interface BorrowerEvent {

    Instant occurredAt();

    /**
     * What one of the borrower's lines exposes changed (it opened, an increase was referred, reviewed or applied).
     *
     * @param limit        the line's limit after the change
     * @param pendingLimit the limit a referral waiting for review would give the line (the last level's approval, else
     *                     the proposal); null when nothing is pending or the referral could not be sized
     */
    record BorrowerExposureChanged(String creditLineId, BigDecimal limit, BigDecimal pendingLimit, Instant occurredAt)
            implements BorrowerEvent {
    }
}
