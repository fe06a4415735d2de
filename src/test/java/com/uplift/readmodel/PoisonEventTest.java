package com.uplift.readmodel;

import com.uplift.eventstore.HashChain;
import com.uplift.testing.Api;
import com.uplift.testing.OwnDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import static com.uplift.readmodel.ReadModelProbe.WAIT;
import static com.uplift.readmodel.ReadModelProbe.lag;
import static com.uplift.testing.Api.as;
import static com.uplift.testing.Management.management;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event a projection cannot apply stops that projection at its position, and only that one. The poison event is
 * planted on a database of its own: it stays in the log for good, and no other test should have to read past it.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(PoisonEventTest.OwnStore.class)
class PoisonEventTest {

    public static class OwnStore extends OwnDatabase {
    }

    @Inject
    AgroalDataSource jdbc;

    @Inject
    ProjectionRunner runner;

    @Test
    void aPoisonEventStopsItsProjectionAtItsPositionWhileTheOthersGoOn() throws Exception {
        ReadModelProbe probe = new ReadModelProbe(jdbc, runner);
        String line = Api.openLine("B-BEFORE-POISON", "3000");
        await().atMost(WAIT).until(() -> probe.liveRow(line) != null);
        String poisonStream = "credit-line-poison-" + UUID.randomUUID();
        String position = insertPoison(poisonStream);
        runner.wakeAll();
        try {
            await().atMost(WAIT).until(() -> "FAILED".equals(probe.state("credit-lines")));
            // The Kafka publisher reads CreditLineOpened too: it stops at the same event rather than skip it unseen.
            await().atMost(WAIT).until(() -> "FAILED".equals(probe.state("credit-line-events")));
            JsonPath status = as("admin").get("/api/admin/projections").then().statusCode(200).extract().jsonPath();
            assertThat(status.getString("find { it.name == 'credit-lines' }.failedPosition")).isEqualTo(position);
            assertThat(status.getString("find { it.name == 'credit-lines' }.error")).contains(poisonStream);
            management().get("/q/health/ready").then().statusCode(503);

            // The others read past it (they do not read that event type) and keep following the log.
            await().atMost(WAIT).until(() -> lag("warnings") == 0 && lag("increase-decisions") == 0);
            assertThat(probe.state("warnings")).isEqualTo("RUNNING");
            long before = probe.liveRow(line).get("stream_version");
            as("ops").body("{\"amount\":10.00}").post("/api/credit-lines/" + line + "/drawdowns").then().statusCode(200);
            probe.awaitAFullTurn("credit-lines");
            assertThat(probe.liveRow(line).get("stream_version")).isEqualTo(before); // the stopped projection did not move on silently
            // and the per-borrower cap does not depend on it: the borrower's exposure stream is read in the append
            as("channel").body("{\"borrowerId\":\"B-BEFORE-POISON\",\"productCode\":\"XM-CASH\",\"initialLimit\":197001}")
                    .post("/api/credit-lines").then().statusCode(422).body("code", org.hamcrest.Matchers.equalTo("ABOVE_BORROWER_MAX"));
            as("channel").body("{\"borrowerId\":\"B-BEFORE-POISON\",\"productCode\":\"XM-CASH\",\"initialLimit\":197000}")
                    .post("/api/credit-lines").then().statusCode(201);
        } finally {
            for (String stopped : List.of("credit-lines", "credit-line-events")) {
                as("admin").body("{\"skipFailedEvent\":true,\"reason\":\"test poison event, not a real line\"}")
                        .post("/api/admin/projections/" + stopped + "/restart").then().statusCode(204);
            }
        }
        await().atMost(WAIT).until(() -> "RUNNING".equals(probe.state("credit-lines")) && lag("credit-lines") == 0);
        assertThat(probe.liveRow(line).get("stream_version")).isEqualTo(probe.storeVersion(line)); // and caught up after
        management().get("/q/health/ready").then().statusCode(200);
        assertThat(as("admin").get("/api/admin/projections").then().extract().jsonPath()
                .getString("find { it.name == 'credit-lines' }.error")).contains("skipped by admin");
    }

    /** An event no honest writer appends: a CreditLineOpened whose payload is not one. */
    private String insertPoison(String stream) throws SQLException {
        try (Connection c = jdbc.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, payload, metadata,
                                    recorded_at, previous_hash, hash)
                VALUES (?, 1, ?, 'CreditLineOpened', 1, '{"garbage":true}'::jsonb, '{}'::jsonb, now(), ?, ?)
                RETURNING transaction_id::text || '-' || global_position""")) {
            insert.setString(1, stream);
            insert.setObject(2, UUID.randomUUID());
            insert.setString(3, HashChain.GENESIS);
            insert.setString(4, HashChain.GENESIS);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
