package com.uplift.readmodel;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.RecordedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.util.List;
import java.util.Set;

/**
 * A read model fed from the event log. Each batch takes effect in the transaction that also moves the projection's
 * checkpoint, so each event takes effect exactly once; except for an {@link Outbound} one, which delivers outside any
 * transaction, at least once. How a batch is written is the projection's kind: {@link PerBatch} (its events decoded,
 * written through Panache's current session) or {@link InBulk} (rows folded in memory and written in a few statements
 * on the runner's connection, live batches and rebuilds alike).
 */
public interface Projection {

    String name();

    /** The credit-line event types this projection reads; others are passed over without being deserialized. */
    Set<Class<? extends CreditLineEvent>> eventTypes();

    /** Deletes one generation's rows (after a rebuild has replaced it). */
    Uni<Void> drop(int generation);

    /**
     * A projection handed each batch's events decoded: it writes through Panache's current session, in the
     * transaction whose first statement moved the checkpoint, or (an {@link Outbound} one) delivers with none open.
     */
    interface PerBatch extends Projection {

        /** Applies a batch, in log order, to one generation of the read model. */
        Uni<Void> apply(int generation, List<Applied> batch);
    }

    /**
     * A projection that can also build a generation in bulk from stretches of the log, each read with only what its
     * fold needs ({@link #foldReads}), made ready off the event loop ({@link #prepare}) and applied on a plain
     * connection (a few statements per stretch, not per row) inside the transaction that moves the checkpoint. The
     * runner uses it to build a new generation and, each live batch read the same way, to keep the live generation:
     * there is no other way to write its rows. A rebuild and the live batches must leave exactly the same
     * rows.
     *
     * @param <S> a stretch made ready to apply
     */
    interface InBulk<S> {

        /** Of each event type it reads, what the fold needs: the payload whole, a few fields of it, or nothing. */
        List<EventStore.FoldRead> foldReads();

        /**
         * Events read as {@link #foldReads} asks, made ready to apply: a rebuild's stretch (on a worker thread) and a
         * live batch alike, whose events the runner cuts down to the same reads ({@link EventStore.FoldEvent#of}).
         */
        S prepare(List<EventStore.FoldEvent> events);

        Uni<Void> applyInBulk(SqlConnection connection, int generation, S stretch);
    }

    /**
     * A projection that delivers to a system outside this database (a broker). Its {@link PerBatch#apply} runs with no
     * transaction open, and the runner moves its checkpoint afterwards in one guarded statement of its own: the store's
     * reads stop below the oldest transaction still open, so waiting for another system inside one would hold every
     * projection back for as long as that system takes. At least once: a batch delivered whose checkpoint did not move
     * (a crash in between, or another runner that moved it meanwhile) is delivered again.
     */
    interface Outbound extends PerBatch {
    }

    /**
     * A projection that writes elsewhere than this database (a broker) fails with this when that system is away: the
     * runner retries the batch at its next poll, like a passing database failure, and never marks its events as poison.
     */
    class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An event as a projection sees it: the stored record, the domain event and the line it belongs to. */
    record Applied(RecordedEvent recorded, CreditLineEvent event, String creditLineId) {
    }
}
