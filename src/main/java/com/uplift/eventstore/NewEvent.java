package com.uplift.eventstore;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.UUID;

/**
 * An event about to be appended: its identity (for idempotency), its type and shape version, and its JSON, given as a
 * tree or as its canonical text ({@link CanonicalJson#writeValue}; the command path writes the text straight from the
 * event and never builds the tree). Either one stands for the other: {@link #payload} reads the text when no tree was
 * given, {@link #canonicalPayload} writes the tree when no text was.
 */
public record NewEvent(UUID eventId, String eventType, int schemaVersion, JsonNode payload, EventMetadata metadata,
                       String canonicalPayload) {

    public NewEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        if (payload == null && canonicalPayload == null) {
            throw new NullPointerException("payload");
        }
        Objects.requireNonNull(metadata, "metadata");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be >= 1");
        }
    }

    public NewEvent(UUID eventId, String eventType, int schemaVersion, JsonNode payload, EventMetadata metadata) {
        this(eventId, eventType, schemaVersion, Objects.requireNonNull(payload, "payload"), metadata, null);
    }

    /** An event whose payload is given as its canonical text only. */
    public static NewEvent ofCanonicalText(UUID eventId, String eventType, int schemaVersion, String canonicalPayload,
                                           EventMetadata metadata) {
        return new NewEvent(eventId, eventType, schemaVersion, null, metadata, Objects.requireNonNull(canonicalPayload));
    }

    /** The payload as a tree: the one given, or read from the canonical text (each call reads it again). */
    @Override
    public JsonNode payload() {
        return payload != null ? payload : CanonicalJson.parse(canonicalPayload);
    }

    /** The payload's canonical text: the one given, or written from the tree. */
    @Override
    public String canonicalPayload() {
        return canonicalPayload != null ? canonicalPayload : CanonicalJson.write(payload);
    }
}
