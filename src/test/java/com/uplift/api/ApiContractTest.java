package com.uplift.api;

import com.uplift.testing.Borrowers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** What a client relies on beyond the schema: unknown parameters refused, one number type for money, honest states. */
@QuarkusTest
@Tag("integration")
class ApiContractTest {

    @Test
    void anUnknownQueryParameterIsRefusedByNameInsteadOfIgnored() {
        as("officer1").get("/api/warnings?line=any").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:uplift:problem:validation"))
                .body("errors[0].field", equalTo("line"))
                .body("errors[0].message", equalTo("unknown query parameter"))
                .body("detail", containsString("creditLineId"));
        as("officer1").get("/api/warnings?creditLineId=any").then().statusCode(200).body("total", equalTo(0));
        as("auditor").get("/api/policies?verbose=true").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("verbose"))
                .body("detail", containsString("accepts none"));
        as("auditor").get("/api/credit-lines?grade=A&colour=red&size=5").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("colour"));
    }

    @Test
    void aChannelThatBackDatesALineIsToldWhichFieldItMayNotSet() {
        as("channel").body("""
                        {"borrowerId":"B-BACKDATE","productCode":"XM-CASH","initialLimit":10000,"openedOn":"2025-10-01"}""")
                .post("/api/credit-lines").then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:uplift:problem:forbidden"))
                .body("errors[0].field", equalTo("openedOn"))
                .body("detail", containsString("operations"));
        as("channel").body("""
                        {"borrowerId":"B-SEGMENT","productCode":"XM-CASH","initialLimit":10000,"segment":"PRIME"}""")
                .post("/api/credit-lines").then().statusCode(403).body("errors[0].field", equalTo("segment"));
    }

    @Test
    void locationIsThePathOfWhatWasCreated() {
        var created = as("channel").body("""
                        {"borrowerId":"B-LOCATION","productCode":"XM-CASH","initialLimit":10000}""")
                .post("/api/credit-lines").then().statusCode(201).extract();
        assertThat(created.header("Location")).isEqualTo("/api/credit-lines/" + created.jsonPath().getString("id"));
    }

    @Test
    void theReviewQueueWritesMoneyAsNumbersLikeTheDecisionRecord() {
        String line = Borrowers.goodBorrower("B-QUEUE-NUMBERS", "80000.00", "40000.00");
        JsonPath referred = as("channel").body("{}").post(line + "/increase-requests").then().statusCode(201)
                .body("outcome", equalTo("REFERRED")).body("reviewLevelsRequired", equalTo(2)).extract().jsonPath();
        String requestId = referred.getString("requestId");

        String queue = as("officer1").get("/api/review-queue?level=1&minPosition=" + referred.getString("creditLine.position"))
                .then().statusCode(200).header(ReadYourWrites.CAUGHT_UP, "true").extract().asString();
        String item = "find { it.requestId == '" + requestId + "' }";
        JsonPath queued = JsonPath.from(queue);
        assertThat(queued.<Object>get(item + ".oldLimit")).isEqualTo(80000.00f);
        assertThat(queued.<Object>get(item + ".explanation.oldLimit")).isEqualTo(80000.00f);
        assertThat(queued.<Object>get(item + ".explanation.proposedLimit")).isInstanceOf(Number.class)
                .isEqualTo(referred.<Object>get("proposedLimit"));
        Object recorded = as("auditor").get(line + "/decisions/" + requestId).then().statusCode(200)
                .extract().jsonPath().get("decision.proposedLimit");
        assertThat(queued.<Object>get(item + ".explanation.proposedLimit")).isEqualTo(recorded);
    }

    @Test
    void aPolicyDiffShowsAmountsAsNumbers() {
        Map<String, Object> policy = com.uplift.testing.Policies.draftFrom(1, "diff as numbers", "autoApproveCeiling", 60000);
        String location = as("admin").body(Map.of("basedOn", 1, "reason", "diff check", "policy", policy))
                .post("/api/policies").then().statusCode(201).extract().header("Location");
        try {
            JsonPath diff = as("auditor").get(location + "/diff?against=1").then().statusCode(200).extract().jsonPath();
            String change = "changes.find { it.path == 'increase.autoApproveCeiling' }";
            assertThat(diff.<Object>get(change + ".before")).isInstanceOf(Number.class);
            assertThat(diff.<Number>get(change + ".before").intValue()).isEqualTo(50000);
            assertThat(diff.<Number>get(change + ".after").intValue()).isEqualTo(60000);
        } finally {
            as("admin2").body("{\"comment\":\"only a diff check\"}").post(location + "/rejection").then().statusCode(200);
        }
    }
}
