package com.uplift.offers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.uplift.application.IncreaseListPolicy;
import io.quarkus.arc.Arc;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.Map;

import static com.uplift.testing.Api.as;
import static org.awaitility.Awaitility.await;

/** The increase list over the API, for tests: its policy section in force (admin proposes, admin2 approves), a scan. */
final class IncreaseList {

    private IncreaseList() {
    }

    /** Proposes the active policy with the shipped offers section, approves it as a second admin; its version. */
    @SuppressWarnings("unchecked")
    static int enact() {
        int active = as("auditor").get("/api/policies").then().statusCode(200).extract().jsonPath().getInt("activeVersion");
        Map<String, Object> policy = as("admin").get("/api/policies/" + active).then().statusCode(200)
                .extract().jsonPath().getMap("policy");
        policy.put("name", "with the increase list (提额名单)");
        policy.put("offers", Arc.container().instance(ObjectMapper.class).get()
                .convertValue(IncreaseListPolicy.section(), Map.class));
        int proposed = as("admin").body(Map.of("basedOn", active, "reason", "offers", "policy", policy))
                .post("/api/policies").then().statusCode(201).extract().jsonPath().getInt("version");
        as("admin2").body(Map.of("comment", "four eyes")).post("/api/policies/" + proposed + "/approval")
                .then().statusCode(200);
        return proposed;
    }

    /** Starts a scan as admin (202 with Location) and waits for it to complete; the finished run. */
    static JsonPath scan() {
        String location = as("admin").post("/api/admin/offer-scans").then().statusCode(202)
                .extract().header("Location");
        JsonPath[] run = new JsonPath[1];
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
            run[0] = as("admin").get(location).then().statusCode(200).extract().jsonPath();
            return "COMPLETED".equals(run[0].getString("status"));
        });
        return run[0];
    }
}
