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

    private static final MessageDigest SHA_256 = newSha256();
    private static final HexFormat HEX = HexFormat.of();

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

    /**
     * The hash a stored event must carry, from the payload's stored text: the same canonical envelope as
     * {@link #hash}, written without a JSON tree (keys in sorted order: eventId, eventType, metadata, payload,
     * recordedAt, schemaVersion, streamId, streamVersion). {@code HashChainTest} checks both give the same hash.
     */
    public static String hashOf(RecordedEvent e) {
        StringBuilder envelope = new StringBuilder(e.payloadText().length() + 512);
        envelope.append(e.previousHash()).append('\n');
        envelope.append("{\"eventId\":\"").append(e.eventId()).append("\",\"eventType\":");
        CanonicalText.quoted(e.eventType(), envelope);
        envelope.append(",\"metadata\":");
        metadata(e.metadata(), envelope);
        envelope.append(",\"payload\":").append(e.canonicalPayload());
        envelope.append(",\"recordedAt\":\"").append(e.recordedAt()).append("\",\"schemaVersion\":").append(e.schemaVersion());
        envelope.append(",\"streamId\":");
        CanonicalText.quoted(e.streamId(), envelope);
        envelope.append(",\"streamVersion\":").append(e.streamVersion()).append('}');
        return sha256(envelope.toString());
    }

    /** {@link CanonicalJson#toTree} of the metadata, written out: its fields in sorted order, nulls kept. */
    private static void metadata(EventMetadata m, StringBuilder out) {
        out.append("{\"actor\":");
        textOrNull(m.actor(), out);
        out.append(",\"causationId\":");
        textOrNull(m.causationId(), out);
        out.append(",\"channel\":");
        textOrNull(m.channel(), out);
        out.append(",\"correlationId\":");
        textOrNull(m.correlationId(), out);
        out.append(",\"requestId\":");
        textOrNull(m.requestId(), out);
        out.append('}');
    }

    private static void textOrNull(String text, StringBuilder out) {
        if (text == null) {
            out.append("null");
        } else {
            CanonicalText.quoted(text, out);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        return HEX.formatHex(sha256Digest().digest(bytes));
    }

    /**
     * A fresh SHA-256 digest, cloned from one looked up once: the provider lookup of {@code getInstance} was a tenth of
     * hashing a stored event when a verification re-hashes every event.
     */
    private static MessageDigest sha256Digest() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
