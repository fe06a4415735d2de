package com.uplift.servicingfeed;

import com.uplift.testing.Api;
import com.uplift.testing.StoppableDatabase;
import com.uplift.testing.StoppablePostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.uplift.servicingfeed.ServicingFactMessagesTest.message;
import static com.uplift.testing.Api.as;
import static com.uplift.testing.Management.management;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stops while facts arrive: nothing is lost and nothing is dead-lettered. The consumer holds the records
 * it has fetched, tries them again until the database is back, and then records every one, once. Runs on a PostgreSQL
 * of its own (which it stops) and on topics of its own on the shared broker.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(StoppableDatabase.class)
class ServicingFactsDuringAnOutageTest {

    private static final String TOPIC = StoppableDatabase.SERVICING_FACTS_TOPIC;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @AfterEach
    void databaseIsBack() {
        StoppablePostgres.restart();
    }

    @Test
    void factsArrivingWhileTheDatabaseIsDownAreRecordedOnceItIsBackAndNoneIsDeadLettered() throws Exception {
        String line = Api.openLine("B-KAFKA-OUTAGE", "10000");
        try (FactsTopic topic = new FactsTopic(bootstrapServers)) {
            for (int i = 1; i <= 5; i++) {
                topic.send(TOPIC, line, message("outage-" + i, FactType.DRAWDOWN, line, "{\"amount\":1.00}"), Map.of());
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> drawn(line) == 5.00);

            double before = retries();
            StoppablePostgres.stopDatabase();
            for (int i = 6; i <= 15; i++) {
                topic.send(TOPIC, line, message("outage-" + i, FactType.DRAWDOWN, line, "{\"amount\":1.00}"), Map.of());
            }
            // the consumer has fetched them and tried, several times, to record them against a database that is gone
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> retries() >= before + 5);
            assertThat(management().get("/q/health/ready").statusCode()).isEqualTo(503);
            StoppablePostgres.restart();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> drawn(line) == 15.00);
        List<Map<String, Object>> events = as("officer1").get("/api/credit-lines/" + line + "/events?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(events.stream().filter(e -> "DrawdownRecorded".equals(e.get("type")))
                .map(e -> (Object) ((Map<?, ?>) e.get("metadata")).get("correlationId")).toList())
                .containsExactly("outage-1", "outage-2", "outage-3", "outage-4", "outage-5", "outage-6", "outage-7",
                        "outage-8", "outage-9", "outage-10", "outage-11", "outage-12", "outage-13", "outage-14", "outage-15");
        assertThat(as("admin").get("/api/admin/dead-letters").then().statusCode(200).extract().jsonPath().getList("items"))
                .isEmpty();
        String metrics = management().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("uplift_servicing_feed_facts_total{outcome=\"dead-lettered\"} 0.0");
        assertThat(metrics).containsPattern("uplift_servicing_feed_facts_total\\{outcome=\"recorded\"} 15\\.0");
    }

    private static double retries() {
        var matcher = java.util.regex.Pattern.compile("(?m)^uplift_servicing_feed_retries_total(?:\\{[^}]*})? ([0-9.Ee+]+)$")
                .matcher(management().get("/q/metrics").then().extract().asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static double drawn(String line) {
        var response = as("channel").get("/api/credit-lines/" + line);
        return response.statusCode() == 200 ? response.jsonPath().getDouble("drawn") : -1;
    }
}
