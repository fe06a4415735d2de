package com.uplift.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * An event as stored, with its place in its stream and in the global log, and its link in the hash chain.
 * <p>
 * The payload and metadata come as the text the database hands out and are read only when asked for, each once: a
 * rebuild decodes the payloads of the types it reads straight into their records and never needs the metadata, the
 * hash chain needs the payload's canonical text and no tree, and what is never asked for costs nothing. Not a record
 * for that reason; it keeps a record's accessors. Safe to share between threads: each lazily read value is computed
 * from immutable text, so two threads that race compute the same value.
 */
public final class RecordedEvent {

    private static final ObjectReader METADATA = CanonicalJson.mapper().readerFor(EventMetadata.class);

    private final long globalPosition;
    private final long transactionId;
    private final String streamId;
    private final long streamVersion;
    private final UUID eventId;
    private final String eventType;
    private final int schemaVersion;
    private final String payloadText;
    private final String metadataText;
    private final Instant recordedAt;
    private final String previousHash;
    private final String hash;
    private volatile JsonNode payload;
    private volatile String canonicalPayload;
    private volatile EventMetadata metadata;

    public RecordedEvent(long globalPosition, long transactionId, String streamId, long streamVersion, UUID eventId,
                         String eventType, int schemaVersion, String payloadText, String metadataText, Instant recordedAt,
                         String previousHash, String hash) {
        this.globalPosition = globalPosition;
        this.transactionId = transactionId;
        this.streamId = streamId;
        this.streamVersion = streamVersion;
        this.eventId = eventId;
        this.eventType = eventType;
        this.schemaVersion = schemaVersion;
        this.payloadText = payloadText;
        this.metadataText = metadataText;
        this.recordedAt = recordedAt;
        this.previousHash = previousHash;
        this.hash = hash;
    }

    public long globalPosition() {
        return globalPosition;
    }

    public long transactionId() {
        return transactionId;
    }

    public String streamId() {
        return streamId;
    }

    public long streamVersion() {
        return streamVersion;
    }

    public UUID eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public String previousHash() {
        return previousHash;
    }

    public String hash() {
        return hash;
    }

    /** The payload as stored (jsonb's text: its own key order and spacing). */
    public String payloadText() {
        return payloadText;
    }

    /** The payload as a JSON tree, parsed on first use. Callers must not change it (copy it first, as upcasters do). */
    public JsonNode payload() {
        JsonNode tree = payload;
        if (tree == null) {
            tree = CanonicalJson.parse(payloadText);
            payload = tree;
        }
        return tree;
    }

    /** The payload's canonical text: what its hash covers, and what a re-decided event is compared with. */
    public String canonicalPayload() {
        String text = canonicalPayload;
        if (text == null) {
            text = CanonicalText.of(payloadText);
            canonicalPayload = text;
        }
        return text;
    }

    /**
     * {@link #canonicalPayload()} as the UTF-8 bytes its hash covers: from the cached text if it was asked for, else
     * written afresh and not kept (a re-verification hashes every event once and needs the text only when a
     * re-decided event differs).
     */
    byte[] canonicalPayloadUtf8() {
        String text = canonicalPayload;
        return text != null ? text.getBytes(java.nio.charset.StandardCharsets.UTF_8) : CanonicalText.utf8(payloadText);
    }

    public EventMetadata metadata() {
        EventMetadata read = metadata;
        if (read == null) {
            if (metadataText == null) {
                throw new IllegalStateException(this + " was read for a fold, without its metadata");
            }
            try {
                read = METADATA.readValue(metadataText);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read EventMetadata: " + e.getMessage(), e);
            }
            metadata = read;
        }
        return read;
    }

    public Checkpoint checkpoint() {
        return new Checkpoint(transactionId, globalPosition);
    }

    @Override
    public String toString() {
        return "RecordedEvent[" + streamId + "@" + streamVersion + " " + eventType + " v" + schemaVersion + " at "
                + checkpoint() + "]";
    }
}
