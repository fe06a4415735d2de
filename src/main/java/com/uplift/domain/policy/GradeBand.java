package com.uplift.domain.policy;

import java.math.BigDecimal;

/** A pricing tier: scores at or above {@code minScore} (and below the next band) get this grade and APR (percent). */
public record GradeBand(String grade, int minScore, BigDecimal aprPercent) {
}
