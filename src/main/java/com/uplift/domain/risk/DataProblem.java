package com.uplift.domain.risk;

/** Why an input does not count as evidence. */
public enum DataProblem {
    MISSING, STALE, CONTRADICTORY
}
