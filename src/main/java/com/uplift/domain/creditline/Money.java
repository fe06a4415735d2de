package com.uplift.domain.creditline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * The scale a money amount is shown in: its currency's minor units (CNY 2, as ISO 4217 and {@link Currency} give
 * them), never fewer than the 2 decimals every amount is decided and booked in ({@code CommandValues.money}, the read
 * models' numeric(14, 2)). Fewer would show a limit that is not the one in force (a yen line's decided cents rounded
 * away); so the scale only ever adds zeros to an amount as stored, and the rounding is stated, not left to chance.
 * <p>
 * Without it an amount kept the scale it arrived with: a line opened with {@code "initialLimit": 50000} answered
 * {@code "limit": 50000} from its events and {@code 50000.00} from the list of lines (the read model's column).
 */
public final class Money {

    private static final int BOOKED_SCALE = 2;

    private Money() {
    }

    /** The amount in its currency's scale; null stays null (an amount the answer does not have). */
    public static BigDecimal inCurrency(String currency, BigDecimal amount) {
        return amount == null ? null : amount.setScale(scale(currency), RoundingMode.HALF_EVEN);
    }

    static int scale(String currency) {
        int minorUnits = -1;
        if (currency != null) {
            try {
                minorUnits = Currency.getInstance(currency).getDefaultFractionDigits();
            } catch (IllegalArgumentException unknown) {
                // not ISO 4217 (the API refuses such codes at the door): the booked scale
            }
        }
        return Math.max(BOOKED_SCALE, minorUnits);
    }
}
