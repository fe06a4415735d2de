package com.uplift.architecture.planted.domain;

/** Clean: a value shared by the domain's packages, in the domain package itself. */
public record Refusal(String code) {
}
