package com.uplift.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static com.uplift.testing.Management.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Health and metrics answer on the management port only; the API port does not serve them to anyone. */
@QuarkusTest
@Tag("integration")
class ManagementInterfaceTest {

    @Test
    void healthAndMetricsAreServedOnTheManagementPort() {
        management().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        management().get("/q/health/live").then().statusCode(200);
        management().get("/q/metrics").then().statusCode(200).body(containsString("uplift_projection_lag_events"));
    }

    @Test
    void theApiPortDoesNotServeHealthOrMetrics() {
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
        given().auth().preemptive().basic("admin", "admin").get("/q/metrics").then().statusCode(404);
    }

    @Test
    void theApiDocumentationStaysOnTheApiPort() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("Uplift credit-line API"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
