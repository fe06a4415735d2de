package com.uplift.domain;

import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.PolicyVersion;
import com.uplift.eventstore.CanonicalJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;

/** The shipped policy, loaded exactly as the infrastructure loads it (canonical mapper, unknown properties fail). */
public final class TestPolicies {

    public static final String HASH = "test-hash-v1";
    private static final Policy V1 = load();

    private TestPolicies() {
    }

    public static Policy policy() {
        return V1;
    }

    public static PolicyVersion v1() {
        return new PolicyVersion(V1.version(), HASH, V1);
    }

    /** A variant for one test; the JSON tree is edited so every variant still goes through the same deserialization. */
    public static PolicyVersion variant(UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> edit) {
        try (InputStream in = resource()) {
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) CanonicalJson.mapper().readTree(in);
            Policy policy = CanonicalJson.fromTree(edit.apply(tree), Policy.class);
            return new PolicyVersion(policy.version(), "test-variant", policy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Policy v1 as a version that carries its own {@code ownBookKnockout} (anyWriteOff null: left out). */
    public static PolicyVersion withOwnBookKnockout(int daysPastDue, int lookbackMonths, Boolean anyWriteOff) {
        return variant(tree -> {
            var knockout = tree.putObject("ownBookKnockout");
            knockout.put("daysPastDue", daysPastDue).put("lookbackMonths", lookbackMonths);
            if (anyWriteOff != null) {
                knockout.put("anyWriteOff", anyWriteOff);
            }
            return tree;
        });
    }

    /** The policy sections for decreases and tiering, as the demo policy version carries them (one place). */
    public static final String DECREASES_AND_TIERING = "/policies/sections/decreases-and-tiering.json";

    /**
     * Policy v1 with the decreases and tiering sections of {@link #DECREASES_AND_TIERING}, edited by {@code edit}
     * (e.g. a trigger's review levels), so every test runs the same sections through the same deserialization.
     */
    public static PolicyVersion withDecreasesAndTiering(UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> edit) {
        try (InputStream in = TestPolicies.class.getResourceAsStream(DECREASES_AND_TIERING)) {
            var sections = (com.fasterxml.jackson.databind.node.ObjectNode) CanonicalJson.mapper().readTree(in);
            return variant(tree -> {
                tree.setAll(edit.apply(sections));
                return tree;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PolicyVersion withDecreasesAndTiering() {
        return withDecreasesAndTiering(UnaryOperator.identity());
    }

    private static Policy load() {
        try (InputStream in = resource()) {
            return CanonicalJson.mapper().readValue(in, Policy.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource() {
        InputStream in = TestPolicies.class.getResourceAsStream("/policies/policy-v1.json");
        if (in == null) {
            throw new IllegalStateException("policies/policy-v1.json not on the classpath");
        }
        return in;
    }
}
