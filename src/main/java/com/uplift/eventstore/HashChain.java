package com.uplift.eventstore;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The per-stream hash chain: {@code hash = SHA-256(previousHash + "\n" + canonical event bytes)}, hex encoded.
 * The canonical bytes cover everything that makes the event what it is: its place, identity, type, shape version,
 * record time, payload and metadata. Changing any of them, or removing an event, breaks every later link.
 */
public final class HashChain {

    /** The "previous hash" of a stream's first event. */
    public static final String GENESIS = "0".repeat(64);

    private HashChain() {
    }

    public static String hash(String previousHash, String streamId, long streamVersion, UUID eventId, String eventType,
                              int schemaVersion, Instant recordedAt, com.fasterxml.jackson.databind.JsonNode payload,
                              EventMetadata metadata) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("streamId", streamId);
        envelope.put("streamVersion", streamVersion);
        envelope.put("eventId", eventId.toString());
        envelope.put("eventType", eventType);
        envelope.put("schemaVersion", schemaVersion);
        envelope.put("recordedAt", recordedAt.toString());
        envelope.set("payload", payload);
        envelope.set("metadata", CanonicalJson.toTree(metadata));
        return sha256(previousHash + "\n" + CanonicalJson.write(envelope));
    }

    public static String hashOf(RecordedEvent e) {
        return hash(e.previousHash(), e.streamId(), e.streamVersion(), e.eventId(), e.eventType(), e.schemaVersion(),
                e.recordedAt(), e.payload(), e.metadata());
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
