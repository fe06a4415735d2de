package com.uplift.api;

import com.uplift.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every money amount in an answer is written in its currency's scale (CNY: 2 decimals), whether it comes from the
 * line's events (which keep the scale the request was sent with: {@code "initialLimit": 50000}) or from the read model
 * (numeric(14, 2)). Compared as the JSON text, not as parsed numbers: 50000 and 50000.00 parse alike, and that is what
 * a client comparing answers saw differ.
 */
@QuarkusTest
@Tag("integration")
class MoneyScaleOverHttpTest {

    @Test
    void theLineAndTheListWriteTheSameAmountsInTheCurrencysScale() {
        String borrower = "B-SCALE-" + UUID.randomUUID();
        String line = Api.openLine(borrower, "50000");
        String position = as("ops").body("{\"amount\":1500}").post("/api/credit-lines/" + line + "/drawdowns")
                .then().statusCode(200).extract().path("position");

        String single = as("officer1").get("/api/credit-lines/" + line).then().statusCode(200).extract().asString();
        Response list = as("officer1").get("/api/credit-lines?borrowerId=" + borrower + "&minPosition=" + position);
        list.then().statusCode(200).header("X-Projection-Caught-Up", "true");

        for (String amount : new String[]{"limit", "drawn", "available"}) {
            assertThat(amountText(list.asString(), amount)).as(amount).isEqualTo(amountText(single, amount));
        }
        assertThat(amountText(single, "limit")).isEqualTo("50000.00");
        assertThat(amountText(single, "drawn")).isEqualTo("1500.00");
        assertThat(amountText(single, "available")).isEqualTo("48500.00");
    }

    @Test
    void aDecisionWritesItsLimitsInTheCurrencysScale() {
        String line = Api.openLine("B-SCALE-" + UUID.randomUUID(), "20000");
        String decision = as("channel").body("{\"requestedLimit\":25000}").post("/api/credit-lines/" + line + "/increase-requests")
                .then().statusCode(201).extract().asString();

        assertThat(amountText(decision, "oldLimit")).isEqualTo("20000.00");
        assertThat(amountText(decision, "limit")).as("the line inside the answer").isEqualTo("20000.00");
        String proposed = amountText(decision, "proposedLimit");
        assertThat(proposed).as("proposedLimit").matches("null|\\d+\\.\\d{2}");
    }

    /** The JSON text of the first {@code "name": value} in a body. */
    private static String amountText(String body, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":(null|-?\\d+(\\.\\d+)?)").matcher(body);
        assertThat(value.find()).as(name + " in " + body).isTrue();
        return value.group(1);
    }
}
