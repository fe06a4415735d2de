package com.uplift.domain.creditline;

import java.math.BigDecimal;
import java.time.Instant;

/** A fact about one credit line. Stored forever: a change of shape needs a new schema version and an upcaster. */
public sealed interface CreditLineEvent {

    Instant occurredAt();

    record CreditLineOpened(String creditLineId, String borrowerId, String productCode, BigDecimal initialLimit,
                            String currency, String segment, Instant occurredAt) implements CreditLineEvent {
    }
}
