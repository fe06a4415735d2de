package com.uplift.architecture.planted.eventstore;

/** Clean: the store knows nothing of the project. */
public class Store {
    String streamId;
}
