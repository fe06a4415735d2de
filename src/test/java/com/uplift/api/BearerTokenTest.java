package com.uplift.api;

import com.uplift.testing.JwtTestKeys;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@Tag("integration")
class BearerTokenTest {

    private static final String BODY = """
            {"borrowerId":"B-JWT","productCode":"XM-CASH","initialLimit":3000}""";

    @Test
    void aSignedTokenWithTheRightGroupIsAcceptedAndItsSubjectBecomesTheActor() {
        String location = given().auth().oauth2(JwtTestKeys.token("app-gateway", JwtTestKeys.ISSUER, "channel"))
                .contentType("application/json").body(BODY).post("/api/credit-lines")
                .then().statusCode(201).extract().header("Location");
        given().auth().oauth2(JwtTestKeys.token("auditor-7", JwtTestKeys.ISSUER, "auditor"))
                .get(location + "/events")
                .then().statusCode(200).body("items[0].metadata.actor", equalTo("app-gateway"));
    }

    @Test
    void aTokenWithoutTheRoleIsForbiddenAndAForeignIssuerIsUnauthenticated() {
        given().auth().oauth2(JwtTestKeys.token("someone", JwtTestKeys.ISSUER, "auditor"))
                .contentType("application/json").body(BODY).post("/api/credit-lines")
                .then().statusCode(403);
        given().auth().oauth2(JwtTestKeys.token("someone", "https://elsewhere.test", "channel"))
                .contentType("application/json").body(BODY).post("/api/credit-lines")
                .then().statusCode(401);
    }
}
