package com.uplift.application;

import com.uplift.testing.Api;
import com.uplift.testing.DatabaseApart;
import com.uplift.testing.PackagedInstance;
import com.uplift.testing.Policies;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command is decided under the policy book as its instance knows it, without reading the policy stream (issue 12
 * item 4); the append requires the policy stream unmoved. So a policy approved on another instance, which this
 * instance has not read, is still the one the next command here is decided under: its append finds the book moved,
 * the book is read again and the command decided again.
 * <p>
 * On a database apart from the shared one ({@link DatabaseApart}): the policy it approves must not reach other tests.
 * It reads the version in force before it starts, so what ran there before it does not matter.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(DatabaseApart.class)
class PolicyApprovedElsewhereTest {

    @Inject
    PolicyCatalog policies;

    @Inject
    Pool pool;

    @Test
    void aPolicyApprovedOnAnotherInstanceDecidesTheNextCommandHere() {
        String line = Api.openLine("B-POLICY-ELSEWHERE", "20000");
        repay(line);
        int before = policies.known().book().activeVersion();
        assertThat(policyOfLastAssessment(line)).isEqualTo(before);

        int approved;
        try (PackagedInstance other = PackagedInstance.start("policy-approved-elsewhere", PackagedInstance.sharingThisDatabase(),
                Duration.ofSeconds(120))) {
            Map<String, Object> draft = Policies.draftFrom(before, "v-next: approved elsewhere", "coolingOffDays", 61);
            String location = other.as("admin").contentType(ContentType.JSON).body(Map.of("basedOn", before, "reason", "approved on the other instance",
                            "policy", draft))
                    .post("/api/policies").then().statusCode(201).extract().header("Location");
            approved = Integer.parseInt(location.substring(location.lastIndexOf('/') + 1));
            other.as("admin2").contentType(ContentType.JSON).body("{\"comment\":\"four eyes\"}").post("/api/policies/" + approved + "/approval")
                    .then().statusCode(200);
        }
        // this instance has not read the policy stream since: it still knows the old book
        assertThat(policies.known().book().activeVersion()).isEqualTo(before);

        repay(line);

        assertThat(policyOfLastAssessment(line)).as("the policy the repayment was assessed under").isEqualTo(approved);
        assertThat(policies.known().book().activeVersion()).isEqualTo(approved);
    }

    private static void repay(String line) {
        String today = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        Api.as("ops").body("{\"amount\":10.00,\"dueDate\":\"" + today + "\",\"paidOn\":\"" + today + "\"}")
                .post("/api/credit-lines/" + line + "/repayments").then().statusCode(200);
    }

    private int policyOfLastAssessment(String line) {
        return pool.preparedQuery("""
                        SELECT (payload ->> 'policyVersion')::int AS v FROM events
                        WHERE stream_id = $1 AND event_type = 'RiskAssessed' ORDER BY stream_version DESC LIMIT 1""")
                .execute(Tuple.of("credit-line-" + line)).await().indefinitely().iterator().next().getInteger("v");
    }
}
