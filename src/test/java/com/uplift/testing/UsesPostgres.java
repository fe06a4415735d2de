package com.uplift.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the test resources for every @QuarkusTest in the module: a real PostgreSQL and JWT test keys. */
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(JwtTestKeys.class)
public final class UsesPostgres {
    private UsesPostgres() {
    }
}
