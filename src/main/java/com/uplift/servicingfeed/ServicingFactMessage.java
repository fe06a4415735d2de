package com.uplift.servicingfeed;

import com.uplift.api.CommandRequests;

/**
 * One servicing fact as it arrived on a topic, read and validated: the envelope (who sent it, under which message id,
 * about which line) and the fact itself, the same record a REST call about it would carry.
 *
 * @param messageId    the sender's id of this message: its Idempotency-Key and the events' correlation id
 * @param source       the sending system: the events' actor
 */
public record ServicingFactMessage(String messageId, FactType type, String creditLineId, String source,
                                   CommandRequests.ServicingFact fact) {
}
