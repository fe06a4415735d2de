package com.uplift.domain.history;

import java.time.Instant;

/** A score as assessed; {@code reliable} is false when some input was missing, stale or contradictory. */
public record ScorePoint(Instant at, int score, boolean reliable) {
}
