package com.uplift.domain.policy;

/** A published policy as the decider receives it: its number, the SHA-256 of its canonical content, and its rules. */
public record PolicyVersion(int version, String contentHash, Policy rules) {
}
