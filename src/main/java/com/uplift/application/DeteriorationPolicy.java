package com.uplift.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.uplift.domain.policy.LimitDecreases;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.Tiering;
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
 * The dev demo puts the shipped decreases in force with tiering rules of its own ({@value #DEMO_TIERING}): the shipped
 * tiering would move the README walk-through's line (two years on book, on time, score 96) to PRIME before its increase
 * request, and the README's figures are those of the base increase rules. The demo's one rule moves a line down (a
 * score under 65 on fresh data puts it in the thin-file scheme), which that line never meets.
 */
public final class DeteriorationPolicy {

    public static final String SECTIONS = "policies/sections/decreases-and-tiering.json";
    /** The dev demo's tiering section: a rule the README walk-through's line does not meet. */
    public static final String DEMO_TIERING = "policies/sections/demo-tiering.json";

    private DeteriorationPolicy() {
    }

    /** The dev demo's draft: the shipped decreases section and the demo's tiering ({@value #DEMO_TIERING}). */
    public static Policy demoOnto(Policy base) {
        return base.withDecreasesAndTiering(Optional.of(decreases()),
                Optional.of(read(DEMO_TIERING, json -> CanonicalJson.mapper().treeToValue(json, Tiering.class))));
    }

    private static LimitDecreases decreases() {
        return read(SECTIONS, json -> CanonicalJson.mapper().treeToValue(json.get("decreases"), LimitDecreases.class));
    }

    private interface Section<T> {
        T of(JsonNode json) throws IOException;
    }

    private static <T> T read(String resource, Section<T> section) {
        try (InputStream in = DeteriorationPolicy.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("policy sections missing: " + resource);
            }
            return section.of(CanonicalJson.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
