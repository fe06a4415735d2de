package com.uplift.domain.creditline;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/** What someone asks a credit line to do. Every command carries the instant it arrived: the domain never reads a clock. */
public sealed interface CreditLineCommand {

    Instant occurredAt();

    record OpenCreditLine(String creditLineId, String borrowerId, String productCode, BigDecimal initialLimit,
                          Currency currency, String segment, Instant occurredAt) implements CreditLineCommand {
    }
}
