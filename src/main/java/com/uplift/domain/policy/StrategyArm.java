package com.uplift.domain.policy;

/** The arm of a champion/challenger experiment a credit line belongs to. */
public enum StrategyArm {
    CHAMPION, CHALLENGER
}
