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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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

    /**
     * The database stops three times while 16 clients are posting: a statement in flight when PostgreSQL ends its sessions fails
     * with whatever the connection was doing (an admin-shutdown error, "Connection reset", a closed connection). Each
     * of those is the same outage, so the answers are 200 (committed before) or 503, never a 500.
     */
    @Test
    void anOutageUnderLoadIsNever500() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            lines.add("/api/credit-lines/" + Api.openLine("B-OUTAGE-LOAD-" + i, "100000"));
        }
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> internal = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            String line = lines.get(c % lines.size());
            work.add(clients.submit(() -> {
                while (running.get()) {
                    Response response = as("ops").body("{\"amount\":1.00}").post(line + "/drawdowns");
                    statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    if (response.statusCode() == 500) {
                        internal.add(response.asString());
                    }
                }
            }));
        }
        try {
            for (int outage = 0; outage < 3; outage++) {
                int before200 = count(statuses, 200);
                await().atMost(Duration.ofSeconds(60)).until(() -> count(statuses, 200) >= before200 + 200);
                StoppablePostgres.stopDatabase();
                int before503 = count(statuses, 503);
                await().atMost(Duration.ofSeconds(30)).until(() -> count(statuses, 503) >= before503 + 100);
                StoppablePostgres.restart();
            }
        } finally {
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        for (Future<?> client : work) {
            client.get();
        }
        System.out.println("answers while the database stopped three times under load: " + statuses);
        assertThat(internal).as("500 answers").isEmpty();
        assertThat(statuses.keySet()).containsOnly(200, 503);
    }

    private static int count(Map<Integer, AtomicInteger> statuses, int status) {
        AtomicInteger count = statuses.get(status);
        return count == null ? 0 : count.get();
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).isEqualTo("urn:uplift:problem:temporarily-unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("5");
    }
}
