package com.uplift.platform;

import com.uplift.audit.AuditEvent;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.governance.PolicyEvent;
import com.uplift.eventstore.EventTypeRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The event types the store reads and writes: the credit line's, the policy book's and the audit stream's. Wiring
 * lives here, not in the application layer, because the audit stream's events belong to audit, which sits above the
 * application: registering them from below would make the layers depend on each other. Every event starts at
 * schema version 1; when one evolves, register it here with its new version and the upcaster from the old one.
 */
@ApplicationScoped
public class StoredEventTypes {

    @Produces
    @ApplicationScoped
    EventTypeRegistry eventTypeRegistry() {
        return new EventTypeRegistry().registerSealed(CreditLineEvent.class).registerSealed(PolicyEvent.class)
                .registerSealed(AuditEvent.class);
    }
}
