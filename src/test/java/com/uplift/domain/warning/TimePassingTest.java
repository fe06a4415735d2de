package com.uplift.domain.warning;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.creditline.CreditLineCommand.ReassessOverTime;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.TimeElapsed;
import com.uplift.domain.creditline.CreditLineEvent.WarningRaised;
import com.uplift.domain.creditline.Decision;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.goodBorrower;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flags that depend on the date alone are raised when the schedule says time has passed, not at the next fact. */
class TimePassingTest {

    @Test
    void daysPastDueCrossingThirtyByTheCalendarRaisesTheWarningOnReassessment() {
        DeciderSpec late = goodBorrower().when(new ReportDelinquency(25, TODAY, NOW)).andThen();
        List<CreditLineEvent> events = ((Decision.Accepted) late.when(new ReassessOverTime(NOW.plus(Duration.ofDays(6)))).decision()).events();
        assertInstanceOf(TimeElapsed.class, events.getFirst());
        assertEquals(TODAY.plusDays(6), ((TimeElapsed) events.getFirst()).businessDate());
        assertTrue(events.stream().anyMatch(e -> e instanceof WarningRaised w && w.flag().equals("DPD_30")), events.toString());
    }

    @Test
    void whenNothingDependsOnTheDateNothingIsAppended() {
        Decision decision = goodBorrower().when(new ReassessOverTime(NOW.plus(Duration.ofHours(1)))).decision();
        assertEquals(List.of(), assertInstanceOf(Decision.Accepted.class, decision).events());
    }
}
