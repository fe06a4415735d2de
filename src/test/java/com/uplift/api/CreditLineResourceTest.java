package com.uplift.api;

import com.uplift.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static com.uplift.testing.Api.as;
import static com.uplift.testing.Api.anonymous;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@Tag("integration")
class CreditLineResourceTest {

    @Test
    void opensALineAndReadsItBackFromItsEvents() {
        String location = as("channel")
                .body("""
                        {"borrowerId":"B-1","productCode":"XM-CASH","initialLimit":10000,"currency":"CNY"}""")
                .when().post("/api/credit-lines")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/credit-lines/[0-9a-f-]{36}$"))
                .header("ETag", "\"1\"")
                .body("limit", equalTo(10000.00f))
                .body("version", equalTo(1))
                .extract().header("Location");

        as("channel").when().get(location)
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("borrowerId", equalTo("B-1"))
                .body("productCode", equalTo("XM-CASH"))
                .body("currency", equalTo("CNY"))
                .body("segment", equalTo("STANDARD"))
                .body("limit", equalTo(10000.00f))
                .body("drawn", equalTo(0.00f))
                .body("available", equalTo(10000.00f))
                .body("position", notNullValue());
    }

    @Test
    void anInvalidBodyIsA400ProblemNamingTheFields() {
        as("channel")
                .body("""
                        {"borrowerId":"","productCode":"XM-CASH","initialLimit":-5,"currency":"XXQ"}""")
                .when().post("/api/credit-lines")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uplift:problem:validation"))
                .body("errors.field", hasItem("borrowerId"))
                .body("errors.field", hasItem("initialLimit"))
                .body("errors.field", hasItem("currency"));
    }

    @Test
    void moreThanTwoDecimalsOrAnUnknownFieldIsRefused() {
        as("channel")
                .body("""
                        {"borrowerId":"B-2","productCode":"XM-CASH","initialLimit":100.001}""")
                .when().post("/api/credit-lines")
                .then().statusCode(400).body("errors.field", hasItem("initialLimit"));
        as("channel")
                .body("""
                        {"borrowerId":"B-2","productCode":"XM-CASH","initialLimit":100,"limitOverride":1}""")
                .when().post("/api/credit-lines")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("limitOverride"));
    }

    @Test
    void anUnknownLineIsA404Problem() {
        as("auditor").when().get("/api/credit-lines/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uplift:problem:not-found"))
                .body("status", equalTo(404));
    }

    @Test
    void anonymousCallersAre401AndWrongRolesAre403() {
        anonymous().body("{}").post("/api/credit-lines")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:uplift:problem:unauthenticated"));
        given().auth().preemptive().basic("channel", "wrong").get("/api/credit-lines/x")
                .then().statusCode(401).contentType("application/problem+json");
        as("auditor").body("""
                        {"borrowerId":"B-3","productCode":"XM-CASH","initialLimit":100}""")
                .post("/api/credit-lines")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:uplift:problem:forbidden"));
        as("channel").body("""
                        {"borrowerId":"B-3","productCode":"XM-CASH","initialLimit":100,"openedOn":"2024-01-01"}""")
                .post("/api/credit-lines")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void theSameIdempotencyKeyAndBodyReturnsTheFirstResponseAndAppendsNothing() {
        String body = """
                {"borrowerId":"B-IDEM","productCode":"XM-CASH","initialLimit":5000}""";
        var first = as("channel").header("Idempotency-Key", "open-B-IDEM-1").body(body).post("/api/credit-lines")
                .then().statusCode(201).extract();
        var second = as("channel").header("Idempotency-Key", "open-B-IDEM-1").body(body).post("/api/credit-lines")
                .then().statusCode(201).extract();

        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(second.body().asString()).isEqualTo(first.body().asString());
        String id = first.header("Location").substring(first.header("Location").lastIndexOf('/') + 1);
        as("auditor").get("/api/credit-lines/" + id + "/events").then().statusCode(200).body("items", hasSize(1));

        as("channel").header("Idempotency-Key", "open-B-IDEM-1")
                .body(body.replace("5000", "6000")).post("/api/credit-lines")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:uplift:problem:idempotency-key-reused"));
    }

    @Test
    void theRequestIdIsEchoedAndStoredInTheEventMetadata() {
        String location = as("channel").header("X-Request-Id", "req-abc-123").header("X-Channel", "web")
                .body("""
                        {"borrowerId":"B-RID","productCode":"XM-CASH","initialLimit":5000}""")
                .post("/api/credit-lines")
                .then().statusCode(201).header("X-Request-Id", "req-abc-123").extract().header("Location");
        as("auditor").get(location + "/events").then().statusCode(200)
                .body("items[0].metadata.requestId", equalTo("req-abc-123"))
                .body("items[0].metadata.actor", equalTo("channel"))
                .body("items[0].metadata.channel", equalTo("WEB"))
                .body("items[0].type", equalTo("CreditLineOpened"));
        as("channel").get("/api/credit-lines/nothing").then().statusCode(404)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void theStateCanBeReadAsOfAnInstantOrAVersion() {
        String before = java.time.Instant.now().minusSeconds(60).toString();
        String id = com.uplift.testing.Api.openLine("B-ASOF", "7000");
        as("channel").get("/api/credit-lines/" + id + "?version=1").then().statusCode(200).body("version", equalTo(1));
        as("channel").get("/api/credit-lines/" + id + "?asOf=" + java.time.Instant.now().plusSeconds(1))
                .then().statusCode(200).body("limit", equalTo(7000.00f));
        as("channel").get("/api/credit-lines/" + id + "?asOf=" + before).then().statusCode(404);
        as("channel").get("/api/credit-lines/" + id + "?asOf=yesterday").then().statusCode(400)
                .body("errors.field", hasItem("asOf"));
    }

    @Test
    void aBodyOverTheLimitIsA413ProblemAndOpensNothing() {
        String huge = "{\"borrowerId\":\"B-HUGE\",\"productCode\":\"XM-CASH\",\"initialLimit\":100,\"segment\":\""
                + "A".repeat(70_000) + "\"}";
        as("channel").body(huge).post("/api/credit-lines")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:uplift:problem:payload-too-large"));
        as("officer1").get("/api/credit-lines?borrowerId=B-HUGE").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aCallerCannotClaimAnotherRolesChannelOrAnUnknownSegment() {
        String id = com.uplift.testing.Api.openLine("B-CHANNEL", "3000");
        as("ops").header("X-Channel", "APP").body("{\"amount\":10.00}").post("/api/credit-lines/" + id + "/drawdowns")
                .then().statusCode(400).body("errors.field", hasItem("X-Channel"));
        as("ops").header("X-Channel", "BACK_OFFICE").body("{\"amount\":10.00}").post("/api/credit-lines/" + id + "/drawdowns")
                .then().statusCode(200);
        as("channel").header("X-Channel", "BACK_OFFICE").body("""
                        {"borrowerId":"B-CH2","productCode":"XM-CASH","initialLimit":1000}""")
                .post("/api/credit-lines").then().statusCode(400).body("errors.field", hasItem("X-Channel"));
        as("ops").header("X-Channel", "TELEPATHY").body("{\"amount\":10.00}").post("/api/credit-lines/" + id + "/drawdowns")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("X-Channel"));
        as("ops").body("""
                        {"borrowerId":"B-SEG","productCode":"XM-CASH","initialLimit":1000,"segment":"PLATINUM"}""")
                .post("/api/credit-lines").then().statusCode(422).body("code", equalTo("UNKNOWN_SEGMENT"));
        as("channel").body("""
                        {"borrowerId":"B-SEG","productCode":"XM-CASH","initialLimit":1000,"segment":"PRIME"}""")
                .post("/api/credit-lines").then().statusCode(403);
    }

    @Test
    void aBorrowersLinesTogetherStayWithinTheRegulatoryMaximum() {
        var first = as("channel").body("""
                        {"borrowerId":"B-MAX","productCode":"XM-CASH","initialLimit":150000}""")
                .post("/api/credit-lines").then().statusCode(201).extract().jsonPath();
        // wait until the read model knows the first line (read-your-writes)
        Api.awaitCreditLinesOf("B-MAX", first.getString("position"));
        as("channel").body("""
                        {"borrowerId":"B-MAX","productCode":"XM-CASH","initialLimit":60000}""")
                .post("/api/credit-lines").then().statusCode(422).body("code", equalTo("ABOVE_BORROWER_MAX"));
        as("channel").body("""
                        {"borrowerId":"B-MAX","productCode":"XM-CASH","initialLimit":50000}""")
                .post("/api/credit-lines").then().statusCode(201);
    }

    @Test
    void aPastStateIsRebuiltFromTheEventsUpToThatVersionOrInstant() {
        String id = com.uplift.testing.Api.openLine("B-HISTORY", "9000");
        int first = as("ops").body("{\"amount\":1000.00}").post("/api/credit-lines/" + id + "/drawdowns")
                .then().statusCode(200).extract().jsonPath().getInt("version");
        int last = as("ops").body("{\"amount\":500.00}").post("/api/credit-lines/" + id + "/drawdowns")
                .then().statusCode(200).extract().jsonPath().getInt("version");
        // "as of" the instant the first drawdown was recorded: it counts (the instant is inclusive), the second not yet
        JsonPath events = as("auditor").get("/api/credit-lines/" + id + "/events").then().statusCode(200).extract().jsonPath();
        java.time.Instant firstRecorded = java.time.Instant.parse(events.getString("items.find { it.version == " + first + " }.recordedAt"));
        java.time.Instant lastRecorded = java.time.Instant.parse(events.getString("items.find { it.version == " + last + " }.recordedAt"));
        assertThat(lastRecorded).isAfter(firstRecorded);

        as("auditor").get("/api/credit-lines/" + id + "?version=1").then().statusCode(200)
                .body("drawn", equalTo(0.00f)).header("ETag", "\"1\"");
        as("auditor").get("/api/credit-lines/" + id + "?asOf=" + firstRecorded).then().statusCode(200)
                .body("drawn", equalTo(1000.00f)).body("available", equalTo(8000.00f));
        as("auditor").get("/api/credit-lines/" + id + "?asOf=" + firstRecorded.minusNanos(1000)).then().statusCode(200)
                .body("drawn", equalTo(0.00f));
        as("auditor").get("/api/credit-lines/" + id).then().statusCode(200)
                .body("drawn", equalTo(1500.00f)).body("version", equalTo(last));
    }

    @Test
    void theOpenApiDocumentIsTheManualWithSecuritySchemesAndExamples() {
        String doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(doc).contains("\"bearer\"").contains("\"basic\"")
                .contains("approved automatically").contains("declined with reasons")
                .contains("/api/credit-lines/{id}/increase-requests/{requestId}/reviews");
    }
}
