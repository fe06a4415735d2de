package com.uplift.eventstore;

import java.util.UUID;

/** An event id that is already stored with other content (or in another place): never silently accepted. */
public class EventIdConflictException extends RuntimeException {

    private final UUID eventId;

    public EventIdConflictException(UUID eventId, String why) {
        super("event " + eventId + " is already stored " + why);
        this.eventId = eventId;
    }

    public UUID eventId() {
        return eventId;
    }
}
