package com.uplift.api;

import com.uplift.application.CreditLineService;
import com.uplift.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hot line over HTTP: many clients posting to one line at once, without If-Match, are all served (their commands
 * queue behind each other on the line) and never refused for a version conflict; with If-Match a stale version is
 * still a 412.
 */
@QuarkusTest
@Tag("integration")
class HotLineTest {

    private static final int CLIENTS = 64;

    @Inject
    CreditLineService lines;

    @Test
    void sixtyFourConcurrentRepaymentsWithoutIfMatchAreAllRecordedWithContiguousVersions() throws Exception {
        String id = Api.openLine("B-HOT-1", "90000");
        String line = "/api/credit-lines/" + id;
        LocalDate today = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        Map<String, Object> repayment = Map.of("amount", new BigDecimal("10.00"), "dueDate", today.toString(), "paidOn", today.toString());

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Response> answers = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Response>> pending = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                pending.add(CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return Api.as("ops").body(repayment).post(line + "/repayments");
                }, clients));
            }
            go.countDown();
            for (CompletableFuture<Response> answer : pending) {
                answers.add(answer.get(120, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(answers).extracting(Response::statusCode).as(answers.stream()
                .filter(a -> a.statusCode() != 200).map(Response::asString).findFirst().orElse("all 200"))
                .hasSize(CLIENTS).containsOnly(200);
        // each answer is the line after its own command: 64 different versions (ETags), none of them repeated
        assertThat(answers).extracting(a -> a.getHeader("ETag")).doesNotHaveDuplicates().hasSize(CLIENTS);

        List<Long> versions = Api.as("auditor").get(line + "/events?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("items.version", Long.class);
        assertThat(versions).containsExactlyElementsOf(LongStream.rangeClosed(1, versions.size()).boxed().toList());
        long repayments = Api.as("auditor").get(line + "/events?limit=1000").then().extract().jsonPath()
                .getList("items.type", String.class).stream().filter("RepaymentRecorded"::equals).count();
        assertThat(repayments).isEqualTo(CLIENTS);
        // the state the commands left in the cache is the state a fold of every stored event gives
        assertThat(lines.load(id).await().atMost(Duration.ofSeconds(30)))
                .isEqualTo(lines.loadUpTo(id, Long.MAX_VALUE).await().atMost(Duration.ofSeconds(30)));
    }

    @Test
    void withIfMatchAStaleVersionIsStill412AndTheCurrentOneIsServed() {
        String id = Api.openLine("B-HOT-2", "9000");
        String line = "/api/credit-lines/" + id;
        String first = Api.as("ops").body("{\"amount\":10.00}").post(line + "/drawdowns").then().statusCode(200)
                .extract().header("ETag");
        String current = Api.as("ops").body("{\"amount\":10.00}").post(line + "/drawdowns").then().statusCode(200)
                .extract().header("ETag");

        Api.as("ops").header("If-Match", first).body("{\"amount\":10.00}").post(line + "/drawdowns")
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("urn:uplift:problem:version-mismatch"));
        String after = Api.as("ops").header("If-Match", current).body("{\"amount\":10.00}").post(line + "/drawdowns")
                .then().statusCode(200).extract().header("ETag");
        assertThat(Long.parseLong(after.replace("\"", ""))).isGreaterThan(Long.parseLong(current.replace("\"", "")));
        BigDecimal drawn = new BigDecimal(Api.as("ops").get(line).then().statusCode(200).extract().jsonPath().getString("drawn"));
        assertThat(drawn).isEqualByComparingTo("30.00");
    }

    private static void await(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
