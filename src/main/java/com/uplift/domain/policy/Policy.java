package com.uplift.domain.policy;

/** The versioned weights, thresholds and rules every decision names. Loaded from JSON at the edge; pure data here. */
public record Policy(int version, String name) {
}
