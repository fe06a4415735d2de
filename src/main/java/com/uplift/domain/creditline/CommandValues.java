package com.uplift.domain.creditline;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How the deciders read the values of a command: amounts as money of scale 2, texts that may be blank. */
final class CommandValues {

    static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private CommandValues() {
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }

    static boolean positive(BigDecimal amount) {
        return amount != null && money(amount).signum() > 0;
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
