package com.uplift.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Work that must commit or roll back together with an append: it runs on the append's connection, inside its
 * transaction. The Idempotency-Key's answer is written this way, so that a crash can never leave events without the
 * answer that tells a retry they were already appended (nor an answer without its events).
 */
public interface AlongsideAppend {

    /** Nothing alongside: a plain append. */
    AlongsideAppend NOTHING = new AlongsideAppend() {
    };

    /**
     * Runs first in the transaction, before the stream is read or written: the place for a claim that a concurrent
     * duplicate must wait behind (a row it also inserts blocks it until this transaction ends).
     */
    default Uni<Void> before(SqlConnection connection) {
        return Uni.createFrom().voidItem();
    }

    /** Runs after the events are inserted (or found already stored), with what the append did. */
    default Uni<Void> after(SqlConnection connection, AppendResult result) {
        return Uni.createFrom().voidItem();
    }
}
