package com.uplift.application;

import com.uplift.domain.policy.OfferRules;
import com.uplift.domain.policy.Policy;
import com.uplift.eventstore.CanonicalJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The increase list's section of a policy (提额名单: score >= 70, no bad record, +30% to +50%, 30 days to accept), kept
 * in one resource ({@value #SECTION}) so that the dev demo, the tests and whoever merges it into a policy version
 * read the same. Policy v1 is never edited: a version with this section is proposed and approved like any other.
 */
public final class IncreaseListPolicy {

    public static final String SECTION = "policies/offers-section.json";

    private IncreaseListPolicy() {
    }

    /** The section as shipped. */
    public static OfferRules section() {
        try (InputStream in = IncreaseListPolicy.class.getClassLoader().getResourceAsStream(SECTION)) {
            if (in == null) {
                throw new IllegalStateException("policy section missing: " + SECTION);
            }
            return CanonicalJson.mapper().readValue(in, OfferRules.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SECTION, e);
        }
    }

    /** A draft of the given policy with the increase list's section added (or replaced). */
    public static Policy onto(Policy base) {
        return base.withOffers(Optional.of(section()));
    }
}
