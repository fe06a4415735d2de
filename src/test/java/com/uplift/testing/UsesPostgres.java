package com.uplift.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link PostgresTestResource} for every @QuarkusTest in the module. */
@QuarkusTestResource(PostgresTestResource.class)
public final class UsesPostgres {
    private UsesPostgres() {
    }
}
