package com.uplift.application;

import com.uplift.audit.AuditEvent;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.governance.PolicyEvent;
import com.uplift.eventstore.EventTypeRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Registers the credit line's, the policy book's and the audit stream's events with the store's type registry. Every event starts at schema version 1;
 * when one evolves, register it here with its new version and the upcaster from the old one.
 */
@ApplicationScoped
public class CreditLineEventTypes {

    public static EventTypeRegistry registry() {
        return new EventTypeRegistry().registerSealed(CreditLineEvent.class).registerSealed(PolicyEvent.class)
                .registerSealed(AuditEvent.class);
    }

    @Produces
    @ApplicationScoped
    EventTypeRegistry eventTypeRegistry() {
        return registry();
    }
}
