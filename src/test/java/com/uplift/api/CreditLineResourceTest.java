package com.uplift.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class CreditLineResourceTest {

    @Test
    void opensALineAndReadsItBackFromItsEvents() {
        String location = given().contentType(ContentType.JSON)
                .body("""
                        {"borrowerId":"B-1","productCode":"XM-CASH","initialLimit":10000,"currency":"CNY"}""")
                .when().post("/api/credit-lines")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/credit-lines/[0-9a-f-]{36}$"))
                .header("ETag", "\"1\"")
                .body("limit", equalTo(10000.00f))
                .body("version", equalTo(1))
                .extract().header("Location");

        given().when().get(location)
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
        given().contentType(ContentType.JSON)
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
        given().contentType(ContentType.JSON)
                .body("""
                        {"borrowerId":"B-2","productCode":"XM-CASH","initialLimit":100.001}""")
                .when().post("/api/credit-lines")
                .then().statusCode(400).body("errors.field", hasItem("initialLimit"));
        given().contentType(ContentType.JSON)
                .body("""
                        {"borrowerId":"B-2","productCode":"XM-CASH","initialLimit":100,"limitOverride":1}""")
                .when().post("/api/credit-lines")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("limitOverride"));
    }

    @Test
    void anUnknownLineIsA404Problem() {
        given().when().get("/api/credit-lines/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uplift:problem:not-found"))
                .body("status", equalTo(404));
    }
}
