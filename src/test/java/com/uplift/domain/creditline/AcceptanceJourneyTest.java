package com.uplift.domain.creditline;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.WarningRaised;
import com.uplift.domain.increase.IncreaseOutcome;
import com.uplift.domain.policy.Severity;
import org.junit.jupiter.api.Test;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.cny;
import static com.uplift.domain.Fixtures.goodBorrower;
import static com.uplift.domain.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journey the REST acceptance test will walk, here at the speed of a pure function. */
class AcceptanceJourneyTest {

    @Test
    void a_good_borrower_is_increased_automatically_then_declined_once_30_days_past_due() {
        DeciderSpec.Then first = goodBorrower().when(request("REQ-1"));

        IncreaseDecided approved = first.event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.APPROVED, approved.outcome(), () -> approved.rules().toString());
        assertTrue(approved.newLimit().compareTo(cny("13000")) >= 0 && approved.newLimit().compareTo(cny("15000")) <= 0);
        assertEquals(94, approved.assessment().score(), () -> approved.assessment().breakdown().toString());
        assertEquals(cny("14600.00"), approved.newLimit());
        assertEquals("A", approved.assessment().grade());
        assertEquals(cny("7.20"), approved.assessment().aprPercent());
        assertEquals(cny("14600.00"), first.event(CreditLimitChanged.class).newLimit());

        DeciderSpec.Then delinquent = first.andThen().when(new ReportDelinquency(35, TODAY, NOW));
        assertTrue(delinquent.all(WarningRaised.class).stream()
                .anyMatch(w -> w.flag().equals("DPD_30") && w.severity() == Severity.WARNING), () -> delinquent.events().toString());

        IncreaseDecided declined = delinquent.andThen().when(request("REQ-2")).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.DECLINED, declined.outcome());
        assertTrue(declined.reasons().containsAll(java.util.List.of("PAST_DUE", "ACTIVE_WARNING")), declined.reasons()::toString);
        assertNull(declined.newLimit());
    }
}
