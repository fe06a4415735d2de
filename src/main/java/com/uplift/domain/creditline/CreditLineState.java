package com.uplift.domain.creditline;

import java.math.BigDecimal;

/** The state of one credit line, folded from its events. */
public record CreditLineState(boolean opened, String creditLineId, String borrowerId, String productCode,
                              String currency, String segment, BigDecimal limit, BigDecimal drawn) {

    public static final CreditLineState INITIAL =
            new CreditLineState(false, null, null, null, null, null, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2));

    public BigDecimal available() {
        return limit.subtract(drawn);
    }
}
