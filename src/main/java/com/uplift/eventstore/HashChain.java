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
    /** One digest per thread, reused: a verification lane hashes every event it walks ({@code digest()} resets it). */
    private static final ThreadLocal<MessageDigest> LANE_DIGEST = ThreadLocal.withInitial(HashChain::sha256Digest);
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
     * {@link #hash}, written without a JSON tree, and hashed as bytes: the payload's canonical UTF-8 bytes go to the
     * digest as {@link CanonicalText#utf8} writes them, between the envelope's head and tail, with no String of the
     * whole (a re-verification hashes every event of the store). {@code CanonicalTextTest} checks both give the same
     * hash.
     */
    public static String hashOf(RecordedEvent e) {
        // everything that can fail (an unreadable payload or metadata) before the shared digest is touched
        byte[] head = head(e.previousHash(), e.eventId(), e.eventType(), canonicalMetadata(e.metadata())).toString()
                .getBytes(StandardCharsets.UTF_8);
        byte[] payload = e.canonicalPayloadUtf8();
        byte[] tail = tail(e.streamId(), e.streamVersion(), e.schemaVersion(), e.recordedAt()).toString()
                .getBytes(StandardCharsets.UTF_8);
        MessageDigest digest = LANE_DIGEST.get();
        digest.update(head);
        digest.update(payload);
        digest.update(tail);
        return HEX.formatHex(digest.digest());
    }

    /**
     * {@link #hash} from the canonical texts of payload and metadata, which an append writes for the row anyway: the
     * envelope is written around them (keys in sorted order: eventId, eventType, metadata, payload, recordedAt,
     * schemaVersion, streamId, streamVersion), so nothing is serialised twice and no tree is built.
     */
    static String link(String previousHash, String streamId, long streamVersion, UUID eventId, String eventType,
                       int schemaVersion, Instant recordedAt, String canonicalPayload, String canonicalMetadata) {
        StringBuilder envelope = head(previousHash, eventId, eventType, canonicalMetadata);
        envelope.append(canonicalPayload);
        envelope.append(tail(streamId, streamVersion, schemaVersion, recordedAt));
        return sha256(envelope.toString());
    }

    /** What the hash covers before the payload: the previous hash, then the envelope up to the payload's value. */
    private static StringBuilder head(String previousHash, UUID eventId, String eventType, String canonicalMetadata) {
        StringBuilder head = new StringBuilder(canonicalMetadata.length() + 200);
        head.append(previousHash).append('\n');
        head.append("{\"eventId\":\"").append(eventId).append("\",\"eventType\":");
        CanonicalText.quoted(eventType, head);
        head.append(",\"metadata\":").append(canonicalMetadata);
        head.append(",\"payload\":");
        return head;
    }

    /** What the hash covers after the payload: the rest of the envelope. */
    private static StringBuilder tail(String streamId, long streamVersion, int schemaVersion, Instant recordedAt) {
        StringBuilder tail = new StringBuilder(128);
        tail.append(",\"recordedAt\":\"").append(recordedAt).append("\",\"schemaVersion\":").append(schemaVersion);
        tail.append(",\"streamId\":");
        CanonicalText.quoted(streamId, tail);
        tail.append(",\"streamVersion\":").append(streamVersion).append('}');
        return tail;
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
