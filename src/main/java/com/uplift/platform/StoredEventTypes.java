package com.uplift.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.uplift.audit.AuditEvent;
import com.uplift.audit.scorecard.ScorecardEvent;
import com.uplift.domain.borrower.BorrowerEvent;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.AssetChangeReported;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseReviewed;
import com.uplift.domain.creditline.CreditLineEvent.PricingTierChanged;
import com.uplift.domain.creditline.CreditLineEvent.RiskAssessed;
import com.uplift.domain.creditline.CreditLineEvent.ServiceNoteRecorded;
import com.uplift.domain.creditline.CreditLineEvent.WarningCleared;
import com.uplift.domain.creditline.CreditLineEvent.WarningRaised;
import com.uplift.domain.governance.PolicyEvent;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.EventTypeRegistry.Upcaster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.List;
import java.util.Map;

/**
 * The event types the store reads and writes: the credit line's, the policy book's and the audit stream's. Wiring
 * lives here, not in the application layer, because the audit stream's events belong to audit, which sits above the
 * application: registering them from below would make the layers depend on each other. Every event starts at
 * schema version 1; when one evolves, register it here with its new version and the upcaster from the old one.
 * <p>
 * Schema v2 of the credit line's decision events: they record the decider's rules version beside the policy version
 * ({@code rulesVersion}), and a review its {@code overrideReason}. Everything stored at v1 was decided before rules
 * versions existed, so it is read as rules v1, without an override reason (rules v1 had none).
 * <p>
 * Schema v3 of {@code PricingTierChanged}: it records why the price changed ({@code reason}, rules v3). Everything
 * stored at v1 or v2 was decided under rules that did not record it, so it is read with {@code reason: null}.
 * <p>
 * Schema v3 of {@code IncreaseReviewed}: it records what the borrower's other lines exposed at review time
 * ({@code borrowerOtherLimits}, rules v4). Everything stored at v1 or v2 was decided under rules that checked against
 * the request's recorded value, so it is read with {@code borrowerOtherLimits: null}, which is what those rules record.
 * <p>
 * The borrower's exposure stream ({@code BorrowerEvent}) starts at schema version 1.
 * <p>
 * Schema v2 of {@code ServiceNoteRecorded}: each signal records its {@code spans} and the {@code analyzer} (name and
 * library version) that found it (rules v3). A v1 note was read by the rules-v1/v2 extractor, which kept neither, so
 * its signals are read with both null: exactly what that extractor still produces, so its replay compares equal.
 * <p>
 * {@code WarningClearedByOfficer} (a senior risk officer's clearance of a note's flag) is new, so it starts at schema
 * v1 with its rules version in it, registered with the rest of the sealed hierarchy.
 * <p>
 * Schema v2 of {@code AssetChangeReported}: the change's business date ({@code changedOn}, rules v4). A v1 change was
 * recorded under rules that dated it by its arrival, so it is read with {@code changedOn: null}, which is what those
 * rules still record and what every rules version reads as "dated by {@code occurredAt}".
 * <p>
 * A scorecard development's stream ({@code ScorecardEvent}: the fitted card's report) starts at schema version 1.
 */
@ApplicationScoped
public class StoredEventTypes {

    /** The decision events that gained {@code rulesVersion} in schema v2. */
    static final List<Class<? extends CreditLineEvent>> DECISION_EVENTS = List.of(RiskAssessed.class,
            PricingTierChanged.class, WarningRaised.class, WarningCleared.class, IncreaseDecided.class,
            IncreaseReviewed.class, CreditLimitChanged.class);

    /** v1 -> v2 of a decision event: made under the decider's first rules. */
    static final Upcaster MADE_UNDER_RULES_V1 = payload -> {
        payload.put("rulesVersion", 1);
        return payload;
    };

    /** v1 -> v2 of a review: made under the first rules, which knew no override reason. */
    static final Upcaster REVIEWED_UNDER_RULES_V1 = payload -> {
        ObjectNode lifted = MADE_UNDER_RULES_V1.apply(payload);
        lifted.putNull("overrideReason");
        return lifted;
    };

    /** v2 -> v3 of a price change: decided under rules (v1 or v2) that did not record why. */
    static final Upcaster REPRICED_WITHOUT_REASON = payload -> {
        payload.putNull("reason");
        return payload;
    };

    /** v2 -> v3 of a review: decided under rules v1-v3, which checked against the request's recorded other lines. */
    static final Upcaster REVIEWED_WITHOUT_EXPOSURE_AT_REVIEW = payload -> {
        payload.putNull("borrowerOtherLimits");
        return payload;
    };

    /** v1 -> v2 of a note: its signals were found by the v1/v2 extractor, which recorded no spans and no analyzer. */
    static final Upcaster NOTE_SIGNALS_WITHOUT_SPANS = payload -> {
        JsonNode signals = payload.get("signals");
        if (signals != null) {
            for (JsonNode signal : signals) {
                ((ObjectNode) signal).putNull("spans");
                ((ObjectNode) signal).putNull("analyzer");
            }
        }
        return payload;
    };

    /** v1 -> v2 of an asset change: recorded before changes had a business date of their own (rules v1-v3). */
    static final Upcaster ASSET_CHANGE_WITHOUT_DATE = payload -> {
        payload.putNull("changedOn");
        return payload;
    };

    @Produces
    @ApplicationScoped
    EventTypeRegistry eventTypeRegistry() {
        return registry();
    }

    /** The registry the service uses; tests read stored shapes through the very same one. */
    public static EventTypeRegistry registry() {
        EventTypeRegistry registry = new EventTypeRegistry();
        for (Class<? extends CreditLineEvent> type : DECISION_EVENTS) {
            if (type == PricingTierChanged.class) {
                registry.register(type.getSimpleName(), type, 3,
                        Map.of(1, MADE_UNDER_RULES_V1, 2, REPRICED_WITHOUT_REASON));
            } else if (type == IncreaseReviewed.class) {
                registry.register(type.getSimpleName(), type, 3,
                        Map.of(1, REVIEWED_UNDER_RULES_V1, 2, REVIEWED_WITHOUT_EXPOSURE_AT_REVIEW));
            } else {
                registry.register(type.getSimpleName(), type, 2,
                        Map.of(1, MADE_UNDER_RULES_V1));
            }
        }
        registry.register(ServiceNoteRecorded.class.getSimpleName(), ServiceNoteRecorded.class, 2,
                Map.of(1, NOTE_SIGNALS_WITHOUT_SPANS));
        registry.register(AssetChangeReported.class.getSimpleName(), AssetChangeReported.class, 2,
                Map.of(1, ASSET_CHANGE_WITHOUT_DATE));
        return registry.registerSealed(CreditLineEvent.class).registerSealed(PolicyEvent.class)
                .registerSealed(AuditEvent.class).registerSealed(BorrowerEvent.class)
                .registerSealed(ScorecardEvent.class);
    }
}
