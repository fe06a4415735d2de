package com.uplift.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ClockProvider;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * The clock request validation ({@code @PastOrPresent}) reads: the service's clock, in the time zone furthest ahead
 * (UTC+14). A request is refused as malformed (400) only for a date after today everywhere on earth; whether it is
 * after today for the line is a business rule decided in the policy's time zone (422 FUTURE_DATE). With the server's
 * own zone (UTC) instead, a repayment paid today in Asia/Shanghai was refused from midnight to 08:00 local time.
 * Quarkus hands a {@link ClockProvider} bean to its validator factory.
 */
@ApplicationScoped
public class ValidationClock implements ClockProvider {

    /** The zone where a calendar day begins first. */
    static final ZoneOffset FURTHEST_AHEAD = ZoneOffset.ofHours(14);

    private final Clock clock;

    public ValidationClock(Clock clock) {
        this.clock = clock.withZone(FURTHEST_AHEAD);
    }

    @Override
    public Clock getClock() {
        return clock;
    }
}
