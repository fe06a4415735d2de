package com.uplift.architecture.planted.application;

import com.uplift.architecture.planted.domain.creditline.Decider;
import com.uplift.architecture.planted.eventstore.Store;
import com.uplift.architecture.planted.readmodel.Query;

/** Clean: the application uses the read models, the domain and the store. */
public class Service {
    Query query;
    Decider decider;
    Store store;
}
