package com.uplift.api;

import java.util.Set;

/**
 * How a refused offer acceptance is answered: an offer the line never had is a 404 like any unknown resource; one
 * that expired, was withdrawn or was already accepted exists but can no longer be accepted, a 409 (the request
 * conflicts with the offer's state). Every other refusal stays the business-rule 422.
 */
final class OfferRefusals {

    static final Set<String> CONFLICTS = Set.of("OFFER_EXPIRED", "OFFER_WITHDRAWN", "OFFER_ALREADY_ACCEPTED");

    private OfferRefusals() {
    }

    static ProblemType typeOf(String code) {
        if ("OFFER_UNKNOWN".equals(code)) {
            return ProblemType.NOT_FOUND;
        }
        return CONFLICTS.contains(code) ? ProblemType.CONFLICT : ProblemType.BUSINESS_RULE;
    }
}
