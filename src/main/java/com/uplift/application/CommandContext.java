package com.uplift.application;

import com.uplift.eventstore.EventMetadata;

/**
 * Who sent a command, through which channel and request, and the stream version the client saw (if it sent one).
 *
 * @param expectedVersion the version from the client's If-Match, or null to let the service retry conflicts
 */
public record CommandContext(String actor, String channel, String requestId, Long expectedVersion) {

    EventMetadata metadata(String causationId) {
        return new EventMetadata(requestId, causationId, actor, channel, requestId);
    }
}
