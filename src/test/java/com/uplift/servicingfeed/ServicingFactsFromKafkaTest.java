package com.uplift.servicingfeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.uplift.integration.AsyncApiContract;
import com.uplift.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static com.uplift.servicingfeed.ServicingFactMessagesTest.message;
import static com.uplift.testing.Api.as;
import static com.uplift.testing.Management.management;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Servicing facts through a real Kafka broker (testing/KafkaTestResource), produced by a plain Kafka client as a
 * servicing system would: they become events and reach the read models; a duplicate is recorded once; a malformed
 * and a refused message go to the dead-letter topic with their problem and the partition goes on; an operator lists
 * and replays dead letters.
 */
@QuarkusTest
@Tag("integration")
class ServicingFactsFromKafkaTest {

    private static final String TOPIC = "uplift.servicing-facts";
    private static final String DLQ = "uplift.servicing-facts.dlq";
    private static final String YESTERDAY = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString();
    private static final Duration IN_TIME = Duration.ofSeconds(60); // a loaded 2-core machine; the figure is printed

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    private static FactsTopic topic;

    @BeforeAll
    static void noClientYet() {
        topic = null;
    }

    @AfterAll
    static void closeClient() {
        if (topic != null) {
            topic.close();
        }
    }

    private FactsTopic topic() {
        if (topic == null) {
            topic = new FactsTopic(bootstrapServers);
        }
        return topic;
    }

    @Test
    void factsFromAPlainProducerBecomeEventsAndReachTheReadModels() {
        String line = Api.openLine("B-KAFKA-FLOW", "10000");
        long sent = System.nanoTime();
        topic().send(TOPIC, line, message("flow-" + line + "-1", FactType.DRAWDOWN, line, "{\"amount\":100.00}"), Map.of());
        topic().send(TOPIC, line, message("flow-" + line + "-2", FactType.SERVICE_NOTE, line, "{\"text\":\"called about the statement\"}"), Map.of());

        await().atMost(IN_TIME).pollInterval(Duration.ofMillis(20)).until(() -> streamEvents(line).size() >= 2);
        long recordedMs = (System.nanoTime() - sent) / 1_000_000;
        await().atMost(IN_TIME).pollInterval(Duration.ofMillis(20)).until(() ->
                as("officer1").get("/api/credit-lines?borrowerId=B-KAFKA-FLOW").jsonPath().getDouble("items[0].drawn") == 100.00);
        System.out.printf("servicing facts: recorded %d ms, in the read model %d ms after the producer sent them%n",
                recordedMs, (System.nanoTime() - sent) / 1_000_000);

        assertThat(streamEvents(line)).extracting(e -> e.getString("metadata.correlationId"))
                .containsExactly("flow-" + line + "-1", "flow-" + line + "-2");
        assertThat(streamEvents(line)).extracting(e -> e.getString("metadata.actor")).containsOnly("core-servicing");
    }

    @Test
    void aMessageDeliveredTwiceIsRecordedOnce() {
        String line = Api.openLine("B-KAFKA-DUP", "10000");
        String drawdown = message("dup-" + line, FactType.DRAWDOWN, line, "{\"amount\":250.00}");
        topic().send(TOPIC, line, drawdown, Map.of());
        topic().send(TOPIC, line, drawdown, Map.of());
        // one line's facts are recorded in order: once the marker is in, both copies have been through
        topic().send(TOPIC, line, message("dup-marker-" + line, FactType.SERVICE_NOTE, line, "{\"text\":\"marker\"}"), Map.of());
        await().atMost(IN_TIME).pollInterval(Duration.ofMillis(20)).until(() -> streamEvents(line).stream()
                .anyMatch(e -> ("dup-marker-" + line).equals(e.getString("metadata.correlationId"))));

        assertThat(streamEvents(line)).filteredOn(e -> "DrawdownRecorded".equals(e.getString("type"))).hasSize(1);
        assertThat(as("channel").get("/api/credit-lines/" + line).jsonPath().getDouble("drawn")).isEqualTo(250.00);
    }

    @Test
    void malformedAndRefusedMessagesAreDeadLetteredTheLineGoesOnAndAnOperatorReplaysOnce() throws Exception {
        String line = Api.openLine("B-KAFKA-DLQ", "10000");
        String refused = message("dlq-refused-" + line, FactType.DRAWDOWN, line, "{\"amount\":5000.00}");
        topic().send(TOPIC, line, "{\"messageId\":\"dlq-broken\",", Map.of("trace-id", "t-malformed"));
        topic().send(TOPIC, line, message("dlq-first-" + line, FactType.DRAWDOWN, line, "{\"amount\":9000.00}"), Map.of());
        topic().send(TOPIC, line, refused, Map.of("trace-id", "t-refused"));   // 1,000.00 available: refused
        topic().send(TOPIC, line, message("dlq-after-" + line, FactType.DRAWDOWN, line, "{\"amount\":10.00}"), Map.of());

        await().atMost(IN_TIME).pollInterval(Duration.ofMillis(20)).until(() -> streamEvents(line).stream()
                .anyMatch(e -> ("dlq-after-" + line).equals(e.getString("metadata.correlationId"))));
        assertThat(as("channel").get("/api/credit-lines/" + line).jsonPath().getDouble("drawn")).isEqualTo(9010.00);

        List<ConsumerRecord<String, String>> letters = topic().read(DLQ, r -> line.equals(r.key()), 2, IN_TIME);
        assertThat(letters).hasSize(2);
        AsyncApiContract contract = new AsyncApiContract();   // what is written is what docs/asyncapi.yaml documents
        for (ConsumerRecord<String, String> letter : letters) {
            assertThat(contract.payloadViolations("DeadLetter", json.readTree(letter.value()))).isEmpty();
            ObjectNode headers = json.createObjectNode();
            letter.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
            assertThat(contract.headerViolations("DeadLetter", headers)).isEmpty();
        }
        JsonNode malformed = json.readTree(letters.get(0).value());
        assertThat(malformed.path("reason").asText()).isEqualTo("MALFORMED");
        assertThat(malformed.path("problem").path("type").asText()).isEqualTo("urn:uplift:problem:malformed-request");
        assertThat(malformed.path("problem").path("status").asInt()).isEqualTo(400);
        assertThat(malformed.path("payload").asText()).isEqualTo("{\"messageId\":\"dlq-broken\",");
        assertThat(FactsTopic.header(letters.get(0), "trace-id")).isEqualTo("t-malformed");
        assertThat(FactsTopic.header(letters.get(0), "dead-letter-reason")).isEqualTo("MALFORMED");
        JsonNode refusal = json.readTree(letters.get(1).value());
        assertThat(refusal.path("reason").asText()).isEqualTo("REFUSED");
        assertThat(refusal.path("problem").path("type").asText()).isEqualTo("urn:uplift:problem:business-rule");
        assertThat(refusal.path("problem").path("status").asInt()).isEqualTo(422);
        assertThat(refusal.path("payload").asText()).isEqualTo(refused);
        assertThat(refusal.path("topic").asText()).isEqualTo(TOPIC);
        assertThat(FactsTopic.header(letters.get(1), "trace-id")).isEqualTo("t-refused");
        assertThat(FactsTopic.header(letters.get(1), "dead-letter-offset")).isEqualTo(refusal.path("offset").asText());

        List<Map<String, Object>> listed = as("admin").get("/api/admin/dead-letters?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("items");
        List<Map<String, Object>> ours = listed.stream().filter(l -> line.equals(l.get("key"))).toList();
        assertThat(ours).extracting(l -> l.get("reason")).containsExactly("MALFORMED", "REFUSED");
        long refusedId = ((Number) ours.get(1).get("id")).longValue();
        assertThat(ours.get(1).get("messageId")).isEqualTo("dlq-refused-" + line);
        assertThat(ours.get(1).get("creditLineId")).isEqualTo(line);
        as("ops").get("/api/admin/dead-letters").then().statusCode(403);

        JsonPath stillRefused = replay(refusedId);
        assertThat(stillRefused.getBoolean("recorded")).isFalse();
        assertThat(stillRefused.getInt("status")).isEqualTo(422);
        assertThat(stillRefused.getString("answer.type")).isEqualTo("urn:uplift:problem:business-rule");

        as("ops").body("{\"amount\":9010.00,\"dueDate\":\"" + YESTERDAY + "\",\"paidOn\":\"" + YESTERDAY + "\"}")
                .post("/api/credit-lines/" + line + "/repayments").then().statusCode(200);
        JsonPath recorded = replay(refusedId);
        assertThat(recorded.getBoolean("recorded")).isTrue();
        assertThat(recorded.getInt("status")).isEqualTo(200);
        assertThat(recorded.getDouble("answer.drawn")).isEqualTo(5000.00);
        JsonPath again = replay(refusedId);
        assertThat(again.getBoolean("recorded")).isTrue();
        assertThat(again.getDouble("answer.drawn")).isEqualTo(5000.00);
        assertThat(streamEvents(line)).filteredOn(e -> "DrawdownRecorded".equals(e.getString("type"))).hasSize(3);
        assertThat(as("channel").get("/api/credit-lines/" + line).jsonPath().getDouble("drawn")).isEqualTo(5000.00);

        JsonPath letter = as("admin").get("/api/admin/dead-letters/" + refusedId).then().statusCode(200).extract().jsonPath();
        assertThat(letter.getInt("replayStatus")).isEqualTo(200);
        assertThat(letter.getString("replayedAt")).isNotNull();
        assertThat(letter.getInt("refusedReplays")).isEqualTo(1);
        as("admin").post("/api/admin/dead-letters/999999999/replay").then().statusCode(404)
                .contentType("application/problem+json");

        String metrics = management().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("uplift_servicing_feed_dead_letters_total\\{reason=\"MALFORMED\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("uplift_servicing_feed_dead_letters_total\\{reason=\"REFUSED\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("uplift_servicing_feed_lag\\{partition=\"0\",topic=\"uplift.servicing-facts\"[^}]*} ");
    }

    /**
     * "Within a second" on an otherwise idle service: 200 facts, each sent once the one before is recorded, each timed
     * from the record's timestamp (the producer's clock) to the moment its event is visible in the store (read every
     * 5 ms, on the same machine's clock).
     */
    @Test
    void aFactSentToAnIdleServiceIsRecordedWithinASecond() {
        String line = Api.openLine("B-KAFKA-LATENCY", "10000");
        List<Long> millis = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String messageId = "latency-" + line + "-" + i;
            var sent = topic().send(TOPIC, line, message(messageId, FactType.SERVICE_NOTE, line, "{\"text\":\"statement " + i + " sent\"}"), Map.of());
            await().atMost(IN_TIME).pollInterval(Duration.ofMillis(5)).until(() -> recorded(messageId));
            millis.add(System.currentTimeMillis() - sent.timestamp());
        }
        List<Long> sorted = millis.stream().sorted().toList();
        long p50 = sorted.get(99);
        long p99 = sorted.get(197);
        System.out.printf("servicing facts, one at a time: produce to event p50 %d ms, p99 %d ms, max %d ms%n", p50, p99, sorted.get(199));
        assertThat(p50).as("p50 ms").isLessThan(1000);
        assertThat(p99).as("p99 ms").isLessThan(1000);
    }

    /**
     * The README's kcat example, as written: its M1 and MSG lines evaluated by bash, the record sent to the topic and
     * key its kcat line names (by a plain producer: kcat itself need not be installed), recorded as the README says.
     */
    @Test
    void theReadmesKcatExampleIsRecordedAsTheReadmeShows() throws Exception {
        String line = Api.openLine("B-KAFKA-README", "10000");
        List<String> readme = java.nio.file.Files.readAllLines(java.nio.file.Path.of("README.md"));
        String m1 = readme.stream().filter(l -> l.startsWith("M1=")).findFirst().orElseThrow();
        int start = java.util.stream.IntStream.range(0, readme.size()).filter(i -> readme.get(i).startsWith("MSG='")).findFirst().orElseThrow();
        String msg = readme.get(start) + "\n" + readme.get(start + 1);
        String kcat = readme.get(start + 2);
        Process bash = new ProcessBuilder("bash", "-c", m1 + "\n" + msg.replace("<id>", line) + "\nprintf '%s' \"$MSG\"").start();
        String value = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).as("bash ran the README's lines").isZero();
        var kcatLine = java.util.regex.Pattern.compile("^echo \"<id>(.)\\$MSG\" \\| kcat -P -b \\S+ -t (\\S+) -K '(.)'$").matcher(kcat);
        assertThat(kcatLine.matches()).as(kcat).isTrue();
        assertThat(kcatLine.group(1)).as("the key separator echoed is kcat's -K").isEqualTo(kcatLine.group(3));
        assertThat(kcatLine.group(2)).isEqualTo(TOPIC);

        topic().send(kcatLine.group(2), line, value, Map.of());

        await().atMost(IN_TIME).pollInterval(Duration.ofMillis(20)).until(() -> streamEvents(line).size() >= 1);
        JsonPath repayment = streamEvents(line).get(0);
        assertThat(repayment.getString("type")).isEqualTo("RepaymentRecorded");
        assertThat(repayment.getString("metadata.actor")).isEqualTo("core-servicing");
        assertThat(repayment.getString("metadata.channel")).isEqualTo("STREAM");
        assertThat(repayment.getString("metadata.correlationId")).isEqualTo("core-20261128-000042");
        assertThat(repayment.getDouble("payload.amount")).isEqualTo(850.00);
        // the README's M1 is last month as the shell's `date` tells it: the machine's zone, which bash inherits
        assertThat(repayment.getString("payload.dueDate")).isEqualTo(java.time.YearMonth.now(ZoneId.systemDefault())
                .minusMonths(1) + "-15");
    }

    private boolean recorded(String messageId) {
        return pool.preparedQuery("SELECT 1 FROM events WHERE metadata->>'correlationId' = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(messageId)).await().atMost(Duration.ofSeconds(10)).size() > 0;
    }

    private static JsonPath replay(long id) {
        return as("admin").post("/api/admin/dead-letters/" + id + "/replay").then().statusCode(200).extract().jsonPath();
    }

    /** The events that record a fact (not what the fact triggers: assessment, pricing, warnings). */
    private static final java.util.Set<String> FACTS = java.util.Set.of("DrawdownRecorded", "RepaymentRecorded",
            "PaymentMissed", "DelinquencyReported", "IncomeVerified", "AssetChangeReported", "BureauReportReceived",
            "ServiceNoteRecorded");

    /** The line's facts recorded from messages (channel STREAM), in order. */
    private static List<JsonPath> streamEvents(String line) {
        List<Map<String, Object>> items = as("officer1").get("/api/credit-lines/" + line + "/events?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(e -> "STREAM".equals(((Map<?, ?>) e.get("metadata")).get("channel")))
                .filter(e -> FACTS.contains(e.get("type")))
                .map(e -> JsonPath.from(toJson(e))).toList();
    }

    private static String toJson(Map<String, Object> event) {
        try {
            return new ObjectMapper().writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
