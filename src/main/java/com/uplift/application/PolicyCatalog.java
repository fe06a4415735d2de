package com.uplift.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.PolicyVersion;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.eventstore.HashChain;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The policies the service decides under. Each version's content hash is the SHA-256 of its canonical JSON. */
@ApplicationScoped
public class PolicyCatalog {

    private final PolicyVersion current;

    public PolicyCatalog() {
        this.current = load("policies/policy-v1.json");
    }

    public PolicyVersion current() {
        return current;
    }

    static PolicyVersion load(String resource) {
        try (InputStream in = PolicyCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("policy resource missing: " + resource);
            }
            JsonNode tree = CanonicalJson.mapper().readTree(in);
            Policy rules = CanonicalJson.fromTree(tree, Policy.class);
            return new PolicyVersion(rules.version(), HashChain.sha256(CanonicalJson.write(tree)), rules);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy " + resource, e);
        }
    }
}
