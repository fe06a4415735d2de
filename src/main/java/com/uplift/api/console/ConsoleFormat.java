package com.uplift.api.console;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/**
 * How the console writes amounts and times: CNY in the reader's locale (en "CN¥117,800.00", zh-CN "¥117,800.00") and
 * instants in the business time zone, the calendar the policy counts days in, so that an officer in Shanghai and the
 * rules read the same date.
 */
record ConsoleFormat(Locale locale, ZoneId businessZone) {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    String money(BigDecimal amount, String currency) {
        if (amount == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(Currency.getInstance(currency == null ? "CNY" : currency));
        return format.format(amount);
    }

    String money(BigDecimal amount) {
        return money(amount, "CNY");
    }

    String percent(BigDecimal value) {
        return value == null ? "–" : value.stripTrailingZeros().toPlainString() + "%";
    }

    String minutes(Instant instant) {
        return instant == null ? "–" : MINUTES.format(instant.atZone(businessZone));
    }

    String seconds(Instant instant) {
        return instant == null ? "–" : SECONDS.format(instant.atZone(businessZone));
    }
}
