package com.uplift.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.DecisionEvent;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.RecordedEvent;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The events one command appended to a credit line (they share {@code metadata.causationId}), as stored and as the
 * domain reads them. {@code events} holds the readable ones only, so it is shorter than {@code recorded} when some
 * stored payload could not be read.
 * <p>
 * A batch made {@linkplain #decodingOnDemand on demand} decodes nothing until asked: re-verification decodes the
 * command event (the batch's input) and compares the consequences the decider produces again with the stored
 * canonical text, which the hash chain has produced already; only a batch that does not reproduce that way has its
 * stored consequences decoded. Used by one lane at a time, never shared between threads.
 */
public final class CommandBatch {

    private final String creditLineId;
    private final List<RecordedEvent> recorded;
    private final EventTypeRegistry types;
    private final BiConsumer<RecordedEvent, String> unreadable;
    private List<CreditLineEvent> events;
    private CreditLineEvent command;
    private boolean commandRead;
    private List<CreditLineEvent> reproduced;

    /** A batch whose stored events were decoded already. */
    public CommandBatch(String creditLineId, List<RecordedEvent> recorded, List<CreditLineEvent> events) {
        this(creditLineId, recorded, null, null);
        this.events = List.copyOf(events);
    }

    private CommandBatch(String creditLineId, List<RecordedEvent> recorded, EventTypeRegistry types,
                         BiConsumer<RecordedEvent, String> unreadable) {
        this.creditLineId = creditLineId;
        this.recorded = List.copyOf(recorded);
        this.types = types;
        this.unreadable = unreadable;
    }

    /** A batch that decodes its stored events when first asked; {@code unreadable} hears of each that cannot be. */
    static CommandBatch decodingOnDemand(String creditLineId, List<RecordedEvent> recorded, EventTypeRegistry types,
                                         BiConsumer<RecordedEvent, String> unreadable) {
        return new CommandBatch(creditLineId, recorded, types, unreadable);
    }

    public String creditLineId() {
        return creditLineId;
    }

    public List<RecordedEvent> recorded() {
        return recorded;
    }

    /** The readable stored events, as the domain reads them (decoded on first use for a batch made on demand). */
    public List<CreditLineEvent> events() {
        if (events == null) {
            List<CreditLineEvent> decoded = new ArrayList<>(recorded.size());
            for (int i = 0; i < recorded.size(); i++) {
                CreditLineEvent event = i == 0 && commandRead ? command : decode(recorded.get(i));
                if (event != null) {
                    decoded.add(event);
                }
            }
            events = List.copyOf(decoded);
        }
        return events;
    }

    /** Whether the stored events were decoded (all of them; some may have been unreadable). */
    boolean decoded() {
        return events != null;
    }

    /** The first stored event (the one that stands for the command), decoded; null if it cannot be read. */
    CreditLineEvent command() {
        if (events != null && readable()) {
            return events.getFirst();
        }
        if (!commandRead) {
            command = decode(recorded.getFirst());
            commandRead = true;
        }
        return command;
    }

    private CreditLineEvent decode(RecordedEvent event) {
        try {
            return (CreditLineEvent) types.deserialize(event);
        } catch (RuntimeException failure) {
            unreadable.accept(event, failure.getMessage());
            return null;
        }
    }

    /**
     * Records that the decider, asked again, produced {@code produced}: the stored events' canonical text, event for
     * event. Folding those is folding the stored events, without decoding them.
     */
    void reproducedAs(List<CreditLineEvent> produced) {
        reproduced = List.copyOf(produced);
    }

    /** What the line's state is folded with after this batch: the events as reproduced, else the stored ones decoded. */
    List<CreditLineEvent> toFold() {
        return reproduced != null ? reproduced : events();
    }

    public boolean readable() {
        return events().size() == recorded.size();
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
        return json.contains('"' + field + '"') ? topLevelIntegers(json, field)[0] : null;
    }

    /**
     * The integer values of top-level fields, in the order asked, read in one pass (each the last one, if repeated, as
     * a tree keeps it); null where absent or not an integer.
     */
    static Integer[] topLevelIntegers(String json, String... fields) {
        Integer[] values = new Integer[fields.length];
        try (JsonParser parser = CanonicalJson.mapper().getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return values;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken next = parser.nextToken();
                for (int i = 0; i < fields.length; i++) {
                    if (name.equals(fields[i])) {
                        values[i] = next == JsonToken.VALUE_NUMBER_INT ? parser.getNumberValue().intValue() : null;
                    }
                }
                parser.skipChildren();
            }
            return values;
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
