package com.uplift.architecture.planted.domain.creditline;

import com.uplift.architecture.planted.eventstore.Store;

/** Breaks the layers: the domain reaches for infrastructure. */
public class DeciderThatAppendsToTheStore {
    Store store;
}
