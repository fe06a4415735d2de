package com.uplift.testing;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** RestAssured requests as one of the demo users (password = name). */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user).contentType(ContentType.JSON);
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    /** Opens a line as the channel user and returns its id. */
    public static String openLine(String borrowerId, String limit) {
        String location = as("channel")
                .body("{\"borrowerId\":\"" + borrowerId + "\",\"productCode\":\"XM-CASH\",\"initialLimit\":" + limit + "}")
                .post("/api/credit-lines")
                .then().statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Runs an audit re-verification of one line as the auditor and returns the finished job (COMPLETED or FAILED). */
    public static io.restassured.path.json.JsonPath reverify(String lineId) {
        String location = as("auditor").body(java.util.Map.of("lines", java.util.List.of(lineId))).post("/api/audit/verifications")
                .then().statusCode(202).extract().header("Location");
        io.restassured.path.json.JsonPath[] job = new io.restassured.path.json.JsonPath[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2)).pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> {
                    job[0] = as("auditor").get(location).then().statusCode(200).extract().jsonPath();
                    return java.util.List.of("COMPLETED", "FAILED").contains(job[0].getString("status"));
                });
        return job[0];
    }

    /**
     * Waits until the credit-line read model has read up to a command's position (read-your-writes), e.g. before a
     * command that sums the borrower's other lines from it.
     */
    public static void awaitCreditLinesOf(String borrowerId, String position) {
        as("officer1").get("/api/credit-lines?borrowerId=" + borrowerId + "&minPosition=" + position)
                .then().statusCode(200).header("X-Projection-Caught-Up", "true");
    }
}
