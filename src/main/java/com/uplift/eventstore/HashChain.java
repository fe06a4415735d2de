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
     * {@link #hash}, written without a JSON tree. {@code CanonicalTextTest} checks both give the same hash.
     */
    public static String hashOf(RecordedEvent e) {
        return link(e.previousHash(), e.streamId(), e.streamVersion(), e.eventId(), e.eventType(), e.schemaVersion(),
                e.recordedAt(), e.canonicalPayload(), canonicalMetadata(e.metadata()));
    }

    /**
     * {@link #hash} from the canonical texts of payload and metadata, which an append writes for the row anyway: the
     * envelope is written around them (keys in sorted order: eventId, eventType, metadata, payload, recordedAt,
     * schemaVersion, streamId, streamVersion), so nothing is serialised twice and no tree is built.
     */
    static String link(String previousHash, String streamId, long streamVersion, UUID eventId, String eventType,
                       int schemaVersion, Instant recordedAt, String canonicalPayload, String canonicalMetadata) {
        StringBuilder envelope = new StringBuilder(canonicalPayload.length() + canonicalMetadata.length() + 320);
        envelope.append(previousHash).append('\n');
        envelope.append("{\"eventId\":\"").append(eventId).append("\",\"eventType\":");
        CanonicalText.quoted(eventType, envelope);
        envelope.append(",\"metadata\":").append(canonicalMetadata);
        envelope.append(",\"payload\":").append(canonicalPayload);
        envelope.append(",\"recordedAt\":\"").append(recordedAt).append("\",\"schemaVersion\":").append(schemaVersion);
        envelope.append(",\"streamId\":");
        CanonicalText.quoted(streamId, envelope);
        envelope.append(",\"streamVersion\":").append(streamVersion).append('}');
        return sha256(envelope.toString());
    }

    /** {@link CanonicalJson#write(Object)} of the metadata, without a tree: what its row stores and its hash covers. */
    static String canonicalMetadata(EventMetadata m) {
        StringBuilder out = new StringBuilder(256);
        metadata(m, out);
        return out.toString();
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
