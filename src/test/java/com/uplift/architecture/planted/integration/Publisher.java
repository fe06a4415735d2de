package com.uplift.architecture.planted.integration;

import com.uplift.architecture.planted.application.Service;
import com.uplift.architecture.planted.readmodel.Query;

/** Clean: the Kafka edge publishes from the read side and hands facts to the application. */
public class Publisher {
    Query query;
    Service service;
}
