package com.uplift.application;

import com.uplift.eventstore.EventMetadata;

/**
 * Who sent a command, through which channel and request, and the stream version the client saw (if it sent one).
 *
 * @param expectedVersion the version from the client's If-Match, or null to let the service retry conflicts
 * @param answer          where the answer of a command with an Idempotency-Key is written with its events; null without
 */
public record CommandContext(String actor, String channel, String requestId, Long expectedVersion,
                             CommandAnswer<CreditLineSnapshot> answer) {

    public CommandContext(String actor, String channel, String requestId, Long expectedVersion) {
        this(actor, channel, requestId, expectedVersion, null);
    }

    /** This context with the answer recorded alongside the command's events. */
    public CommandContext answeredBy(CommandAnswer<CreditLineSnapshot> commandAnswer) {
        return new CommandContext(actor, channel, requestId, expectedVersion, commandAnswer);
    }

    EventMetadata metadata(String causationId) {
        return new EventMetadata(requestId, causationId, actor, channel, requestId);
    }
}
