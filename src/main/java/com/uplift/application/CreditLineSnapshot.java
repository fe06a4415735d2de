package com.uplift.application;

import com.uplift.domain.creditline.CreditLineState;
import com.uplift.eventstore.Checkpoint;

/** A credit line's state at a stream version; {@code checkpoint} is where its last event sits in the global log. */
public record CreditLineSnapshot(String creditLineId, CreditLineState state, long version, Checkpoint checkpoint) {
}
