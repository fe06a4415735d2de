package com.uplift.domain.risk;

/** An input that a decision could not rely on, and why; {@code ageDays} is null unless the input is stale. */
public record DataQualityIssue(String input, DataProblem problem, Long ageDays, String detail) {
}
