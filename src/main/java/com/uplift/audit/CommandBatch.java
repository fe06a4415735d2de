package com.uplift.audit;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.eventstore.RecordedEvent;

import java.time.Instant;
import java.util.List;

/**
 * The events one command appended to a credit line (they share {@code metadata.causationId}), as stored and as the
 * domain reads them. {@code events} is empty when some stored payload could not be read.
 */
public record CommandBatch(String creditLineId, List<RecordedEvent> recorded, List<CreditLineEvent> events) {

    public CommandBatch {
        recorded = List.copyOf(recorded);
        events = List.copyOf(events);
    }

    public boolean readable() {
        return events.size() == recorded.size();
    }

    public RecordedEvent first() {
        return recorded.getFirst();
    }

    public Instant recordedAt() {
        return first().recordedAt();
    }

    /** The policy version the batch names (every decision event carries one); null for pure facts. */
    public Integer recordedPolicyVersion() {
        // only a payload that mentions the field is parsed: most of a line's events are facts without it
        return recorded.stream().filter(e -> e.payloadText().contains("\"policyVersion\""))
                .map(e -> e.payload().get("policyVersion"))
                .filter(v -> v != null && v.isIntegralNumber()).map(v -> v.intValue()).findFirst().orElse(null);
    }

    /** An increase decision or a review: what regulators call a decision. */
    public boolean isDecision() {
        return first().eventType().equals("IncreaseDecided") || first().eventType().equals("IncreaseReviewed");
    }
}
