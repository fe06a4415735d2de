package com.uplift.api;

import com.uplift.application.CommandRejectedException;
import com.uplift.application.CommandRejectedException.RefusedBy;
import com.uplift.domain.Rejection;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A refusal's problem title names whose rule refused; its type stays the one clients branch on. */
class RefusalTitlesTest {

    private static ProblemType typeOf(String code, RefusedBy refusedBy) {
        return OfferRefusals.typeOf(new CommandRejectedException(Rejection.of(code, "why"), refusedBy));
    }

    @Test
    void policyBookAndScorecardRefusalsAreNotTitledAsTheCreditLines() {
        assertEquals("The credit line refuses this command", typeOf("COOLING_OFF", RefusedBy.CREDIT_LINE).title());
        assertEquals("The credit line refuses this command",
                OfferRefusals.typeOf(new CommandRejectedException(Rejection.of("COOLING_OFF", "why"))).title());
        assertEquals("The policy book refuses this command", typeOf("FOUR_EYES", RefusedBy.POLICY_BOOK).title());
        assertEquals("The scorecard development refuses this request",
                typeOf("SAMPLE_TOO_SMALL", RefusedBy.SCORECARD_DEVELOPMENT).title());
        for (RefusedBy refusedBy : RefusedBy.values()) {
            ProblemType type = typeOf("ANY_RULE", refusedBy);
            assertEquals("urn:uplift:problem:business-rule", type.uri(), refusedBy.name());
            assertEquals(422, type.status(), refusedBy.name());
        }
        // an offer's own answers keep their types whoever refused
        assertEquals(ProblemType.NOT_FOUND, typeOf("OFFER_UNKNOWN", RefusedBy.CREDIT_LINE));
        assertEquals(ProblemType.CONFLICT, typeOf("OFFER_EXPIRED", RefusedBy.CREDIT_LINE));
    }
}
