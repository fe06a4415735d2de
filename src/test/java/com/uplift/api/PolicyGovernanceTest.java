package com.uplift.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.uplift.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Four-eyes on policy changes: propose, self-approval refused, approval by another admin puts it in force. */
@QuarkusTest
@Tag("integration")
class PolicyGovernanceTest {

    @Test
    void aProposalTakesEffectOnlyWhenAnotherAdminApprovesIt() {
        JsonPath listed = as("auditor").get("/api/policies").then().statusCode(200).extract().jsonPath();
        int active = listed.getInt("activeVersion");
        Map<String, Object> policy = com.uplift.testing.Policies.draftFrom(active, "v-next: lower cooling-off", "coolingOffDays", 60);

        String location = as("admin").header("Idempotency-Key", "propose-cooling-60")
                .body(Map.of("basedOn", active, "reason", "pilot review", "policy", policy))
                .post("/api/policies").then().statusCode(201)
                .body("status", equalTo("PROPOSED"))
                .body("proposedBy", equalTo("admin"))
                .extract().header("Location");
        int proposed = Integer.parseInt(location.substring(location.lastIndexOf('/') + 1));
        // a retried proposal with the same key is the same proposal, not a second one
        as("admin").header("Idempotency-Key", "propose-cooling-60")
                .body(Map.of("basedOn", active, "reason", "pilot review", "policy", policy))
                .post("/api/policies").then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/api/policies/" + proposed));
        as("auditor").get("/api/policies").then().body("versions.size()", equalTo(proposed));

        as("officer1").get("/api/policies/" + proposed + "/diff").then().statusCode(200)
                .body("changes.path", hasItem("increase.coolingOffDays"))
                .body("changes.path", hasItem("name"));
        as("auditor").get("/api/policies").then().body("activeVersion", equalTo(active));

        as("admin").body("{\"comment\":\"looks right\"}").post(location + "/approval")
                .then().statusCode(422).body("code", equalTo("FOUR_EYES"))
                .body("type", equalTo("urn:uplift:problem:business-rule"))
                .body("title", equalTo("The policy book refuses this command"));
        as("auditor").get("/api/policies").then().body("activeVersion", equalTo(active));

        as("admin2").body("{\"comment\":\"checked against the pilot data\"}").post(location + "/approval")
                .then().statusCode(200).body("status", equalTo("ACTIVE")).body("approvedBy", equalTo("admin2"));
        as("auditor").get("/api/policies").then().body("activeVersion", equalTo(proposed));
        as("auditor").get("/api/policies/" + active).then().body("summary.status", equalTo("RETIRED"));

        as("admin").body(Map.of("reason", "bad", "policy", Map.of("version", 1))).post("/api/policies")
                .then().statusCode(400).contentType("application/problem+json");

        // a fractional share is refused, not cut to 1 (and nothing is proposed)
        as("admin").body(Map.of("basedOn", proposed, "reason", "a/b", "policy", policy, "challengerSharePercent", 1.5))
                .post("/api/policies").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("challengerSharePercent"));
        as("admin").body(Map.of("basedOn", proposed, "reason", "a/b", "policy", policy, "challengerSharePercent", 51))
                .post("/api/policies").then().statusCode(422).body("code", equalTo("CHALLENGER_SHARE_OUT_OF_RANGE"))
                .body("title", equalTo("The policy book refuses this command"));
        as("auditor").get("/api/policies").then().body("versions.size()", equalTo(proposed));
    }
}
