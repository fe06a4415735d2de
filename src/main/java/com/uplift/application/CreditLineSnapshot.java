package com.uplift.application;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.eventstore.Checkpoint;

import java.util.List;

/**
 * A credit line's state at a stream version; {@code checkpoint} is where its last event sits in the global log and
 * {@code appended} the events the command that produced this snapshot appended (empty for a plain load).
 */
public record CreditLineSnapshot(String creditLineId, CreditLineState state, long version, Checkpoint checkpoint,
                                 List<CreditLineEvent> appended) {

    public CreditLineSnapshot {
        appended = List.copyOf(appended);
    }

    /** The first appended event of a type, if the command appended one. */
    public <E extends CreditLineEvent> java.util.Optional<E> appended(Class<E> type) {
        return appended.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
