package com.uplift.application;

import com.uplift.eventstore.AlongsideAppend;
import com.uplift.eventstore.AppendResult;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.util.UUID;
import java.util.function.Function;

/**
 * The answer to a command that carried an Idempotency-Key (a credit-line or a policy command), written in the transaction that appends the command's
 * events: either both are stored or neither is, so a crash between append and answer cannot happen and a retry
 * never runs an applied command again.
 */
public interface CommandAnswer<T> {

    /** The id of the command's {@code index}-th event: the same request under the same key gets the same ids. */
    UUID eventId(int index);

    /**
     * First in the append's transaction: claims the key, so that a concurrent duplicate waits for this transaction and
     * then finds the answer; fails when the key is already answered.
     */
    Uni<Void> claim(SqlConnection connection);

    /** Last in the append's transaction: stores the answer the client gets for what the command left (a line, the policy book). */
    Uni<Void> record(SqlConnection connection, T after);

    /**
     * The work an append runs alongside its events for this answer: the claim first, the answer last.
     *
     * @param answer null when the command carried no key (then nothing runs alongside)
     * @param after  what the command left, from what the append did
     */
    static <T> AlongsideAppend alongside(CommandAnswer<T> answer, Function<AppendResult, T> after) {
        return answer == null ? AlongsideAppend.NOTHING : new AlongsideAppend() {
            @Override
            public Uni<Void> before(SqlConnection connection) {
                return answer.claim(connection);
            }

            @Override
            public Uni<Void> after(SqlConnection connection, AppendResult result) {
                return answer.record(connection, after.apply(result));
            }
        };
    }
}
