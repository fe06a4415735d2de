package com.uplift.api;

import com.uplift.testing.Borrowers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** The journey a channel and the servicing systems make together, end to end over HTTP. */
@QuarkusTest
@Tag("integration")
class ChannelJourneyTest {

    @Test
    void aGoodBorrowerIsRaisedAutomaticallyAndALateOneIsDeclinedWithReasons() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // A 10,000 CNY line, 12 on-time repayments, income verified twice (20,000 and 20,500), a clean bureau report.
        String line = Borrowers.goodBorrower("B-JOURNEY", "10000.00", "20000.00");

        JsonPath approved = as("channel").body("{}").post(line + "/increase-requests")
                .then().statusCode(201)
                .body("outcome", equalTo("APPROVED"))
                .body("grade", notNullValue())
                .body("aprPercent", notNullValue())
                .body("explanation", notNullValue())
                .extract().jsonPath();
        float newLimit = approved.getFloat("newLimit");
        assertThat(newLimit).isBetween(13000f, 15000f);
        assertThat(approved.getFloat("oldLimit")).isEqualTo(10000f);
        assertThat(approved.getFloat("creditLine.limit")).isEqualTo(newLimit);

        as("auditor").get(approved.getString("explanation")).then().statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("decision.rules.size()", org.hamcrest.Matchers.greaterThan(3))
                .body("decision.assessment.breakdown.size()", org.hamcrest.Matchers.greaterThan(3))
                .body("decision.policyContentHash", notNullValue());

        as("ops").body("""
                        {"daysPastDue":35,"asOf":"%s"}""".formatted(today))
                .post(line + "/delinquency-reports").then().statusCode(200)
                .body("activeWarnings.severity", hasItem("WARNING"));

        as("channel").get(line).then().statusCode(200)
                .body("activeWarnings", not(hasSize(0)))
                .body("grade", notNullValue())
                .body("aprPercent", notNullValue())
                .body("score", notNullValue());

        as("channel").body("{}").post(line + "/increase-requests")
                .then().statusCode(201)
                .body("outcome", equalTo("DECLINED"))
                // past due and a blocking warning, not only the cooling-off after the first increase
                .body("reasons", hasItem("PAST_DUE"))
                .body("reasons", hasItem("ACTIVE_WARNING"))
                .body("creditLine.limit", equalTo(newLimit));
    }
}
