package com.uplift.testing;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Registers the test resources for every @QuarkusTest in the module: a real PostgreSQL, a real Kafka broker and JWT
 * test keys. The two servers start side by side (parallel): the broker's start (3-12 s here) then costs the run little
 * more than PostgreSQL's.
 */
@QuarkusTestResource(value = PostgresTestResource.class, parallel = true)
@QuarkusTestResource(value = KafkaTestResource.class, parallel = true)
@QuarkusTestResource(JwtTestKeys.class)
public final class UsesPostgres {
    private UsesPostgres() {
    }
}
