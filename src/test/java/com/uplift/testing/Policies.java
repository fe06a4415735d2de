package com.uplift.testing;

import java.util.Map;

import static com.uplift.testing.Api.as;

/** Policy drafts for tests: a stored version's document with a new name and one increase rule changed. */
public final class Policies {

    private Policies() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> draftFrom(int version, String name, String increaseRule, Object value) {
        Map<String, Object> policy = as("admin").get("/api/policies/" + version).then().statusCode(200)
                .extract().jsonPath().getMap("policy");
        policy.put("name", name);
        ((Map<String, Object>) policy.get("increase")).put(increaseRule, value);
        return policy;
    }
}
