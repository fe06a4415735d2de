package com.uplift.domain.approval;

import com.uplift.domain.DeciderRules;
import com.uplift.eventstore.CanonicalJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An append writes each event's canonical text straight from the event ({@link CanonicalJson#writeValue}), not through
 * a tree; the tree path is the definition (what every stored event was hashed as). Every approved sample of every event
 * kind, under every rules version, gives the same text both ways.
 */
class CanonicalTextOfEventsTest {

    @Test
    void everyEventSampleIsWrittenAsTheTreePathWritesIt() {
        List<Object> events = new ArrayList<>();
        for (int rules = 1; rules <= DeciderRules.CURRENT; rules++) {
            events.addAll(EventShapesApprovalTest.samples(rules));
        }
        events.addAll(BorrowerEventShapesApprovalTest.samples());
        events.addAll(PolicyEventShapesApprovalTest.samples());
        assertThat(events).hasSizeGreaterThan(30);
        for (Object event : events) {
            assertThat(CanonicalJson.writeValue(event)).as(event.getClass().getSimpleName())
                    .isEqualTo(CanonicalJson.write(CanonicalJson.toTree(event)));
        }
    }
}
