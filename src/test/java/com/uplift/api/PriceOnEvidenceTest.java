package com.uplift.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 11 item 4 through the REST API on a fresh database: a new line's first drawdown is assessed on no data, and
 * under rules v3 that assessment is recorded but does not price the line (rules v2 priced it grade E, 19.80%).
 */
@QuarkusTest
@Tag("integration")
class PriceOnEvidenceTest {

    @Test
    void aNewLinesFirstDrawdownKeepsTheOpeningPrice() {
        String id = com.uplift.testing.Api.openLine("B-PRICE-EVIDENCE", "10000");
        as("ops").body("{\"amount\":1000.00}").post("/api/credit-lines/" + id + "/drawdowns")
                .then().statusCode(200);

        as("channel").get("/api/credit-lines/" + id).then().statusCode(200)
                .body("drawn", equalTo(1000.00f))
                .body("score", notNullValue())      // the assessment is recorded...
                .body("grade", nullValue())         // ...but on missing data it does not set a price
                .body("aprPercent", nullValue());

        JsonPath events = as("auditor").get("/api/credit-lines/" + id + "/events").then().statusCode(200)
                .extract().jsonPath();
        List<String> types = events.getList("items.type", String.class);
        assertThat(types).contains("DrawdownRecorded", "RiskAssessed").doesNotContain("PricingTierChanged");
        assertThat(events.getInt("items.find { it.type == 'RiskAssessed' }.payload.rulesVersion")).isGreaterThanOrEqualTo(3);
    }
}
