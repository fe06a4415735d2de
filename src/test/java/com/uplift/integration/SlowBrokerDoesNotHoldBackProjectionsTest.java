package com.uplift.integration;

import com.uplift.readmodel.CreditLinesProjection;
import com.uplift.readmodel.ProjectionRunner;
import com.uplift.testing.Api;
import com.uplift.testing.KafkaTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While the publisher waits for a broker that does not answer, the other projections keep up with new commands. The
 * store's reads stop below the oldest transaction still open, so a publisher that waited for Kafka inside a transaction
 * held every reader back for as long as the send took. Here a send waits up to two minutes (the production setting
 * gives up after 10 s, then tries again at once, which stalls the readers just the same, only in 10 s slices).
 */
@QuarkusTest
@Tag("integration")
@TestProfile(SlowBrokerDoesNotHoldBackProjectionsTest.PatientPublisher.class)
class SlowBrokerDoesNotHoldBackProjectionsTest {

    /** How long a line may take to show in the credit-lines read model: far below the publisher's two minutes. */
    private static final Duration SHOWS_WITHIN = Duration.ofSeconds(15);
    private static final Duration WAIT = Duration.ofSeconds(150);

    public static class PatientPublisher implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String producer = "mp.messaging.outgoing." + CreditLineEventsPublisher.NAME + ".";
            return Map.of(producer + "delivery.timeout.ms", "120000", producer + "request.timeout.ms", "30000",
                    producer + "max.block.ms", "120000");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource jdbc;

    @Inject
    ProjectionRunner runner;

    @ConfigProperty(name = "mp.messaging.outgoing.credit-line-events.topic")
    String topic;

    @Test
    void newLinesReachTheCreditLinesReadModelWhileThePublisherWaitsForTheBrokerAndArePublishedOnceItIsBack() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        await().atMost(WAIT).until(() -> lag(CreditLineEventsPublisher.NAME) == 0);

        List<String> lines = new ArrayList<>();
        KafkaTestResource.stopBroker();
        try {
            // The first line's events set the publisher sending (and waiting); the lines after it are recorded while it
            // waits: each must still show in the read model within seconds.
            for (int i = 1; i <= 4; i++) {
                String borrower = "B-KSLOW-" + run + "-" + i;
                lines.add(Api.openLine(borrower, "10000"));
                long started = System.nanoTime();
                await().atMost(SHOWS_WITHIN).pollInterval(Duration.ofMillis(100))
                        .untilAsserted(() -> assertThat(linesOf(borrower)).as("lines of %s in the credit-lines read model", borrower)
                                .isEqualTo(1));
                System.out.printf("line %d of %s showed in the read model after %d ms%n", i, borrower,
                        (System.nanoTime() - started) / 1_000_000);
            }
            assertThat(lag(CreditLinesProjection.NAME)).as("credit-lines lag while the broker is away").isZero();
            assertThat(lag(CreditLineEventsPublisher.NAME)).as("the publisher's lag while the broker is away")
                    .isGreaterThanOrEqualTo(lines.size());
        } finally {
            KafkaTestResource.startBroker();
        }

        await().atMost(WAIT).until(() -> lag(CreditLineEventsPublisher.NAME) == 0);
        try (CreditLineEventsTopic events = new CreditLineEventsTopic(bootstrapServers, topic)) {
            for (String line : lines) {
                List<CreditLineEventsTopic.Received> received = CreditLineEventsTopic.withoutRepeats(events.readUntil(line,
                        r -> r.stream().anyMatch(e -> e.body().get("eventType").asText().equals("CreditLineOpened")),
                        WAIT));
                assertThat(received).extracting(r -> r.body().get("eventType").asText())
                        .as("line %s's events on the topic once the broker is back", line).contains("CreditLineOpened");
            }
        }
    }

    /**
     * Two runners overlap: while this one waits for the broker, another (an instance that took the lead over) moves the
     * publisher's checkpoint past the batch. When the broker is back, the late send is delivered (a repeat downstream)
     * but its checkpoint move is refused: the checkpoint stays where the other runner put it, never back.
     */
    @Test
    void aSendThatOutlivesItsLeadDeliversButDoesNotMoveTheCheckpointBack() throws SQLException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        await().atMost(WAIT).until(() -> lag(CreditLineEventsPublisher.NAME) == 0);

        String line;
        String movedTo;
        long turnsBefore;
        KafkaTestResource.stopBroker();
        try {
            String borrower = "B-KOVERLAP-" + run;
            line = Api.openLine(borrower, "10000");
            // The publisher read the line's events with the credit-lines projection and is now waiting for the broker.
            await().atMost(SHOWS_WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> linesOf(borrower) == 1);
            turnsBefore = runner.completedTurns(CreditLineEventsPublisher.NAME);
            // A line after the waiting batch, so that the other runner's checkpoint lies beyond the batch's end.
            String later = borrower + "-later";
            Api.openLine(later, "10000");
            await().atMost(SHOWS_WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> linesOf(later) == 1);
            movedTo = moveThePublishersCheckpointToTheHead();
        } finally {
            KafkaTestResource.startBroker();
        }

        try (CreditLineEventsTopic events = new CreditLineEventsTopic(bootstrapServers, topic)) {
            assertThat(events.readUntil(line, r -> !r.isEmpty(), WAIT)).extracting(r -> r.body().get("eventType").asText())
                    .as("the late send reaches the topic once the broker is back").contains("CreditLineOpened");
        }
        await().atMost(WAIT).until(() -> runner.completedTurns(CreditLineEventsPublisher.NAME) >= turnsBefore + 2);
        assertThat(publishersCheckpoint()).as("the publisher's checkpoint after its late send").isEqualTo(movedTo);
    }

    /** What another runner would leave: the checkpoint at the last event of the log. Returns it as "txid-position". */
    private String moveThePublishersCheckpointToTheHead() throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("""
                    UPDATE projection_checkpoints c SET transaction_id = head.transaction_id, position = head.global_position
                    FROM (SELECT transaction_id::text::bigint AS transaction_id, global_position FROM events
                          ORDER BY transaction_id DESC, global_position DESC LIMIT 1) head
                    WHERE c.id = (SELECT name || ':' || live_generation FROM projections WHERE name = 'credit-line-events')""");
        }
        return publishersCheckpoint();
    }

    private String publishersCheckpoint() throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT transaction_id || '-' || position FROM projection_checkpoints
                WHERE id = (SELECT name || ':' || live_generation FROM projections WHERE name = 'credit-line-events')""")) {
            assertThat(rs.next()).as("the publisher's live checkpoint").isTrue();
            return rs.getString(1);
        }
    }

    private static int linesOf(String borrower) {
        return as("officer1").get("/api/credit-lines?borrowerId=" + borrower).then().statusCode(200).extract().jsonPath()
                .getList("items").size();
    }

    /** Events after the projection's live checkpoint, as operators see it (measured on each request). */
    private static long lag(String projection) {
        return as("admin").get("/api/admin/projections").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.name == '" + projection + "' }.lagEvents");
    }
}
