package com.uplift.api;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The request ids the service makes up for a request that brings none: random version-4 UUIDs, each new. */
class RequestIdTest {

    @Test
    void a_made_up_request_id_is_a_new_random_version_4_uuid_that_the_service_would_also_accept_from_a_client() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestFilters.newRequestId();
            UUID parsed = UUID.fromString(id);
            assertThat(parsed.version()).as(id).isEqualTo(4);
            assertThat(parsed.variant()).as(id).isEqualTo(2);
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(Caller.isValidRequestId(id)).as(id).isTrue();
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }
}
