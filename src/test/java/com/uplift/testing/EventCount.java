package com.uplift.testing;

import io.vertx.mutiny.sqlclient.Pool;

/** How many events the store holds: a refused request must leave it unchanged. */
public final class EventCount {

    private EventCount() {
    }

    public static long of(Pool pool) {
        return pool.query("SELECT count(*) AS n FROM events").execute().await().indefinitely().iterator().next().getLong("n");
    }
}
