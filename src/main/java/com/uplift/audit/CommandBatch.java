package com.uplift.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.DecisionEvent;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.eventstore.RecordedEvent;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

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
        if (readable()) {
            // the payloads were decoded already, and the decision events are the only ones that carry the field
            for (CreditLineEvent event : events) {
                if (event instanceof DecisionEvent decision) {
                    return decision.policyVersion();
                }
            }
            return null;
        }
        // a batch the current code cannot read: from the stored text, top level only (no tree for a large payload)
        return recorded.stream().map(e -> topLevelInteger(e.payloadText(), "policyVersion"))
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** The integer value of a top-level field (the last one, if repeated, as a tree keeps it); null if absent or not one. */
    static Integer topLevelInteger(String json, String field) {
        if (!json.contains('"' + field + '"')) {
            return null;
        }
        try (JsonParser parser = CanonicalJson.mapper().getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Integer value = null;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken next = parser.nextToken();
                if (name.equals(field)) {
                    value = next == JsonToken.VALUE_NUMBER_INT ? parser.getNumberValue().intValue() : null;
                }
                parser.skipChildren();
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * An increase decision or a review, or an accepted offer (its batch holds the increase decision it led to), or a
     * scan's offer or withdrawal (rules v5): what regulators call a decision.
     */
    public boolean isDecision() {
        return DECISIONS.contains(first().eventType());
    }

    private static final java.util.Set<String> DECISIONS = java.util.Set.of("IncreaseDecided", "IncreaseReviewed",
            "IncreaseOfferAccepted", "IncreaseOffered", "IncreaseOfferWithdrawn");
}
