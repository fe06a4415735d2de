package com.uplift.eventstore;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/** An event as stored, with its place in its stream and in the global log, and its link in the hash chain. */
public record RecordedEvent(long globalPosition, long transactionId, String streamId, long streamVersion, UUID eventId,
                            String eventType, int schemaVersion, JsonNode payload, EventMetadata metadata,
                            Instant recordedAt, String previousHash, String hash) {

    public Checkpoint checkpoint() {
        return new Checkpoint(transactionId, globalPosition);
    }
}
