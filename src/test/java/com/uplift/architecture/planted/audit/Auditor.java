package com.uplift.architecture.planted.audit;

import com.uplift.architecture.planted.application.Service;
import com.uplift.architecture.planted.domain.creditline.Decider;
import com.uplift.architecture.planted.eventstore.Store;
import com.uplift.architecture.planted.readmodel.Query;

/** Clean: audit uses the application, the read models, the domain and the store. */
public class Auditor {
    Service service;
    Query query;
    Decider decider;
    Store store;
}
