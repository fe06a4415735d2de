package com.uplift.eventstore;

/**
 * Who and what caused an event: stored beside every payload and covered by the hash chain.
 *
 * @param correlationId the business conversation the event belongs to (one HTTP request, one Kafka message)
 * @param causationId   the message or command that directly caused it
 * @param actor         the authenticated principal, never a name taken from a request body
 * @param channel       APP, WEB, PARTNER, BACK_OFFICE, SYSTEM ...
 * @param requestId     the X-Request-Id of the HTTP request, if any
 */
public record EventMetadata(String correlationId, String causationId, String actor, String channel, String requestId) {

    public static EventMetadata system(String correlationId) {
        return new EventMetadata(correlationId, correlationId, "system", "SYSTEM", null);
    }
}
