package com.uplift.architecture.planted.api;

import com.uplift.architecture.planted.application.Service;
import com.uplift.architecture.planted.audit.Auditor;
import com.uplift.architecture.planted.domain.creditline.Decider;
import com.uplift.architecture.planted.eventstore.Store;
import com.uplift.architecture.planted.readmodel.Query;

/** Clean: the HTTP edge uses every layer below it. */
public class Resource {
    Auditor auditor;
    Service service;
    Query query;
    Decider decider;
    Store store;
}
