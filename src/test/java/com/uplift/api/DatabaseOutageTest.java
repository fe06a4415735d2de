package com.uplift.api;

import com.uplift.testing.Api;
import com.uplift.testing.StoppableDatabase;
import com.uplift.testing.StoppablePostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.uplift.testing.Api.as;
import static com.uplift.testing.Management.management;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away under a running service: every command and read is a 503 problem+json with Retry-After
 * (not a 500), and the service serves again by itself once the database is back. Runs against a PostgreSQL of its
 * own, which it stops and restarts.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(StoppableDatabase.class)
class DatabaseOutageTest {

    @AfterEach
    void databaseIsBack() {
        StoppablePostgres.restart();
    }

    @Test
    void anOutageIs503WithRetryAfterAndTheServiceRecoversByItself() {
        String line = "/api/credit-lines/" + Api.openLine("B-OUTAGE", "10000");

        StoppablePostgres.stopDatabase();
        assertUnavailable(as("channel").get(line));
        assertUnavailable(as("ops").body("{\"amount\":100.00}").post(line + "/drawdowns"));
        assertUnavailable(as("ops").header("Idempotency-Key", "outage-1").body("{\"amount\":100.00}").post(line + "/drawdowns"));
        assertUnavailable(as("channel").get("/api/credit-lines?borrowerId=B-OUTAGE"));
        assertUnavailable(as("channel").body("{\"borrowerId\":\"B-OUTAGE\",\"productCode\":\"XM-CASH\",\"initialLimit\":100}")
                .post("/api/credit-lines"));
        management().get("/q/health/ready").then().statusCode(503);

        StoppablePostgres.restart();
        long back = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> as("channel").get(line).statusCode() == 200);
        System.out.printf("service answered 200 again %d ms after the database was back%n", (System.nanoTime() - back) / 1_000_000);
        as("ops").header("Idempotency-Key", "outage-1").body("{\"amount\":100.00}").post(line + "/drawdowns")
                .then().statusCode(200);
        assertThat(as("channel").get(line).jsonPath().getDouble("drawn")).isEqualTo(100.00);
        await().atMost(Duration.ofSeconds(10)).until(() -> management().get("/q/health/ready").statusCode() == 200);
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).isEqualTo("urn:uplift:problem:temporarily-unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("5");
    }
}
