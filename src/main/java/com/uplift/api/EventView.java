package com.uplift.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.uplift.eventstore.EventMetadata;
import com.uplift.eventstore.RecordedEvent;

import java.time.Instant;

/** One stored event as the history endpoints show it: the payload as stored, with its metadata and chain link. */
public record EventView(long version, String position, String type, int schemaVersion, Instant recordedAt,
                        JsonNode payload, EventMetadata metadata, String previousHash, String hash) {

    static EventView of(RecordedEvent e) {
        return new EventView(e.streamVersion(), e.checkpoint().toString(), e.eventType(), e.schemaVersion(),
                e.recordedAt(), e.payload(), e.metadata(), e.previousHash(), e.hash());
    }
}
