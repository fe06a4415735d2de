package com.uplift.api;

import com.uplift.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Not in the future" is checked in two places: request validation refuses (400) only a date after today everywhere
 * on earth, and the decider refuses (422 FUTURE_DATE) a date after today in the policy's zone (Asia/Shanghai). Before,
 * validation used the server's zone (UTC), so from midnight to 08:00 in Shanghai the day's repayments were refused.
 */
@QuarkusTest
@Tag("integration")
class BusinessDateValidationTest {

    private static final ZoneId POLICY_ZONE = ZoneId.of("Asia/Shanghai");

    @Inject
    ValidatorFactory validatorFactory;

    @Inject
    Validator validator;

    @Test
    void requestValidationReadsTheClockOfTheZoneFurthestAhead() {
        assertThat(validatorFactory.getClockProvider().getClock().getZone()).isEqualTo(ZoneOffset.ofHours(14));
        LocalDate todaySomewhere = LocalDate.now(ZoneOffset.ofHours(14));
        assertThat(validator.validate(new CommandRequests.Repayment(new BigDecimal("10.00"), todaySomewhere, todaySomewhere))).isEmpty();
        assertThat(validator.validate(new CommandRequests.Repayment(new BigDecimal("10.00"), todaySomewhere, todaySomewhere.plusDays(1))))
                .extracting(violation -> violation.getPropertyPath().toString()).containsExactly("paidOn");
    }

    @Test
    void aRepaymentPaidTodayInThePolicysZoneIsRecordedWhateverTheServersDate() {
        String line = Api.openLine("B-DATE-1", "10000");
        String today = LocalDate.now(POLICY_ZONE).toString();
        as("ops").body("{\"amount\":10.00,\"dueDate\":\"" + today + "\",\"paidOn\":\"" + today + "\"}")
                .post("/api/credit-lines/" + line + "/repayments").then().statusCode(200);
    }

    @Test
    void aDateAfterTodayInThePolicysZoneIsRefused() {
        String line = Api.openLine("B-DATE-2", "10000");
        LocalDate tomorrowThere = LocalDate.now(POLICY_ZONE).plusDays(1);
        // after today everywhere: malformed (400); still today somewhere (evenings in Shanghai): the decider's 422
        int expected = tomorrowThere.isAfter(LocalDate.now(ZoneOffset.ofHours(14))) ? 400 : 422;
        as("ops").body("{\"amount\":10.00,\"dueDate\":\"" + tomorrowThere + "\",\"paidOn\":\"" + tomorrowThere + "\"}")
                .post("/api/credit-lines/" + line + "/repayments").then().statusCode(expected);
    }
}
