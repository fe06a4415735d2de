package com.uplift.api;

import com.uplift.application.CommandRejectedException;

import java.util.Set;

/**
 * How a refused offer acceptance is answered: an offer the line never had is a 404 like any unknown resource; one
 * that expired, was withdrawn or was already accepted exists but can no longer be accepted, a 409 (the request
 * conflicts with the offer's state). Every other refusal stays the business-rule 422, titled by whose rule refused.
 */
final class OfferRefusals {

    static final Set<String> CONFLICTS = Set.of("OFFER_EXPIRED", "OFFER_WITHDRAWN", "OFFER_ALREADY_ACCEPTED");

    private OfferRefusals() {
    }

    static ProblemType typeOf(CommandRejectedException refusal) {
        String code = refusal.rejection().code();
        if ("OFFER_UNKNOWN".equals(code)) {
            return ProblemType.NOT_FOUND;
        }
        if (CONFLICTS.contains(code)) {
            return ProblemType.CONFLICT;
        }
        return switch (refusal.refusedBy()) {
            case CREDIT_LINE -> ProblemType.BUSINESS_RULE;
            case POLICY_BOOK -> ProblemType.POLICY_BOOK_RULE;
            case SCORECARD_DEVELOPMENT -> ProblemType.SCORECARD_DEVELOPMENT_RULE;
        };
    }
}
