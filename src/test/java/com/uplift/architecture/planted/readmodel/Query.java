package com.uplift.architecture.planted.readmodel;

import com.uplift.architecture.planted.domain.creditline.Decider;
import com.uplift.architecture.planted.eventstore.Store;

/** Clean: a read model uses the domain's events and the store. */
public class Query {
    Decider decider;
    Store store;
}
