package com.uplift.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.uplift.domain.policy.LimitDecreases;
import com.uplift.domain.policy.Policy;
import com.uplift.eventstore.CanonicalJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The decreases and tiering sections of a policy (issue 14 parts 2 and 3: limits that come down on deterioration,
 * tiers that move), kept in one resource ({@value #SECTIONS}) that the dev demo's policy version and the tests read
 * alike. Policy v1 is never edited: a version with these sections is proposed and approved like any other.
 * <p>
 * The dev demo puts only the decreases in force: the tiering rules would move the README walk-through's line (two
 * years on book, on time, score 96) to PRIME before its increase request, and the README's figures are those of the
 * base increase rules. A tier still moves in the demo by hand ({@code PUT .../tier}).
 */
public final class DeteriorationPolicy {

    public static final String SECTIONS = "policies/sections/decreases-and-tiering.json";

    private DeteriorationPolicy() {
    }

    /** A draft of the given policy with the shipped decreases section added (or replaced); its tiering as it was. */
    public static Policy decreasesOnto(Policy base) {
        try (InputStream in = DeteriorationPolicy.class.getClassLoader().getResourceAsStream(SECTIONS)) {
            if (in == null) {
                throw new IllegalStateException("policy sections missing: " + SECTIONS);
            }
            JsonNode sections = CanonicalJson.mapper().readTree(in);
            return base.withDecreasesAndTiering(
                    Optional.of(CanonicalJson.mapper().treeToValue(sections.get("decreases"), LimitDecreases.class)),
                    base.tiering());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SECTIONS, e);
        }
    }
}
