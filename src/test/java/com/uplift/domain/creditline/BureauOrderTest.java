package com.uplift.domain.creditline;

import com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.increase.IncreaseOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.goodBorrower;
import static com.uplift.domain.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bureau report that counts is the one pulled last, whatever order reports arrive in. */
class BureauOrderTest {

    @Test
    void aDelayedOlderCleanReportDoesNotHideANewerNegativeOne() {
        ReceiveBureauReport newerNegative = new ReceiveBureauReport("PBOC", "R-NEW", 700, List.of("COURT_JUDGMENT"),
                NOW, NOW); // pulled as late as the fixture's own clean report
        ReceiveBureauReport olderClean = new ReceiveBureauReport("PBOC", "R-OLD", 760, List.of(),
                NOW.minusSeconds(5 * 86_400), NOW);

        IncreaseDecided decided = goodBorrower().when(newerNegative).andThen().when(olderClean).andThen()
                .when(request("REQ-B")).event(IncreaseDecided.class);

        assertEquals(IncreaseOutcome.DECLINED, decided.outcome());
        assertTrue(decided.assessment().knockOuts().size() > 0, "the newer report's negative record still knocks out");
    }
}
