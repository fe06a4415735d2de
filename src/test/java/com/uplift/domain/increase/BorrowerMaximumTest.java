package com.uplift.domain.increase;

import com.uplift.domain.TestPolicies;
import com.uplift.domain.creditline.CreditLineCommand.OpenCreditLine;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.increase.IncreaseOutcome;
import org.junit.jupiter.api.Test;

import static com.uplift.domain.Fixtures.CNY;
import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The 200,000 maximum is per borrower: the borrower's other lines use part of it. */
class BorrowerMaximumTest {

    @Test
    void theBorrowersOtherLinesReduceTheMaximumAnIncreaseCanReach() {
        var line = borrower().limit("150000.00").incomes("100000.00", "100000.00").spec();
        IncreaseDecided alone = line.when(new RequestLimitIncrease("REQ-1", null, "APP", "B-1", cny("0"), NOW)).event(IncreaseDecided.class);
        assertEquals(cny("200000.00"), alone.sizing().productMax());
        assertEquals("PRODUCT_MAX", alone.sizing().boundBy());

        IncreaseDecided withOthers = line.when(new RequestLimitIncrease("REQ-1", null, "APP", "B-1", cny("30000"), NOW))
                .event(IncreaseDecided.class);
        assertEquals(cny("170000.00"), withOthers.sizing().productMax());
        assertEquals(cny("170000.00"), withOthers.proposedLimit());
        assertEquals(cny("30000.00"), withOthers.borrowerOtherLimits(), "the input is recorded for replays");
    }

    @Test
    void aBorrowerAtTheMaximumGetsNoIncrease() {
        IncreaseDecided decided = borrower().spec()
                .when(new RequestLimitIncrease("REQ-2", null, "APP", "B-1", cny("190000"), NOW)).event(IncreaseDecided.class);
        assertNotEquals(IncreaseOutcome.APPROVED, decided.outcome());
    }

    @Test
    void aNewLineMayNotTakeTheBorrowerAboveTheMaximum() {
        var decision = CreditLineDecider.decide(new OpenCreditLine("CL-9", "B-1", "XIAOMI-LOAN", cny("10000"), CNY,
                "STANDARD", TODAY, cny("195000"), NOW), CreditLineState.INITIAL, TestPolicies.v1());
        assertEquals("ABOVE_BORROWER_MAX", ((com.uplift.domain.creditline.Decision.Rejected) decision).rejection().code());
    }
}
