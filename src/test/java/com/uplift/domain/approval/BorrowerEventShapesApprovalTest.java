package com.uplift.domain.approval;

import com.uplift.domain.borrower.BorrowerEvent;
import com.uplift.domain.borrower.BorrowerEvent.BorrowerExposureChanged;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.platform.StoredEventTypes;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Freezes the canonical JSON of the borrower exposure stream's events, as the credit line's are frozen. */
class BorrowerEventShapesApprovalTest {

    static List<BorrowerEvent> samples() {
        return List.of(new BorrowerExposureChanged("CL-1", cny("60000.00"), cny("88300.00"), NOW));
    }

    @Test
    void every_event_type_has_a_sample_and_is_stored_at_schema_v1() {
        Set<String> permitted = Arrays.stream(BorrowerEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        assertEquals(permitted, samples().stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toSet()));
        for (BorrowerEvent event : samples()) {
            assertEquals(1, StoredEventTypes.registry().serialize(event).schemaVersion());
            assertEquals(event, StoredEventTypes.registry().deserialize(event.getClass().getSimpleName(), 1,
                    CanonicalJson.toTree(event)));
        }
    }

    @Test
    void borrowerExposureChanged() {
        Approvals.verify(CanonicalJson.pretty(samples().getFirst()), new Options());
    }
}
