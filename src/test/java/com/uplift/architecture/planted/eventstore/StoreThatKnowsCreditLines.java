package com.uplift.architecture.planted.eventstore;

import com.uplift.architecture.planted.domain.creditline.Decider;

/** Breaks the layers and the store's independence: the event store reaches into the domain. */
public class StoreThatKnowsCreditLines {
    Decider decider;
}
