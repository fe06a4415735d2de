package com.uplift.integration;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.readmodel.Projection;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A credit-line event as it leaves on {@code uplift.credit-line-events}: the event exactly as stored (payload in its
 * stored schema version, metadata, recording time) with its place in its stream and in the global log, and its link
 * in the line's hash chain. A consumer recomputes {@code hash} as
 * {@code SHA-256(previousHash + "\n" + canonical JSON of {streamId, streamVersion, eventId, eventType, schemaVersion,
 * recordedAt, payload, metadata})} (eventstore/HashChain; docs/asyncapi.yaml), so it needs to trust neither the topic
 * nor the broker. The shape is the contract in docs/asyncapi.yaml; PublishedMessagesMatchTheContractTest holds it there.
 *
 * @param key     the credit line's id: one line, one partition, its events in order
 * @param value   the JSON body
 * @param headers the event id (the consumer's dedupe key), its type and its hash, for consumers that route or dedupe
 *                without parsing the body
 */
record CreditLineEventMessage(String key, String value, Map<String, byte[]> headers) {

    static final String EVENT_ID = "uplift-event-id";
    static final String EVENT_TYPE = "uplift-event-type";
    static final String HASH = "uplift-event-hash";

    static CreditLineEventMessage of(Projection.Applied applied) {
        var event = applied.recorded();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("eventId", event.eventId().toString());
        body.put("eventType", event.eventType());
        body.put("schemaVersion", event.schemaVersion());
        body.put("creditLineId", applied.creditLineId());
        body.put("streamId", event.streamId());
        body.put("streamVersion", event.streamVersion());
        body.put("globalPosition", event.globalPosition());
        body.put("recordedAt", event.recordedAt().toString());
        body.set("payload", event.payload());
        body.set("metadata", CanonicalJson.toTree(event.metadata()));
        body.put("previousHash", event.previousHash());
        body.put("hash", event.hash());
        return new CreditLineEventMessage(applied.creditLineId(), CanonicalJson.write(body), Map.of(
                EVENT_ID, utf8(event.eventId().toString()),
                EVENT_TYPE, utf8(event.eventType()),
                HASH, utf8(event.hash())));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
